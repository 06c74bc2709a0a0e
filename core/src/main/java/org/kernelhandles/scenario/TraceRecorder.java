package org.kernelhandles.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kernelhandles.executive.KProcess;
import org.kernelhandles.executive.KThread;
import org.kernelhandles.executive.KernelListener;
import org.kernelhandles.executive.KernelObject;

/**
 * Listens to the kernel while a scenario runs and writes down, for the line being run, what
 * happened to handles and objects: handles made and closed with their values, values handed out
 * again (naming what they named before and where that was closed), names removed, objects
 * deleted, threads and processes ended; and, for the whole run, the line that made each handle
 * still open.
 */
final class TraceRecorder implements KernelListener {

    private record Slot(long processId, long value) {}

    /** What a value last named and where that handle was closed. */
    private record Former(String object, int closedAtLine) {}

    private int line;
    private final List<String> effects = new ArrayList<>();
    private final Set<KernelObject> touched = new LinkedHashSet<>();
    private final Map<Slot, Integer> createdAt = new HashMap<>();
    private final Map<Slot, Former> formerOccupants = new HashMap<>();

    void startLine(int line) {
        this.line = line;
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

    int createdAt(long processId, long value) {
        return createdAt.getOrDefault(new Slot(processId, value), 0);
    }

    private static String where(KProcess p) {
        return p.imageName() + " ";
    }

    @Override
    public void handleCreated(KProcess process, long value, KernelObject object, int grantedAccess, int attributes,
            Origin origin) {
        Slot slot = new Slot(process.processId(), value);
        createdAt.put(slot, line);
        String how = switch (origin) {
            case CREATE -> "created";
            case OPEN -> "opened";
            case DUPLICATE -> "duplicated";
            case INHERIT -> "inherited";
        };
        effects.add("+ " + where(process) + Hex.handle(value) + " -> " + object.describe() + " (" + how
                + ", access " + Hex.of(grantedAccess) + (attributes != 0 ? ", flags " + attributes : "") + ")");
        Former former = formerOccupants.remove(slot);
        if (former != null && former.object().equals(object.describe())) {
            effects.add("  value " + Hex.handle(value) + " handed out again, to the same object it named until line "
                    + former.closedAtLine());
        } else if (former != null) {
            effects.add("! value " + Hex.handle(value) + " reused: it named " + former.object()
                    + " until line " + former.closedAtLine());
        }
        touched.add(object);
    }

    @Override
    public void handleClosed(KProcess process, long value, KernelObject object, boolean atExit) {
        Slot slot = new Slot(process.processId(), value);
        createdAt.remove(slot);
        formerOccupants.put(slot, new Former(object.describe(), line));
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
