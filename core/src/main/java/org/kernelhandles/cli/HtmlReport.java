package org.kernelhandles.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kernelhandles.scenario.RunReport;
import org.kernelhandles.scenario.RunReport.Failure;
import org.kernelhandles.scenario.RunReport.Finding;
import org.kernelhandles.scenario.RunReport.LineRecord;
import org.kernelhandles.scenario.RunReport.OpenHandle;
import org.kernelhandles.scenario.RunReport.Snapshot;
import org.kernelhandles.scenario.RunReport.Snapshot.HandleState;
import org.kernelhandles.scenario.RunReport.Snapshot.ObjectState;
import org.kernelhandles.scenario.RunReport.Snapshot.ProcessState;
import org.kernelhandles.scenario.RunReport.Snapshot.ThreadState;

/**
 * {@code kh run --html FILE}: the run as one self-contained page (inline CSS and script, nothing
 * fetched) that steps through it line by line. On the left, every line with its call, result,
 * last error, effects, failed expectations and the verifier's findings made there; on the right,
 * for the selected line, each process's handle table with an arrow from every entry to the
 * object it refers to, what the line changed highlighted (handles made, closed, values handed
 * out again, counts that moved). Below: all findings and the handles open at the end.
 *
 * <p>Every piece of text from the run is escaped; the script reads nothing but the page's own
 * elements.
 */
final class HtmlReport {
    private final StringBuilder html = new StringBuilder(64 * 1024);
    private final RunReport report;
    private final Map<Integer, Integer> stepOfLine = new HashMap<>();

    /** A table slot: a value in a process. */
    private record Slot(long pid, long value) {}

    /** What a slot named before its handle was closed, and the line that closed it. */
    private record Former(HandleState handle, int closedAtLine) {}

    /** For each slot whose handle was closed, its last occupant: to tell a value handed out again. */
    private final Map<Slot, Former> formers = new HashMap<>();

    private HtmlReport(RunReport report) {
        this.report = report;
        for (int i = 0; i < report.lines().size(); i++) {
            stepOfLine.putIfAbsent(report.lines().get(i).line(), i);
        }
    }

    /**
     * The page for {@code report}, whose lines should carry snapshots (a line without one shows
     * no picture). {@code settings} says how the kernel was configured, for the header.
     */
    static String of(RunReport report, String settings) {
        HtmlReport h = new HtmlReport(report);
        h.page(settings);
        return h.html.toString();
    }

    // ---------------------------------------------------------------- the page

    private void page(String settings) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>kh run ").append(esc(report.source())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        header(settings);
        if (!report.problems().isEmpty()) {
            html.append("<main class=\"notrun\"><h2>The file has errors; none of its lines ran.</h2><ul class=\"problems\">");
            for (String p : report.problems()) {
                html.append("<li><code>").append(esc(p)).append("</code></li>");
            }
            html.append("</ul></main>\n</body>\n</html>\n");
            return;
        }
        Map<Integer, List<Failure>> failuresAt = new LinkedHashMap<>();
        for (Failure f : report.failures()) {
            failuresAt.computeIfAbsent(f.line(), k -> new ArrayList<>()).add(f);
        }
        Map<Integer, List<Finding>> findingsAt = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            findingsAt.computeIfAbsent(f.line(), k -> new ArrayList<>()).add(f);
        }
        html.append("<main>\n<section class=\"lines\" aria-label=\"Lines\">\n<h2>Lines</h2>\n<ol class=\"list\">\n");
        for (int i = 0; i < report.lines().size(); i++) {
            LineRecord l = report.lines().get(i);
            lineRow(i, l, failuresAt.getOrDefault(l.line(), List.of()), findingsAt.getOrDefault(l.line(), List.of()));
        }
        html.append("</ol>\n</section>\n<section class=\"view\" aria-label=\"Kernel state\">\n")
                .append("<div class=\"nav\"><button id=\"prev\" type=\"button\" title=\"Previous line (\u2190)\">\u25C0 Prev</button>")
                .append("<span id=\"pos\" aria-live=\"polite\"></span>")
                .append("<button id=\"next\" type=\"button\" title=\"Next line (\u2192)\">Next \u25B6</button>")
                .append("<span class=\"keys\">\u2190 \u2192 or j k to step</span></div>\n");
        if (report.lines().isEmpty()) {
            html.append("<p class=\"muted\">The scenario has no statements.</p>\n");
        }
        for (int i = 0; i < report.lines().size(); i++) {
            LineRecord l = report.lines().get(i);
            Snapshot before = i == 0 ? null : report.lines().get(i - 1).snapshot();
            step(i, l, before, failuresAt.getOrDefault(l.line(), List.of()),
                    findingsAt.getOrDefault(l.line(), List.of()));
        }
        legend();
        html.append("</section>\n</main>\n");
        footer(failuresAt);
        html.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    }

    private void header(String settings) {
        int failed = report.failures().size();
        html.append("<header>\n<h1><span class=\"cmd\">kh run</span> ").append(esc(report.source())).append("</h1>\n")
                .append("<p class=\"summary\">");
        if (!report.problems().isEmpty()) {
            chip("bad", "did not parse");
        } else {
            chip(failed == 0 ? "ok" : "bad", failed == 0 ? "all expectations held"
                    : failed + " line" + (failed == 1 ? "" : "s") + " failed");
            chip("", report.lines().size() + " line" + (report.lines().size() == 1 ? "" : "s") + " run");
            int n = report.findings().size();
            chip(n == 0 ? "ok" : "warn", n == 0 ? "the verifier found nothing" : n + " finding" + (n == 1 ? "" : "s"));
            int open = report.openAtEnd().size();
            chip(open == 0 ? "ok" : "warn", open + " handle" + (open == 1 ? "" : "s") + " open at the end");
        }
        html.append("<span class=\"settings\">").append(esc(settings)).append("</span></p>\n</header>\n");
    }

    private void chip(String kind, String text) {
        html.append("<span class=\"chip ").append(kind).append("\">").append(esc(text)).append("</span> ");
    }

    // ---------------------------------------------------------------- the list of lines

    private void lineRow(int step, LineRecord l, List<Failure> failures, List<Finding> findings) {
        boolean failed = !failures.isEmpty() || l.error() != null;
        html.append("<li class=\"ln").append(failed ? " failed" : "").append(findings.isEmpty() ? "" : " flagged")
                .append("\" id=\"L").append(l.line()).append("\" data-step=\"").append(step)
                .append("\">\n<div class=\"head\"><span class=\"no\">").append(l.line())
                .append("</span><span class=\"thr\">").append(esc(l.thread())).append("</span></div>\n")
                .append("<div class=\"call\"><code>").append(esc(l.call())).append("</code>");
        if (l.result() != null) {
            html.append(" <span class=\"eq\">=</span> <code class=\"res\">").append(esc(l.result())).append("</code>");
        }
        if (l.lastError() != null) {
            html.append(" <code class=\"lasterr\">").append(esc(l.lastError())).append("</code>");
        }
        html.append("</div>\n");
        if (!l.outputs().isEmpty() || !l.effects().isEmpty()) {
            html.append("<ul class=\"fx\">");
            for (String o : l.outputs()) {
                html.append("<li class=\"out\">\u2192 ").append(esc(o)).append("</li>");
            }
            for (String e : l.effects()) {
                html.append("<li class=\"").append(effectClass(e)).append("\">").append(esc(e.strip())).append("</li>");
            }
            html.append("</ul>\n");
        }
        if (l.error() != null) {
            html.append("<div class=\"fail\"><b>Error:</b> ").append(esc(l.error())).append("</div>\n");
        }
        for (Failure f : failures) {
            if (!f.expected().isEmpty()) {
                html.append("<div class=\"fail\"><b>Expectation failed:</b> expected <code>").append(esc(f.expected()))
                        .append("</code>, got <code>").append(esc(f.actual())).append("</code></div>\n");
            } else if (l.error() == null || !f.actual().equals("error: " + l.error())) {
                html.append("<div class=\"fail\">").append(esc(f.actual())).append("</div>\n");
            }
        }
        for (Finding f : findings) {
            finding(f, "div");
        }
        html.append("</li>\n");
    }

    private static String effectClass(String effect) {
        String e = effect.strip();
        if (e.startsWith("+")) {
            return "add";
        }
        if (e.startsWith("-")) {
            return "del";
        }
        if (e.startsWith("!")) {
            return "reuse";
        }
        if (e.startsWith("x ")) {
            return "gone";
        }
        if (e.startsWith("~")) {
            return "wait";
        }
        return "note";
    }

    /** A finding, with links to the other lines it names. */
    private void finding(Finding f, String tag) {
        html.append('<').append(tag).append(" class=\"finding k-").append(cls(f.kind())).append("\"><span class=\"kind\">")
                .append(esc(f.kind())).append("</span> ");
        if (tag.equals("li")) {
            html.append("at ").append(lineLink(f.line())).append(' ');
        }
        if (f.variable() != null) {
            html.append("<code>").append(esc(f.variable())).append("</code> ");
        }
        html.append(esc(f.message()));
        List<Integer> related = f.related().stream().filter(n -> n > 0).distinct().toList();
        if (!related.isEmpty()) {
            html.append(" <span class=\"see\">(see ");
            for (int i = 0; i < related.size(); i++) {
                html.append(i == 0 ? "" : ", ").append(lineLink(related.get(i)));
            }
            html.append(")</span>");
        }
        html.append("</").append(tag).append(">\n");
    }

    private String lineLink(int line) {
        if (line <= 0) {
            return "outside the script";
        }
        if (!stepOfLine.containsKey(line)) {
            return "line " + line;
        }
        return "<a href=\"#line" + line + "\" data-goto=\"" + stepOfLine.get(line) + "\">line " + line + "</a>";
    }

    // ---------------------------------------------------------------- the picture of one line

    private void step(int step, LineRecord l, Snapshot before, List<Failure> failures, List<Finding> findings) {
        html.append("<article class=\"step\" id=\"s").append(step).append("\" data-line=\"").append(l.line())
                .append("\"").append(step == 0 ? "" : " hidden").append(">\n<h2>Line ").append(l.line())
                .append(" <span class=\"thr\">").append(esc(l.thread())).append("</span></h2>\n<p class=\"callbig\"><code>")
                .append(esc(l.call())).append("</code>");
        if (l.result() != null) {
            html.append(" = <code class=\"res\">").append(esc(l.result())).append("</code>");
        }
        if (l.lastError() != null) {
            html.append(" <code class=\"lasterr\">").append(esc(l.lastError())).append("</code>");
        }
        html.append("</p>\n");
        if (!failures.isEmpty() || l.error() != null) {
            html.append("<p class=\"fail\">This line failed: ").append(esc(failures.isEmpty() ? l.error()
                    : failures.get(0).expected().isEmpty() ? failures.get(0).actual()
                    : "expected " + failures.get(0).expected() + ", got " + failures.get(0).actual())).append("</p>\n");
        }
        for (Finding f : findings) {
            finding(f, "p");
        }
        Snapshot now = l.snapshot();
        if (now == null) {
            html.append("<p class=\"muted\">No snapshot was recorded for this line.</p>\n</article>\n");
            return;
        }
        html.append("<div class=\"picture\">\n<svg class=\"arrows\" aria-hidden=\"true\"><defs>");
        for (String kind : List.of("same", "new", "closed", "reused")) {
            html.append("<marker id=\"m-").append(step).append('-').append(kind)
                    .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" ")
                    .append("orient=\"auto-start-reverse\"><path class=\"a-").append(kind)
                    .append("\" d=\"M0,0 L10,5 L0,10 z\"/></marker>");
        }
        html.append("</defs></svg>\n<div class=\"procs\">\n");
        Map<Long, ProcessState> oldProcs = new LinkedHashMap<>();
        Map<Long, ObjectState> oldObjects = new HashMap<>();
        if (before != null) {
            before.processes().forEach(p -> oldProcs.put(p.pid(), p));
            before.objects().forEach(o -> oldObjects.put(o.id(), o));
        }
        for (ProcessState p : now.processes()) {
            process(p, oldProcs.remove(p.pid()), before != null, l.line());
        }
        for (ProcessState gone : oldProcs.values()) {
            html.append("<div class=\"proc ghost\"><div class=\"ph\"><span class=\"img\">").append(esc(gone.image()))
                    .append("</span> <span class=\"pid\">pid ").append(gone.pid())
                    .append("</span> <span class=\"tag t-closed\">its object is gone</span></div></div>\n");
        }
        if (now.processes().isEmpty() && oldProcs.isEmpty()) {
            html.append("<p class=\"muted\">No process exists.</p>\n");
        }
        html.append("</div>\n<div class=\"gutter\"></div>\n<div class=\"objs\">\n");
        if (now.objects().isEmpty()) {
            html.append("<p class=\"muted\">No handle refers to any object.</p>\n");
        }
        for (ObjectState o : now.objects()) {
            object(o, oldObjects.get(o.id()), before == null || oldObjects.containsKey(o.id()));
        }
        html.append("</div>\n</div>\n</article>\n");
    }

    private void process(ProcessState p, ProcessState old, boolean hadBefore, int line) {
        boolean isNew = hadBefore && old == null;
        boolean exitedNow = p.exited() && (old == null || !old.exited());
        html.append("<div class=\"proc").append(isNew ? " new" : "").append(p.exited() ? " exited" : "")
                .append("\"><div class=\"ph\"><span class=\"img\">").append(esc(p.image()))
                .append("</span> <span class=\"pid\">pid ").append(p.pid()).append(" \u00B7 Process#").append(p.objectId())
                .append("</span>");
        if (isNew) {
            html.append(" <span class=\"tag t-new\">new</span>");
        }
        if (p.exited()) {
            html.append(" <span class=\"tag t-closed\">").append(exitedNow ? "exited at this line" : "exited")
                    .append("</span>");
        }
        html.append("</div>\n<div class=\"threads\">");
        for (ThreadState t : p.threads()) {
            html.append("<span class=\"thread").append(t.state().equals("running") ? "" : " ended").append("\">tid ")
                    .append(t.tid()).append(": ").append(esc(t.state())).append("</span>");
        }
        html.append("</div>\n");
        Map<Long, HandleState> oldHandles = new LinkedHashMap<>();
        if (old != null) {
            old.handles().forEach(h -> oldHandles.put(h.value(), h));
        }
        List<HandleState> rows = new ArrayList<>(p.handles());
        for (HandleState h : oldHandles.values()) {
            if (p.handles().stream().noneMatch(n -> n.value() == h.value())) {
                rows.add(h);
            }
        }
        rows.sort(java.util.Comparator.comparingLong(HandleState::value));
        if (rows.isEmpty()) {
            html.append("<p class=\"empty\">handle table empty</p></div>\n");
            return;
        }
        html.append("<table class=\"ht\"><thead><tr><th>value</th><th>access</th><th>flags</th><th>object</th></tr></thead><tbody>\n");
        for (HandleState h : rows) {
            boolean current = p.handles().contains(h);
            HandleState was = oldHandles.get(h.value());
            String kind;
            String tag = null;
            if (!current) {
                kind = "closed";
                tag = "closed";
            } else if (was == null && formers.get(new Slot(p.pid(), h.value())) instanceof Former f
                    && f.handle().objectId() != h.objectId()) {
                kind = "reused";
                tag = "value reused: named " + f.handle().object() + " until line " + f.closedAtLine();
            } else if (was == null) {
                kind = "new";
                tag = "new";
            } else if (was.objectId() != h.objectId()) {
                kind = "reused";
                tag = "value reused: named " + was.object() + " until this line";
            } else if (was.grantedAccess() != h.grantedAccess() || was.attributes() != h.attributes()) {
                kind = "changed";
                tag = "flags changed";
            } else {
                kind = "same";
            }
            html.append("<tr class=\"h-").append(kind).append("\" data-obj=\"").append(h.objectId())
                    .append("\" data-kind=\"").append(kind).append("\"><td class=\"val\">")
                    .append(TextReport.hex(h.value())).append("</td><td class=\"acc\">")
                    .append(TextReport.hex(Integer.toUnsignedLong(h.grantedAccess()))).append("</td><td class=\"flags\">")
                    .append(flags(h.attributes())).append("</td><td class=\"to\">").append(esc(h.object()));
            if (tag != null) {
                html.append(" <span class=\"tag t-").append(kind).append("\">").append(esc(tag)).append("</span>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody></table></div>\n");
        for (HandleState h : rows) {
            Slot slot = new Slot(p.pid(), h.value());
            if (!p.handles().contains(h)) {
                formers.put(slot, new Former(h, line)); // closed at this line
            } else {
                formers.remove(slot);
            }
        }
    }

    private static String flags(int attributes) {
        List<String> f = new ArrayList<>();
        if ((attributes & 1) != 0) {
            f.add("<abbr title=\"HANDLE_FLAG_INHERIT\">inherit</abbr>");
        }
        if ((attributes & 2) != 0) {
            f.add("<abbr title=\"HANDLE_FLAG_PROTECT_FROM_CLOSE\">protect</abbr>");
        }
        int rest = attributes & ~3;
        if (rest != 0) {
            f.add(TextReport.hex(rest));
        }
        return f.isEmpty() ? "<span class=\"muted\">\u2013</span>" : String.join(" ", f);
    }

    private void object(ObjectState o, ObjectState old, boolean existedBefore) {
        boolean lost = o.handleCount() == 0;
        String kind = o.deleted() ? "deleted" : lost ? "lost" : !existedBefore ? "new" : "same";
        html.append("<div class=\"obj o-").append(kind).append(" ty-").append(cls(o.type())).append("\" data-id=\"")
                .append(o.id()).append("\"><div class=\"oh\"><span class=\"type\">").append(esc(o.type()))
                .append("</span><span class=\"oid\">#").append(o.id()).append("</span>");
        if (kind.equals("new")) {
            html.append(" <span class=\"tag t-new\">new</span>");
        } else if (kind.equals("deleted")) {
            html.append(" <span class=\"tag t-closed\">deleted</span>");
        } else if (kind.equals("lost")) {
            html.append(" <span class=\"tag t-reused\">no handles left</span>");
        }
        html.append("</div>\n");
        String prefix = o.type() + "#" + o.id();
        String extra = o.description().startsWith(prefix) ? o.description().substring(prefix.length()).strip()
                : o.description();
        if (o.name() != null) {
            html.append("<div class=\"oname\">\u201C").append(esc(o.name())).append("\u201D</div>\n");
        } else if (!extra.isEmpty()) {
            html.append("<div class=\"oname plain\">").append(esc(extra)).append("</div>\n");
        }
        html.append("<div class=\"counts\">");
        count("handles", o.handleCount(), old == null ? null : old.handleCount());
        count("pointers", o.pointerCount(), old == null ? null : old.pointerCount());
        html.append("</div>\n");
        if (o.state() != null) {
            html.append("<div class=\"ostate").append(o.state().equals("running") ? "" : " ended").append("\">")
                    .append(esc(o.state())).append("</div>\n");
        }
        if (kind.equals("lost") && o.pointerCount() > 0) {
            html.append("<div class=\"note\">kept alive by ").append(o.pointerCount()).append(" pointer reference")
                    .append(o.pointerCount() == 1 ? "" : "s").append("</div>\n");
        }
        html.append("</div>\n");
    }

    private void count(String what, int now, Integer was) {
        boolean changed = was != null && was != now;
        html.append("<span class=\"count").append(changed ? " moved" : "").append("\">").append(what).append(" <b>")
                .append(now).append("</b>");
        if (changed) {
            html.append(" <s title=\"before this line\">").append(was).append("</s>");
        }
        html.append("</span>");
    }

    private void legend() {
        html.append("<p class=\"legend\"><span><span class=\"sw s-new\"></span>made at this line</span>")
                .append("<span><span class=\"sw s-closed\"></span>closed at this line</span>")
                .append("<span><span class=\"sw s-reused\"></span>value handed out again, to another object</span>")
                .append("<span><span class=\"count moved\"><b>2</b> <s>3</s></span> a count this line changed "
                        + "(struck: before it)</span></p>\n");
    }

    // ---------------------------------------------------------------- findings and what is left at the end

    private void footer(Map<Integer, List<Failure>> failuresAt) {
        html.append("<footer>\n<section class=\"findings\"><h2>Verifier findings (").append(report.findings().size())
                .append(")</h2>\n");
        if (report.findings().isEmpty()) {
            html.append("<p class=\"muted\">The verifier found nothing.</p>\n");
        } else {
            html.append("<ul>\n");
            for (Finding f : report.findings()) {
                finding(f, "li");
            }
            html.append("</ul>\n");
        }
        List<Failure> elsewhere = new ArrayList<>();
        failuresAt.forEach((line, fs) -> {
            if (!stepOfLine.containsKey(line)) {
                elsewhere.addAll(fs);
            }
        });
        if (!elsewhere.isEmpty()) {
            html.append("<h2>Other failures</h2>\n<ul>\n");
            for (Failure f : elsewhere) {
                html.append("<li class=\"fail\">line ").append(f.line()).append(": <code>").append(esc(f.text()))
                        .append("</code>: ").append(esc(f.expected().isEmpty() ? f.actual()
                        : "expected " + f.expected() + ", got " + f.actual())).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("</section>\n<section class=\"open\"><h2>Open at the end of the run (").append(report.openAtEnd().size())
                .append(")</h2>\n");
        if (report.openAtEnd().isEmpty()) {
            html.append("<p class=\"muted\">No handle is open at the end of the run.</p>\n");
        } else {
            html.append("<table class=\"ht\"><thead><tr><th>process</th><th>value</th><th>object</th><th>made at</th></tr></thead><tbody>\n");
            for (OpenHandle h : report.openAtEnd()) {
                html.append("<tr><td>").append(esc(h.process())).append("</td><td class=\"val\">").append(TextReport.hex(h.value()))
                        .append("</td><td>").append(esc(h.object())).append("</td><td>")
                        .append(h.createdAtLine() > 0 ? lineLink(h.createdAtLine()) : "<span class=\"muted\">\u2013</span>")
                        .append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        for (String b : report.blockedAtEnd()) {
            html.append("<p class=\"fail\">Blocked at the end of the run: ").append(esc(b)).append("</p>\n");
        }
        html.append("</section>\n</footer>\n");
    }

    // ---------------------------------------------------------------- text

    /** Text made safe for element content and for quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append('\uFFFD'); // control characters are not allowed in HTML text
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A CSS class fragment from a type or finding kind: lower case letters and digits only. */
    private static String cls(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static final String CSS = """
            :root { --bg:#f7f7f5; --card:#fff; --ink:#1d1f23; --muted:#6b7079; --line:#dcdde0;
              --sel:#e8f0fe; --selb:#3b6fd8; --new:#1f8a4c; --newbg:#e6f4ea; --closed:#c0392b; --closedbg:#fdecea;
              --reused:#c77700; --reusedbg:#fff4e0; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
            * { box-sizing:border-box; }
            body { margin:0; background:var(--bg); color:var(--ink); font:14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            code, .val, .acc, .pid, .oid { font-family:var(--mono); font-size:12.5px; }
            header { padding:14px 22px 10px; border-bottom:1px solid var(--line); background:var(--card); }
            h1 { margin:0 0 6px; font-size:19px; font-weight:600; word-break:break-all; }
            h1 .cmd { color:var(--muted); font-weight:500; font-family:var(--mono); font-size:16px; margin-right:4px; }
            h2 { font-size:15px; margin:0 0 8px; font-weight:600; }
            .summary { margin:0; display:flex; flex-wrap:wrap; gap:6px; align-items:center; }
            .chip { border-radius:999px; padding:1px 10px; background:#eceef1; font-size:12.5px; }
            .chip.ok { background:var(--newbg); color:var(--new); } .chip.bad { background:var(--closedbg); color:var(--closed); font-weight:600; }
            .chip.warn { background:var(--reusedbg); color:#8a5300; }
            .settings { color:var(--muted); font-size:12.5px; margin-left:6px; }
            main { display:grid; grid-template-columns:minmax(340px, 5fr) minmax(520px, 7fr); gap:16px; padding:16px 22px; align-items:start; }
            main.notrun { display:block; }
            .lines { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 0 4px; max-height:calc(100vh - 110px); overflow:auto; position:sticky; top:10px; }
            .lines h2 { padding:0 14px; }
            .list { list-style:none; margin:0; padding:0; }
            .ln { padding:6px 14px 7px; border-left:3px solid transparent; border-top:1px solid #f0f0f2; cursor:pointer; }
            .ln:hover { background:#f4f6fa; }
            .ln.sel { background:var(--sel); border-left-color:var(--selb); }
            .ln.failed { border-left-color:var(--closed); } .ln.failed.sel { border-left-color:var(--closed); }
            .ln .head { display:flex; gap:8px; align-items:baseline; font-size:12px; color:var(--muted); }
            .ln .no { font-family:var(--mono); font-weight:600; color:var(--ink); min-width:2.5em; }
            .call { overflow-wrap:anywhere; }
            .eq { color:var(--muted); }
            .res { font-weight:600; }
            .lasterr { color:var(--closed); font-weight:600; }
            .fx { list-style:none; margin:3px 0 0; padding:0 0 0 2px; font-family:var(--mono); font-size:11.5px; color:#4a4f57; }
            .fx li { overflow-wrap:anywhere; }
            .fx .add { color:var(--new); } .fx .del { color:var(--closed); } .fx .reuse { color:var(--reused); font-weight:600; }
            .fx .gone { color:var(--closed); font-style:italic; } .fx .out { color:var(--selb); } .fx .wait { color:#6a4fb3; }
            .fail { color:var(--closed); background:var(--closedbg); border-radius:4px; padding:2px 7px; margin-top:4px; font-size:12.5px; overflow-wrap:anywhere; }
            .finding { background:var(--reusedbg); border-radius:4px; padding:2px 7px; margin-top:4px; font-size:12.5px; overflow-wrap:anywhere; }
            .finding .kind { font-family:var(--mono); font-weight:700; color:#8a5300; font-size:11.5px; }
            .finding.k-leak .kind { color:#6a4fb3; }
            .see { color:var(--muted); }
            a { color:var(--selb); }
            .view { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 16px 14px; min-width:0; }
            .nav { display:flex; gap:10px; align-items:center; margin-bottom:10px; }
            .nav button { font:inherit; padding:3px 12px; border:1px solid var(--line); border-radius:6px; background:#fff; cursor:pointer; }
            .nav button:hover:not(:disabled) { border-color:var(--selb); color:var(--selb); }
            .nav button:disabled { opacity:.4; cursor:default; }
            #pos { font-variant-numeric:tabular-nums; color:var(--muted); min-width:8em; text-align:center; }
            .keys { margin-left:auto; color:var(--muted); font-size:12px; }
            .step h2 { margin-bottom:2px; } .step h2 .thr { color:var(--muted); font-weight:400; font-size:13px; margin-left:6px; }
            .callbig { margin:0 0 6px; overflow-wrap:anywhere; }
            .step > p.finding, .step > p.fail { margin:4px 0; }
            .picture { position:relative; display:flex; align-items:flex-start; margin-top:12px; }
            .arrows { position:absolute; left:0; top:0; pointer-events:none; overflow:visible; }
            .arrows path { fill:none; stroke-width:1.6; }
            .arrows .a-same { stroke:#8c929c; fill:#8c929c; } .arrows .a-new { stroke:var(--new); fill:var(--new); }
            .arrows .a-closed { stroke:var(--closed); fill:var(--closed); } .arrows .a-reused { stroke:var(--reused); fill:var(--reused); }
            .arrows path.line { fill:none; } .arrows path.line.a-closed { stroke-dasharray:4 3; }
            .procs { flex:0 1 auto; min-width:0; display:flex; flex-direction:column; gap:12px; }
            .gutter { flex:0 0 78px; }
            .objs { flex:0 0 210px; display:flex; flex-direction:column; gap:10px; }
            .proc { border:1px solid var(--line); border-radius:8px; background:#fbfbfc; padding:7px 8px 8px; }
            .proc.new { border-color:var(--new); box-shadow:0 0 0 2px var(--newbg); }
            .proc.exited { background:#f3f3f4; } .proc.ghost { opacity:.65; border-style:dashed; }
            .ph { font-weight:600; } .ph .pid { color:var(--muted); font-weight:400; margin-left:4px; }
            .threads { display:flex; flex-wrap:wrap; gap:4px; margin:3px 0 6px; }
            .thread { font-size:11.5px; background:#eaf3ec; color:#24643c; border-radius:4px; padding:0 6px; }
            .thread.ended { background:#eeeeef; color:var(--muted); }
            .empty { margin:2px 0 0; color:var(--muted); font-style:italic; font-size:12.5px; }
            table.ht { border-collapse:collapse; background:#fff; font-size:12.5px; }
            .ht th { text-align:left; font-weight:500; color:var(--muted); font-size:11.5px; padding:2px 8px; border-bottom:1px solid var(--line); }
            .ht td { padding:3px 8px; border-bottom:1px solid #f0f0f2; vertical-align:top; }
            .ht .val { font-weight:700; }
            .ht .val, .ht .acc, .ht .flags { white-space:nowrap; }
            .ht .to { color:#4a4f57; }
            .ht tr.h-new td { background:var(--newbg); } .ht tr.h-new .val { color:var(--new); }
            .ht tr.h-closed td { background:var(--closedbg); color:var(--closed); } .ht tr.h-closed .val, .ht tr.h-closed .acc { text-decoration:line-through; }
            .ht tr.h-reused td { background:var(--reusedbg); } .ht tr.h-reused .val { color:var(--reused); }
            .ht tr.h-changed td { background:#eef3ff; }
            .tag { display:inline-block; font-size:10.5px; font-weight:600; border-radius:4px; padding:0 5px; margin-left:3px; vertical-align:1px; font-family:system-ui, sans-serif; }
            .t-new { background:var(--new); color:#fff; } .t-closed { background:var(--closed); color:#fff; }
            .t-reused { background:var(--reused); color:#fff; } .t-changed { background:var(--selb); color:#fff; }
            abbr { text-decoration:none; border-bottom:1px dotted var(--muted); }
            .obj { border:1px solid var(--line); border-left:4px solid #8c929c; border-radius:7px; background:#fff; padding:5px 9px 6px; }
            .obj.ty-event { border-left-color:#3b6fd8; } .obj.ty-mutant { border-left-color:#8e44ad; } .obj.ty-semaphore { border-left-color:#16a085; }
            .obj.ty-file { border-left-color:#b7791f; } .obj.ty-thread { border-left-color:#2f855a; } .obj.ty-process { border-left-color:#2c5282; }
            .obj.o-new { box-shadow:0 0 0 2px var(--newbg); border-color:var(--new); }
            .obj.o-deleted { opacity:.7; border-style:dashed; background:var(--closedbg); }
            .obj.o-lost { border-style:dashed; background:var(--reusedbg); }
            .oh { font-weight:600; } .oid { color:var(--muted); font-weight:400; margin-left:2px; }
            .oname { font-size:12.5px; overflow-wrap:anywhere; } .oname.plain { color:var(--muted); }
            .counts { display:flex; gap:10px; font-size:12px; color:var(--muted); margin-top:2px; }
            .count b { color:var(--ink); font-variant-numeric:tabular-nums; }
            .count.moved { color:var(--reused); } .count.moved b { color:var(--reused); }
            .count s { color:var(--muted); font-size:11px; }
            .ostate { font-size:12px; color:#24643c; } .ostate.ended { color:var(--muted); }
            .note { font-size:11.5px; color:var(--muted); font-style:italic; }
            .legend { margin:14px 0 0; font-size:12px; color:var(--muted); display:flex; flex-wrap:wrap; gap:4px 10px; align-items:center; }
            .sw { display:inline-block; width:11px; height:11px; border-radius:3px; margin-right:3px; vertical-align:-1px; }
            .s-new { background:var(--new); } .s-closed { background:var(--closed); } .s-reused { background:var(--reused); }
            .muted { color:var(--muted); }
            footer { display:grid; grid-template-columns:1fr 1fr; gap:16px; padding:0 22px 24px; }
            footer section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 16px; min-width:0; }
            footer ul { list-style:none; margin:0; padding:0; display:flex; flex-direction:column; gap:5px; }
            .problems { padding-left:18px; }
            @media (max-width: 980px) { main, footer { grid-template-columns:1fr; } .lines { position:relative; top:0; max-height:45vh; } }
            """;

    private static final String SCRIPT = """
            (function () {
              'use strict';
              var rows = Array.prototype.slice.call(document.querySelectorAll('.ln'));
              var steps = Array.prototype.slice.call(document.querySelectorAll('.step'));
              var prev = document.getElementById('prev'), next = document.getElementById('next');
              var pos = document.getElementById('pos');
              var NS = 'http://www.w3.org/2000/svg';
              var list = document.querySelector('.lines');
              var cur = -1;
              if (!steps.length) { if (prev) { prev.disabled = true; next.disabled = true; } return; }
              steps.forEach(function (s) { s.hidden = true; });

              // Scrolls the list of lines, and only it, so that the row shows.
              function reveal(row) {
                var top = row.offsetTop, bottom = top + row.offsetHeight;
                if (top < list.scrollTop + 30) { list.scrollTop = top - 40; }
                else if (bottom > list.scrollTop + list.clientHeight) { list.scrollTop = bottom - list.clientHeight + 12; }
              }

              function draw(step) {
                var pic = step.querySelector('.picture');
                if (!pic) { return; }
                var svg = pic.querySelector('svg.arrows');
                Array.prototype.slice.call(svg.querySelectorAll('path.line')).forEach(function (p) { p.remove(); });
                var base = pic.getBoundingClientRect();
                svg.setAttribute('width', Math.ceil(pic.scrollWidth));
                svg.setAttribute('height', Math.ceil(pic.scrollHeight));
                var id = step.id.slice(1);
                var trs = Array.prototype.slice.call(pic.querySelectorAll('tr[data-obj]'));
                var into = {}, seen = {};
                trs.forEach(function (tr) { var o = tr.getAttribute('data-obj'); into[o] = (into[o] || 0) + 1; });
                trs.forEach(function (tr) {
                  var o = tr.getAttribute('data-obj');
                  var box = pic.querySelector('.obj[data-id="' + o + '"]');
                  if (!box) { return; }
                  var k = seen[o] = (seen[o] || 0) + 1; // arrows into one box end spread down its left edge
                  var r = tr.getBoundingClientRect(), b = box.getBoundingClientRect();
                  var x1 = r.right - base.left + 2, y1 = r.top + r.height / 2 - base.top;
                  var x2 = b.left - base.left - 1;
                  var y2 = b.top - base.top + Math.min(b.height - 8, 8 + (k - 1) * Math.min(12, (b.height - 16) / Math.max(1, into[o] - 1)));
                  if (into[o] === 1) { y2 = b.top - base.top + Math.min(b.height / 2, 16); }
                  var dx = Math.max(30, (x2 - x1) / 2);
                  var kind = tr.getAttribute('data-kind');
                  if (kind === 'changed') { kind = 'same'; }
                  var p = document.createElementNS(NS, 'path');
                  p.setAttribute('d', 'M' + x1 + ',' + y1 + ' C' + (x1 + dx) + ',' + y1 + ' ' + (x2 - dx) + ',' + y2 + ' ' + x2 + ',' + y2);
                  p.setAttribute('class', 'line a-' + kind);
                  p.setAttribute('marker-end', 'url(#m-' + id + '-' + kind + ')');
                  svg.appendChild(p);
                });
              }

              function show(i, scroll) {
                i = Math.max(0, Math.min(steps.length - 1, i));
                if (cur >= 0 && cur !== i) { steps[cur].hidden = true; rows[cur].classList.remove('sel'); rows[cur].removeAttribute('aria-current'); }
                cur = i;
                steps[i].hidden = false;
                rows[i].classList.add('sel');
                rows[i].setAttribute('aria-current', 'step');
                pos.textContent = 'line ' + steps[i].getAttribute('data-line') + '  (' + (i + 1) + ' of ' + steps.length + ')';
                prev.disabled = i === 0;
                next.disabled = i === steps.length - 1;
                if (scroll) { reveal(rows[i]); }
                try { history.replaceState(null, '', '#line' + steps[i].getAttribute('data-line')); } catch (e) { /* file: URLs in some browsers */ }
                draw(steps[i]);
              }

              function fromHash() {
                // #lineN selects line N; no element has that id, so the browser does not scroll the page to it
                var m = /^#line([0-9]+)$/.exec(location.hash);
                var row = m ? document.getElementById('L' + m[1]) : null;
                return row ? rows.indexOf(row) : -1;
              }

              rows.forEach(function (r, i) {
                r.addEventListener('click', function (e) { if (!e.target.closest('a')) { show(i, false); } });
              });
              document.querySelectorAll('a[data-goto]').forEach(function (a) {
                a.addEventListener('click', function (e) { e.preventDefault(); show(+a.getAttribute('data-goto'), true); });
              });
              prev.addEventListener('click', function () { show(cur - 1, true); });
              next.addEventListener('click', function () { show(cur + 1, true); });
              document.addEventListener('keydown', function (e) {
                if (e.altKey || e.ctrlKey || e.metaKey) { return; }
                var k = e.key;
                if (k === 'ArrowLeft' || k === 'ArrowUp' || k === 'k') { show(cur - 1, true); e.preventDefault(); }
                else if (k === 'ArrowRight' || k === 'ArrowDown' || k === 'j') { show(cur + 1, true); e.preventDefault(); }
                else if (k === 'Home') { show(0, true); e.preventDefault(); }
                else if (k === 'End') { show(steps.length - 1, true); e.preventDefault(); }
              });
              window.addEventListener('resize', function () { draw(steps[cur]); });
              window.addEventListener('hashchange', function () { var i = fromHash(); if (i >= 0 && i !== cur) { show(i, true); } });
              var start = fromHash();
              show(start >= 0 ? start : 0, start >= 0);
            })();
            """;
}
