package org.kernelhandles.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kernelhandles.executive.KProcess;
import org.kernelhandles.executive.KThread;
import org.kernelhandles.executive.KernelListener;
import org.kernelhandles.executive.KernelObject;
import org.kernelhandles.verifier.Verifier;

/**
 * Listens to the kernel while a scenario runs and writes down, for the line being run, what
 * happened to handles and objects: handles made and closed with their values, values handed out
 * again (naming what they named before and where that was closed), names removed, objects
 * deleted, threads and processes ended. What a value named before comes from the verifier, which
 * keeps each value's history for the run; the recorder must therefore hear of a new handle before
 * the verifier does.
 */
final class TraceRecorder implements KernelListener {

    private final Verifier history;
    private final List<String> effects = new ArrayList<>();
    private final Set<KernelObject> touched = new LinkedHashSet<>();

    TraceRecorder(Verifier history) {
        this.history = history;
    }

    void startLine() {
        effects.clear();
        touched.clear();
    }

    /** The effects of the line, each object's counts as they stand now appended once. */
    List<String> finishLine() {
        List<String> out = new ArrayList<>(effects);
        for (KernelObject o : touched) {
            if (!o.isDeleted()) {
                out.add("  " + o.describe() + ": handles " + o.handleCount() + ", pointers " + o.pointerCount());
            }
        }
        return out;
    }

    /** Adds a line of the interpreter's own to the current line's effects (a wait completing). */
    void note(String text) {
        effects.add("~ " + text);
    }

    @Override
    public void waitBlocked(org.kernelhandles.executive.Wait wait) {
        effects.add("~ thread " + wait.thread().threadId() + " blocks"
                + (wait.deadline() == Long.MAX_VALUE ? "" : " until t=" + wait.deadline() + " ms"));
    }

    private static String where(KProcess p) {
        return p.imageName() + " ";
    }

    @Override
    public void handleCreated(KProcess process, long value, KernelObject object, int grantedAccess, int attributes,
            Origin origin) {
        String how = switch (origin) {
            case CREATE -> "created";
            case OPEN -> "opened";
            case DUPLICATE -> "duplicated";
            case INHERIT -> "inherited";
        };
        effects.add("+ " + where(process) + Hex.handle(value) + " -> " + object.describe() + " (" + how
                + ", access " + Hex.of(grantedAccess) + (attributes != 0 ? ", flags " + attributes : "") + ")");
        Verifier.Closure former = history.lastClosure(process, value);
        if (former != null && former.object().equals(object.describe())) {
            effects.add("  value " + Hex.handle(value) + " handed out again, to the same object it named until line "
                    + former.closedAt().line());
        } else if (former != null) {
            effects.add("! value " + Hex.handle(value) + " reused: it named " + former.object()
                    + " until line " + former.closedAt().line());
        }
        touched.add(object);
    }

    @Override
    public void handleClosed(KProcess process, long value, KernelObject object, boolean atExit) {
        effects.add("- " + where(process) + Hex.handle(value) + " -> " + object.describe()
                + (atExit ? " (closed by process exit)" : " (closed)"));
        touched.add(object);
    }

    @Override
    public void nameRemoved(KernelObject object, String name) {
        effects.add("  name \"" + name + "\" removed from the namespace");
    }

    @Override
    public void objectDeleted(KernelObject object) {
        effects.add("x " + object.describe() + " deleted");
        touched.remove(object);
    }

    @Override
    public void threadExited(KThread thread) {
        effects.add("  thread " + thread.threadId() + " ended with exit code " + Integer.toUnsignedString(thread.exitCode()));
    }

    @Override
    public void processExited(KProcess process) {
        effects.add("  process " + process.imageName() + " (pid " + process.processId() + ") exited with code "
                + Integer.toUnsignedString(process.exitCode()));
    }
}
