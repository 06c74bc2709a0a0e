package org.kernelhandles.executive;

import java.util.ArrayList;
import java.util.List;

/**
 * An object a thread can wait for (R35): events, mutexes, semaphores, threads and processes. Its
 * signal state is read and changed only under the kernel's dispatcher lock, as Windows does under
 * its dispatcher database lock, so that a wait-all can test and acquire several objects as one
 * step (R36).
 */
public abstract class DispatcherObject extends KernelObject {

    private List<Wait> waiters; // guarded by the dispatcher lock; made on the first wait

    protected DispatcherObject(Kernel kernel, ObjectType type) {
        super(kernel, type);
    }

    /** The pending waits on this object, oldest first. Dispatcher lock held. */
    final List<Wait> waiters() {
        if (waiters == null) {
            waiters = new ArrayList<>(2);
        }
        return waiters;
    }

    final boolean hasWaiters() {
        return waiters != null && !waiters.isEmpty();
    }

    /** Whether a wait by {@code thread} would be satisfied now. Dispatcher lock held. */
    abstract boolean isSignaledFor(KThread thread);

    /**
     * Applies the side effect of a satisfied wait (an auto-reset event resets, a semaphore's count
     * drops, a mutex gets an owner) and returns {@code STATUS_WAIT_0} or
     * {@code STATUS_ABANDONED_WAIT_0}. Dispatcher lock held, {@link #isSignaledFor} true.
     */
    abstract int acquire(KThread thread);
}
