package org.kernelhandles.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kernelhandles.executive.KProcess;
import org.kernelhandles.executive.KThread;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.executive.KernelObject;
import org.kernelhandles.executive.handles.HandleEntry;
import org.kernelhandles.scenario.RunReport.Snapshot;
import org.kernelhandles.scenario.RunReport.Snapshot.HandleState;
import org.kernelhandles.scenario.RunReport.Snapshot.ObjectState;
import org.kernelhandles.scenario.RunReport.Snapshot.ProcessState;
import org.kernelhandles.scenario.RunReport.Snapshot.ThreadState;

/**
 * Takes a {@link Snapshot} of the kernel after each line: every process's handle table and the
 * objects its handles refer to. It remembers the objects of the last snapshot, so that an object
 * that lost its last handle during a line still shows in that line's snapshot, deleted or not.
 */
final class SnapshotTaker {
    private final Kernel kernel;
    private List<KernelObject> lastReferenced = List.of();

    SnapshotTaker(Kernel kernel) {
        this.kernel = kernel;
    }

    Snapshot take() {
        List<ProcessState> processes = new ArrayList<>();
        Map<Long, KernelObject> referenced = new LinkedHashMap<>();
        for (KProcess p : kernel.processes()) {
            List<ThreadState> threads = new ArrayList<>();
            for (KThread t : p.threads()) {
                threads.add(new ThreadState(t.threadId(), t.id(), state(t)));
            }
            List<HandleState> handles = new ArrayList<>();
            for (HandleEntry<KernelObject> e : kernel.handles(p)) {
                KernelObject o = e.object();
                handles.add(new HandleState(e.value(), o.id(), o.describe(), e.grantedAccess(), e.attributes()));
                referenced.putIfAbsent(o.id(), o);
            }
            processes.add(new ProcessState(p.processId(), p.imageName(), p.id(), p.hasExited(), threads, handles));
        }
        List<KernelObject> sorted = new ArrayList<>(referenced.values());
        sorted.sort(java.util.Comparator.comparingLong(KernelObject::id));
        List<ObjectState> objects = new ArrayList<>();
        for (KernelObject o : sorted) {
            objects.add(state(o));
        }
        for (KernelObject o : lastReferenced) {
            if (!referenced.containsKey(o.id())) {
                objects.add(state(o)); // lost its last handle at this line
            }
        }
        lastReferenced = sorted;
        return new Snapshot(processes, objects);
    }

    private static ObjectState state(KernelObject o) {
        String state = switch (o) {
            case KThread t -> state(t);
            case KProcess p -> p.hasExited() ? "exited, exit code " + Integer.toUnsignedString(p.exitCode()) : "running";
            default -> null;
        };
        return new ObjectState(o.id(), o.type().name(), o.name(), o.describe(), o.handleCount(), o.pointerCount(),
                state, o.isDeleted());
    }

    private static String state(KThread t) {
        return t.hasEnded() ? "ended, exit code " + Integer.toUnsignedString(t.exitCode()) : "running";
    }
}
