package org.kernelhandles.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kh run}: placeholder until the real command lands. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Execute a scenario file and print a trace of every call.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "The scenario file to run.")
    List<Path> files;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("kh run: not implemented");
        return ExitCode.FAILED.code();
    }
}
