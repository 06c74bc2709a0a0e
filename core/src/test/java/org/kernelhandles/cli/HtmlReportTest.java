package org.kernelhandles.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.scenario.RunReport;
import org.kernelhandles.scenario.RunReport.Snapshot;
import org.kernelhandles.scenario.ScenarioRunner;

/** {@code kh run --html FILE}: the page that steps through a run, and the snapshots it is drawn from. */
class HtmlReportTest {

    /** Seven statements: a name full of markup, a duplicate that leaks, a double close, a failed expectation. */
    private static final String SCRIPT = """
            h = CreateEvent(NULL, TRUE, FALSE, "a<b>&\\"q'")                  => valid
            DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &hDup, 0, FALSE, DUPLICATE_SAME_ACCESS) => TRUE
            CloseHandle(h)                                                    => TRUE
            CloseHandle(h)                                                    => TRUE
            other = CreateMutex(NULL, FALSE, NULL)                            => valid
            QueryHandleCount(hDup)                                            => 1
            CloseHandle(other)                                                => TRUE
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kh(String... args) {
        return Kh.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String runToPage() throws IOException {
        Path scenario = dir.resolve("markup.scenario");
        Files.writeString(scenario, SCRIPT);
        Path page = dir.resolve("run.html");
        assertEquals(1, kh("run", "--html", page.toString(), scenario.toString()), err.toString());
        assertTrue(out.toString().contains("kh run " + scenario), "the text report still goes to stdout: " + out);
        assertTrue(Files.isRegularFile(page), "the page was written");
        return Files.readString(page);
    }

    @Test
    @DisplayName("the page is one self-contained document with a step per line")
    void onePagePerRunWithAStepPerLine() throws IOException {
        String html = runToPage();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        assertTrue(html.endsWith("</html>\n"));
        assertEquals(7, count(html, "<article class=\"step\""), "one snapshot per statement");
        assertEquals(7, count(html, "<li class=\"ln"), "one row per statement in the list");
        for (int line : List.of(1, 2, 3, 4, 5, 6, 7)) {
            assertTrue(html.contains("id=\"L" + line + "\""), "row of line " + line);
        }
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//|<link|@import").matcher(html).find(),
                "nothing is fetched from elsewhere");
        assertTrue(html.contains("<style>") && html.contains("<script>"), "CSS and script inline");
        for (String tag : List.of("div", "span", "table", "tr", "td", "ul", "ol", "li", "p", "section", "article",
                "code", "svg", "header", "main", "footer")) {
            assertEquals(count(html, Pattern.compile("<" + tag + "[\\s>]")), count(html, "</" + tag + ">"),
                    "every <" + tag + "> is closed");
        }
    }

    @Test
    @DisplayName("every string from the scenario is escaped")
    void textIsEscaped() throws IOException {
        String html = runToPage();
        assertFalse(html.contains("a<b>"), "the event's name never appears raw");
        assertTrue(html.contains("a&lt;b&gt;&amp;&quot;q&#39;"), "the name, escaped, in the object box");
        assertTrue(html.contains("CreateEvent(NULL, TRUE, FALSE, &quot;a&lt;b&gt;&amp;\\&quot;q&#39;&quot;)"),
                "the call as resolved, escaped");
    }

    @Test
    @DisplayName("the picture marks handles made, closed and handed out again; counts that moved show what they were")
    void changesAreHighlighted() throws IOException {
        String html = runToPage();
        String line3 = step(html, 2);
        assertTrue(line3.contains("<tr class=\"h-closed\" data-obj=\"3\""), "0x4 closed at line 3: " + line3);
        assertTrue(line3.contains("handles <b>1</b> <s title=\"before this line\">2</s>"), "Event#3's handle count fell");
        String line5 = step(html, 4);
        assertTrue(line5.contains("<tr class=\"h-reused\""), "0x4 handed out again to the mutex: " + line5);
        assertTrue(line5.contains("value reused: named Event#3 &quot;a&lt;b&gt;&amp;&quot;q&#39;&quot; until line 3"),
                line5);
        String line7 = step(html, 6);
        assertTrue(line7.contains("obj o-deleted"), "the mutex deleted with its last handle: " + line7);
    }

    @Test
    @DisplayName("findings sit on their lines and in the list at the end, with the handles open at the end")
    void findingsFailuresAndLeaks() throws IOException {
        String html = runToPage();
        assertTrue(html.contains("Verifier findings (2)"), "DOUBLE_CLOSE and LEAK");
        assertTrue(html.contains("<span class=\"kind\">DOUBLE_CLOSE</span>"));
        assertTrue(html.contains("<span class=\"kind\">LEAK</span>"));
        assertTrue(html.contains("<a href=\"#line3\" data-goto=\"2\">line 3</a>"), "the first close is a link");
        assertTrue(html.contains("<li class=\"ln failed flagged\" id=\"L4\""), "line 4 failed and has a finding");
        assertTrue(html.contains("Expectation failed:</b> expected <code>TRUE</code>, got <code>FALSE, ERROR_INVALID_HANDLE</code>"));
        assertTrue(html.contains("Open at the end of the run (1)"));
        assertTrue(html.contains("<td class=\"val\">0x8</td><td>Event#3"), "hDup is still open");
    }

    @Test
    @DisplayName("an unwritable --html path is a usage error (exit 2) naming it")
    void unwritablePath() throws IOException {
        Path scenario = dir.resolve("ok.scenario");
        Files.writeString(scenario, "GetCurrentProcess() => -1\n");
        Path nowhere = dir.resolve("no-such-dir").resolve("run.html");
        assertEquals(2, kh("run", "--html", nowhere.toString(), scenario.toString()));
        assertTrue(err.toString().contains("kh run: cannot write " + nowhere + ": no such directory"), err.toString());
        assertFalse(Files.exists(nowhere));

        err.getBuffer().setLength(0);
        assertEquals(2, kh("run", "--html", dir.toString(), scenario.toString()), "a directory is no file to write");
        assertTrue(err.toString().contains("kh run: cannot write " + dir), err.toString());
    }

    @Test
    @DisplayName("snapshots are taken only when asked for, and show each table and the objects it points to")
    void snapshotsOnlyWhenAsked() {
        String text = "h = CreateEvent(NULL, TRUE, FALSE, \"E\") => 0x4\nCloseHandle(h) => TRUE\n";
        RunReport plain = new ScenarioRunner(Kernel.Config.DEFAULT).run("t.scenario", text);
        assertNull(plain.lines().get(0).snapshot(), "kh check does not pay for snapshots");

        RunReport report = new ScenarioRunner(Kernel.Config.DEFAULT).withSnapshots(true).run("t.scenario", text);
        Snapshot first = report.lines().get(0).snapshot();
        assertNotNull(first);
        Snapshot.ProcessState main = first.processes().get(0);
        assertEquals("main.exe", main.image());
        assertFalse(main.exited());
        assertEquals("running", main.threads().get(0).state());
        assertEquals(1, main.handles().size());
        Snapshot.HandleState h = main.handles().get(0);
        assertEquals(0x4, h.value());
        Snapshot.ObjectState event = first.objects().get(0);
        assertEquals(h.objectId(), event.id());
        assertEquals("Event", event.type());
        assertEquals("E", event.name());
        assertEquals(1, event.handleCount());
        assertEquals(1, event.pointerCount());
        assertNull(event.state());

        Snapshot second = report.lines().get(1).snapshot();
        assertTrue(second.processes().get(0).handles().isEmpty());
        Snapshot.ObjectState gone = second.objects().get(0);
        assertEquals(event.id(), gone.id(), "the object that lost its last handle at the line is still shown");
        assertTrue(gone.deleted());
        assertEquals(0, gone.handleCount());
    }

    /** The markup of the step (0-based) from its article to the next. */
    private static String step(String html, int index) {
        int start = html.indexOf("<article class=\"step\" id=\"s" + index + "\"");
        assertTrue(start >= 0, "step " + index);
        return html.substring(start, html.indexOf("</article>", start));
    }

    private static int count(String s, String part) {
        return count(s, Pattern.compile(Pattern.quote(part)));
    }

    private static int count(String s, Pattern p) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
