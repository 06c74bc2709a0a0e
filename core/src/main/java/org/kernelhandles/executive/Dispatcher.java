package org.kernelhandles.executive;

import static org.kernelhandles.executive.NtStatus.STATUS_ABANDONED_WAIT_0;
import static org.kernelhandles.executive.NtStatus.STATUS_TIMEOUT;

/**
 * Decides waits (R34-R36). One lock guards every dispatcher object's signal state, as Windows'
 * dispatcher lock does, so that testing and acquiring several objects for a wait-all is one atomic
 * step (R36) and a signal can never slip between a test and a wait.
 *
 * <p>This version decides the waits that can be decided at once: already signaled, or a timeout
 * of 0. A wait that would have to block reports so with {@link UnsupportedOperationException}.
 */
public final class Dispatcher {
    /** Windows' limit on the objects of one wait. */
    public static final int MAXIMUM_WAIT_OBJECTS = 64;

    private final Object lock = new Object();

    Object lock() {
        return lock;
    }

    /** An object became signaled (or may have). Dispatcher lock held. */
    void signaled(DispatcherObject object) {
        // Waiters are woken here once blocking waits exist.
    }

    /**
     * Waits for one object (wait-any over one), or for several.
     *
     * @return {@code STATUS_WAIT_0 + i} for the satisfying object (wait-any) or {@code STATUS_WAIT_0}
     *     (wait-all); {@code STATUS_ABANDONED_WAIT_0 + i} when an abandoned mutex was acquired;
     *     {@code STATUS_TIMEOUT} when nothing was satisfied and {@code timeoutMillis} is 0
     * @throws UnsupportedOperationException when the wait would have to block
     */
    public int waitFor(KThread thread, DispatcherObject[] objects, boolean waitAll, long timeoutMillis) {
        synchronized (lock) {
            int status = trySatisfy(thread, objects, waitAll);
            if (status != STATUS_TIMEOUT || timeoutMillis == 0) {
                return status;
            }
        }
        throw new UnsupportedOperationException(
                "a wait that has to block is not supported yet: only signaled objects or a timeout of 0");
    }

    /** Satisfies the wait now if it can; STATUS_TIMEOUT when it cannot. Lock held. */
    private int trySatisfy(KThread thread, DispatcherObject[] objects, boolean waitAll) {
        if (waitAll) {
            for (DispatcherObject o : objects) {
                if (!o.isSignaledFor(thread)) {
                    return STATUS_TIMEOUT;
                }
            }
            int result = NtStatus.STATUS_WAIT_0;
            for (int i = 0; i < objects.length; i++) {
                if (objects[i].acquire(thread) == STATUS_ABANDONED_WAIT_0 && result == NtStatus.STATUS_WAIT_0) {
                    result = STATUS_ABANDONED_WAIT_0 + i;
                }
            }
            return result;
        }
        for (int i = 0; i < objects.length; i++) {
            if (objects[i].isSignaledFor(thread)) {
                return objects[i].acquire(thread) + i;
            }
        }
        return STATUS_TIMEOUT;
    }
}
