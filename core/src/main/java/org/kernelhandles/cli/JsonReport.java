package org.kernelhandles.cli;

import java.util.List;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.scenario.RunReport;
import org.kernelhandles.scenario.RunReport.Failure;
import org.kernelhandles.scenario.RunReport.LineRecord;
import org.kernelhandles.scenario.RunReport.OpenHandle;

/** {@code kh run --format json}: the run's report as one JSON document, written by hand to need no library. */
final class JsonReport {
    private final StringBuilder json = new StringBuilder();

    private JsonReport() {}

    static String of(RunReport report, Kernel.Config config) {
        JsonReport j = new JsonReport();
        j.json.append("{\"source\": ").append(string(report.source()));
        j.json.append(", \"reuse\": ").append(string(config.reusePolicy().name().toLowerCase(java.util.Locale.ROOT)));
        j.json.append(", \"maxHandles\": ").append(config.maxHandles());
        j.json.append(", \"passed\": ").append(report.passed());
        j.json.append(",\n \"problems\": ").append(strings(report.problems()));
        j.json.append(",\n \"lines\": [");
        String sep = "\n  ";
        for (LineRecord l : report.lines()) {
            j.json.append(sep).append("{\"line\": ").append(l.line())
                    .append(", \"thread\": ").append(string(l.thread()))
                    .append(", \"call\": ").append(string(l.call()))
                    .append(", \"result\": ").append(string(l.result()))
                    .append(", \"lastError\": ").append(string(l.lastError()))
                    .append(", \"outputs\": ").append(strings(l.outputs()))
                    .append(", \"effects\": ").append(strings(l.effects()))
                    .append(", \"error\": ").append(string(l.error())).append('}');
            sep = ",\n  ";
        }
        j.json.append("],\n \"failures\": [");
        sep = "\n  ";
        for (Failure f : report.failures()) {
            j.json.append(sep).append("{\"line\": ").append(f.line())
                    .append(", \"text\": ").append(string(f.text()))
                    .append(", \"expected\": ").append(string(f.expected()))
                    .append(", \"actual\": ").append(string(f.actual())).append('}');
            sep = ",\n  ";
        }
        j.json.append("],\n \"findings\": [");
        sep = "\n  ";
        for (RunReport.Finding f : report.findings()) {
            StringBuilder related = new StringBuilder("[");
            for (int i = 0; i < f.related().size(); i++) {
                related.append(i == 0 ? "" : ", ").append(f.related().get(i));
            }
            j.json.append(sep).append("{\"kind\": ").append(string(f.kind()))
                    .append(", \"line\": ").append(f.line())
                    .append(", \"related\": ").append(related.append(']'))
                    .append(", \"process\": ").append(string(f.process()))
                    .append(", \"handle\": ").append(string(TextReport.hex(f.handle())))
                    .append(", \"variable\": ").append(string(f.variable()))
                    .append(", \"message\": ").append(string(f.message())).append('}');
            sep = ",\n  ";
        }
        j.json.append("],\n \"blocked\": ").append(strings(report.blockedAtEnd()));
        j.json.append(",\n \"leaks\": [");
        sep = "\n  ";
        for (OpenHandle h : report.openAtEnd()) {
            j.json.append(sep).append("{\"process\": ").append(string(h.process()))
                    .append(", \"handle\": ").append(string(TextReport.hex(h.value())))
                    .append(", \"object\": ").append(string(h.object()))
                    .append(", \"line\": ").append(h.createdAtLine()).append('}');
            sep = ",\n  ";
        }
        j.json.append("]}");
        return j.json.toString();
    }

    private static String strings(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(string(values.get(i)));
        }
        return b.append(']').toString();
    }

    static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
