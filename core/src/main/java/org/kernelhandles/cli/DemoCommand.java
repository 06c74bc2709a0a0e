package org.kernelhandles.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.scenario.RunReport;
import org.kernelhandles.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kh demo}: replays the story the project exists for, from scenario files shipped inside
 * the program, in four acts: the wrong {@code MakeFred}, the wrong one when another component
 * opens a handle between the two deletes, the right one, and the right one with the same
 * interleaving. Each act prints its explanation and its trace; each carries its own
 * expectations, so the demo also checks that the model still tells the story right.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Replay the MakeFred story: why a handle is not reference counted, the object is.")
public final class DemoCommand implements Callable<Integer> {

    private record Act(String title, String resource, String explanation) {}

    private static final List<Act> ACTS = List.of(
            new Act("Act 1: the wrong MakeFred", "1-wrong.scenario", """
                    MakeFred(h) duplicates h "to bump its reference count", then gives the new CFred the
                    ORIGINAL h. Each CFred closes the handle it was given when it is deleted.
                    DuplicateHandle does not count handles: it makes a NEW handle, a new obligation to
                    close, to the same object. So the duplicates leak (nobody closes them, and they keep
                    the object alive), the first delete closes the caller's own h, and the second delete
                    closes h again: ERROR_INVALID_HANDLE."""),
            new Act("Act 2: the wrong MakeFred, and a handle opened in between", "2-wrong-interleaved.scenario", """
                    Between the two deletes another component opens a handle of its own. Windows hands
                    out the most recently freed value first, so it gets h's old value. The second delete
                    now closes THEIR handle, and succeeds: the bug is silent where it happens, and
                    surfaces later, in someone else's code, as a call through a handle that was closed
                    under them."""),
            new Act("Act 3: the right MakeFred", "3-right.scenario", """
                    The fix: hand each CFred its own duplicate. Every handle has exactly one owner who
                    closes it once; the object lives while any of them is open, and the caller's h is
                    untouched."""),
            new Act("Act 4: the right MakeFred, with the same interleaving", "4-right-interleaved.scenario", """
                    The other component again gets a recycled value, but nobody holds a stale copy of it,
                    so nothing goes wrong: each close ends exactly the handle its owner was given."""));

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.println("The truth the model encodes: a handle is not reference counted; the object is.");
        boolean allHeld = true;
        for (Act act : ACTS) {
            out.println();
            out.println("== " + act.title() + " " + "=".repeat(Math.max(3, 90 - act.title().length())));
            out.println(act.explanation());
            out.println();
            RunReport report = new ScenarioRunner(Kernel.Config.DEFAULT).run(act.resource(), script(act.resource()));
            TextReport.trace(out, report);
            allHeld &= report.passed();
        }
        return allHeld ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }

    /** The text of a scenario shipped with the program. */
    static String script(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + name)) {
            if (in == null) {
                throw new IOException("demo scenario missing from the program: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> scripts() {
        return ACTS.stream().map(Act::resource).toList();
    }
}
