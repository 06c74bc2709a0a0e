package org.kernelhandles.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code kh} command line: {@code kh run}, {@code kh check}, {@code kh demo}. */
@Command(
        name = "kh",
        mixinStandardHelpOptions = true,
        version = "0.1.0",
        description = "A model of the Windows kernel's objects and handles: run and check scenarios.",
        subcommands = {RunCommand.class, CheckCommand.class, DemoCommand.class})
public final class Kh implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code kh} with the process's standard output and error. */
    static int run(String[] args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs {@code kh}, writing everything to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = commandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The configured command line: in every command, usage errors exit with {@link ExitCode#USAGE},
     * uncaught exceptions with {@link ExitCode#FAILED}, and the help lists {@link ExitCode}.
     */
    static CommandLine commandLine() {
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            exitCodes.put(Integer.toString(code.code()), code.description());
        }
        CommandLine cmd = new CommandLine(new Kh());
        configure(cmd, exitCodes);
        return cmd;
    }

    private static void configure(CommandLine cmd, Map<String, String> exitCodes) {
        CommandSpec spec = cmd.getCommandSpec();
        spec.exitCodeOnInvalidInput(ExitCode.USAGE.code());
        spec.exitCodeOnExecutionException(ExitCode.FAILED.code());
        spec.usageMessage().exitCodeListHeading("%nExit Codes:%n").exitCodeList(exitCodes);
        for (CommandLine sub : cmd.getSubcommands().values()) {
            configure(sub, exitCodes);
        }
    }

    /** {@code kh} without a subcommand: show the usage on err, a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
