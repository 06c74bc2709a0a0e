package org.kernelhandles.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kh check}: placeholder until the real command lands. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Execute scenario files and verify the expectations written in them.")
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR",
            description = "Scenario files, or directories of them, to check.")
    List<Path> files;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("kh check: not implemented");
        return ExitCode.FAILED.code();
    }
}
