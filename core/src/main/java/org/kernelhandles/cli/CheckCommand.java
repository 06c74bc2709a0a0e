package org.kernelhandles.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.scenario.RunReport;
import org.kernelhandles.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kh check}: runs each scenario and verifies the expectations written in it. Prints
 * {@code PASS file} or {@code FAIL file} per file, each failed expectation under its FAIL, then
 * {@code N passed, N failed}; a file that fails to parse or read fails alone, the others still run.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Execute scenario files and verify the expectations written in them.")
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KernelOptions options;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR",
            description = "Scenario files, or directories searched for *.scenario files.")
    List<Path> paths;

    @Override
    public Integer call() {
        Kernel.Config config = options.config();
        List<Path> files = ScenarioFiles.expand(spec.commandLine(), paths);
        PrintWriter out = spec.commandLine().getOut();
        ScenarioRunner runner = new ScenarioRunner(config);
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            RunReport report;
            try {
                report = runner.run(file.toString(), ScenarioFiles.read(file));
            } catch (IOException e) {
                out.println("FAIL " + file);
                out.println("  cannot read: " + e.getMessage());
                failed++;
                continue;
            }
            if (report.passed()) {
                out.println("PASS " + file);
                passed++;
            } else {
                out.println("FAIL " + file);
                TextReport.failures(out, report);
                failed++;
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }
}
