package org.kernelhandles.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kernelhandles.scenario.RunReport;
import org.kernelhandles.scenario.RunReport.Failure;
import org.kernelhandles.scenario.RunReport.LineRecord;
import org.kernelhandles.scenario.RunReport.OpenHandle;

/** How a run reads as text: the trace of {@code kh run} and the failures of {@code kh check}. */
final class TextReport {
    private TextReport() {}

    /** Each problem, or each failed expectation with its line, what was expected and what happened. */
    static void failures(PrintWriter out, RunReport report) {
        for (String problem : report.problems()) {
            out.println("  " + problem);
        }
        for (Failure f : report.failures()) {
            out.println("  line " + f.line() + ": " + f.text());
            if (f.expected().isEmpty()) {
                out.println("    " + f.actual());
            } else {
                out.println("    expected: " + f.expected());
                out.println("    actual:   " + f.actual());
            }
        }
    }

    /** The whole trace: a line per statement with its effects, then failures and open handles. */
    static void trace(PrintWriter out, RunReport report) {
        if (!report.problems().isEmpty()) {
            for (String problem : report.problems()) {
                out.println(problem);
            }
            out.println("The file has errors; none of its lines ran.");
            return;
        }
        Map<Integer, Failure> failedAt = new HashMap<>();
        for (Failure f : report.failures()) {
            failedAt.putIfAbsent(f.line(), f);
        }
        int threadWidth = report.lines().stream().mapToInt(l -> l.thread().length()).max().orElse(4);
        for (LineRecord l : report.lines()) {
            StringBuilder head = new StringBuilder();
            head.append(String.format("%4d  %-" + threadWidth + "s  %s", l.line(), l.thread(), l.call()));
            if (l.result() != null) {
                head.append(" = ").append(l.result());
            }
            if (l.lastError() != null) {
                head.append("  ").append(l.lastError());
            }
            out.println(head);
            String indent = " ".repeat(8 + threadWidth);
            for (String o : l.outputs()) {
                out.println(indent + "-> " + o);
            }
            for (String e : l.effects()) {
                out.println(indent + e);
            }
            if (l.error() != null) {
                out.println(indent + "ERROR: " + l.error());
            }
            Failure f = failedAt.get(l.line());
            if (f != null && !f.expected().isEmpty()) {
                out.println(indent + "EXPECTATION FAILED: expected " + f.expected() + ", got " + f.actual());
            }
        }
        out.println();
        for (String b : report.blockedAtEnd()) {
            out.println("Blocked at the end of the run: " + b);
        }
        List<RunReport.Finding> findings = report.findings();
        if (findings.isEmpty()) {
            out.println("The verifier found nothing.");
        } else {
            out.println("Verifier findings (" + findings.size() + "):");
            for (RunReport.Finding f : findings) {
                out.println("  " + f.kind() + " at line " + f.line()
                        + (f.variable() != null ? " (" + f.variable() + ")" : "") + ": " + f.message());
            }
        }
        out.println();
        List<OpenHandle> open = report.openAtEnd();
        if (open.isEmpty()) {
            out.println("No handle is open at the end of the run.");
        } else {
            out.println("Open at the end of the run (" + open.size() + "):");
            for (OpenHandle h : open) {
                out.println("  " + h.process() + " " + hex(h.value()) + " -> " + h.object()
                        + (h.createdAtLine() > 0 ? ", made at line " + h.createdAtLine() : ""));
            }
        }
        int failed = report.failures().size();
        out.println(failed == 0 ? "All expectations held." : failed + " line" + (failed == 1 ? "" : "s")
                + " failed.");
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    }
}
