package org.kernelhandles.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.scenario.RunReport;
import org.kernelhandles.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kh run}: executes a scenario and prints, for every statement, the call with its
 * arguments resolved, the result, the last error where it failed, and what happened to handles
 * and objects; then the handles left open. With {@code --html FILE} it also writes a page that
 * steps through the run ({@link HtmlReport}).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Execute a scenario file and print a trace of every call.")
public final class RunCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    KernelOptions options;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (the default) or json: the same report as one JSON document.")
    Format format;

    @Option(names = "--strict",
            description = "Strict handle checks (R40): a call through a bad handle stops its thread with the finding.")
    boolean strict;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a page that steps through the run, with a picture of every process's "
                    + "handle table and the objects it points to.")
    Path html;

    @Parameters(paramLabel = "FILE", description = "The scenario file to run.")
    Path file;

    @Override
    public Integer call() {
        Kernel.Config config = options.config();
        ScenarioFiles.expand(spec.commandLine(), java.util.List.of(file));
        PrintWriter out = spec.commandLine().getOut();
        String text;
        try {
            text = ScenarioFiles.read(file);
        } catch (IOException e) {
            spec.commandLine().getErr().println("kh run: cannot read " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        RunReport report = new ScenarioRunner(config, strict).withSnapshots(html != null).run(file.toString(), text);
        if (html != null) {
            try {
                Files.writeString(html, HtmlReport.of(report, options.describe(config)));
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("kh run: cannot write " + html + ": " + reason(e));
                return ExitCode.USAGE.code();
            }
        }
        if (format == Format.json) {
            out.println(JsonReport.of(report, config));
        } else {
            out.println("kh run " + file + " (" + options.describe(config) + ")");
            out.println();
            TextReport.trace(out, report);
        }
        return report.passed() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }

    private static String reason(Exception e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException n -> "no such directory";
            case java.nio.file.AccessDeniedException a -> "permission denied";
            case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.toString();
        };
    }
}
