package org.kernelhandles.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kh demo}: placeholder until the real command lands. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Walk through a built-in demonstration of handles and objects.")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("kh demo: not implemented");
        return ExitCode.FAILED.code();
    }
}
