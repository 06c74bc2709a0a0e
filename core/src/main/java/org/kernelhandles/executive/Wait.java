package org.kernelhandles.executive;

import java.util.List;

/**
 * One wait of one thread on one or more objects (R34-R36). While it is pending it holds a pointer
 * reference on each object, so closing the handle that started it neither ends nor fails it; the
 * references go when it completes. On the real clock its thread blocks until then; on a virtual
 * clock it stays parked and the kernel listener hears when it completes.
 */
public final class Wait {
    private final KThread thread;
    private final DispatcherObject[] objects;
    private final boolean waitAll;
    private final long deadline;
    private volatile int status = NtStatus.STATUS_PENDING;
    volatile Thread blockedJavaThread; // set on the real clock while the Java thread parks

    Wait(KThread thread, DispatcherObject[] objects, boolean waitAll, long deadline) {
        this.thread = thread;
        this.objects = objects;
        this.waitAll = waitAll;
        this.deadline = deadline;
    }

    public KThread thread() {
        return thread;
    }

    public List<DispatcherObject> objects() {
        return List.of(objects);
    }

    DispatcherObject[] objectArray() {
        return objects;
    }

    public boolean waitAll() {
        return waitAll;
    }

    /** The clock time at which it times out, or {@link Long#MAX_VALUE} for none. */
    public long deadline() {
        return deadline;
    }

    public boolean isPending() {
        return status == NtStatus.STATUS_PENDING;
    }

    /**
     * {@code STATUS_PENDING} while it waits; then {@code STATUS_WAIT_0 + i},
     * {@code STATUS_ABANDONED_WAIT_0 + i}, {@code STATUS_TIMEOUT}, or
     * {@code STATUS_THREAD_IS_TERMINATING} when its thread ended while waiting.
     */
    public int status() {
        return status;
    }

    void setStatus(int status) {
        this.status = status;
    }
}
