package org.kernelhandles.cli;

import org.kernelhandles.executive.Kernel;
import org.kernelhandles.executive.handles.HandleTable;
import org.kernelhandles.executive.handles.ReusePolicy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options that shape every handle table of a run (R8, R9), shared by the commands. */
final class KernelOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--reuse", paramLabel = "POLICY", defaultValue = "lifo",
            description = "Which freed handle value comes back first: lifo (Windows, the default), "
                    + "fifo (Windows under Application Verifier), lowest (Wine) or never.")
    String reuse;

    @Option(names = "--max-handles", paramLabel = "N",
            description = "At most N entries in each handle table (default and most: 16777215).")
    Integer maxHandles;

    /** The kernel configuration the options ask for; a bad value is a usage error naming it. */
    Kernel.Config config() {
        ReusePolicy policy;
        try {
            policy = ReusePolicy.valueOf(reuse.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--reuse': '" + reuse + "' (expected lifo, fifo, lowest or never)");
        }
        int max = maxHandles == null ? HandleTable.MAX_ENTRIES : maxHandles;
        if (max < 1 || max > HandleTable.MAX_ENTRIES) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--max-handles': " + max
                    + " (expected a number from 1 to " + HandleTable.MAX_ENTRIES + ")");
        }
        return new Kernel.Config(policy, max);
    }

    String describe(Kernel.Config config) {
        return "reuse " + config.reusePolicy().name().toLowerCase(java.util.Locale.ROOT) + ", at most "
                + config.maxHandles() + " handles per table";
    }
}
