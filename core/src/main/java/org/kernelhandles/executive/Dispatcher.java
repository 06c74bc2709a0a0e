package org.kernelhandles.executive;

import static org.kernelhandles.executive.NtStatus.STATUS_ABANDONED_WAIT_0;
import static org.kernelhandles.executive.NtStatus.STATUS_THREAD_IS_TERMINATING;
import static org.kernelhandles.executive.NtStatus.STATUS_TIMEOUT;
import static org.kernelhandles.executive.NtStatus.STATUS_WAIT_0;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Decides waits (R34-R36) for every dispatcher object of one kernel.
 *
 * <p>One monitor guards every object's signal state and wait list, as Windows' dispatcher lock
 * does. Testing and acquiring the objects of a wait-all is therefore one atomic step (R36), and a
 * signal cannot slip between a thread's test and its wait: a wait is registered on its objects
 * under the same lock that every signal takes, and each signal ({@link #signaled}) offers the
 * object to its waiters, oldest first, before the lock is released.
 *
 * <p>On the real clock a waiting Java thread parks with {@link LockSupport} after registering, and
 * the thread that completes its wait sets the wait's volatile status before unparking it; since an
 * unpark that comes before the park makes the park return at once, no wake-up is lost, and the
 * loop around the park absorbs spurious ones. There is no busy waiting: a parked thread runs again
 * only when its wait completes or its deadline passes. On a virtual clock nothing parks: a wait
 * that cannot complete at once stays registered, and completes later at the line that signals it
 * or when {@link VirtualClock#advance} passes its deadline.
 */
public final class Dispatcher {
    /** Windows' limit on the objects of one wait. */
    public static final int MAXIMUM_WAIT_OBJECTS = 64;

    private final Object lock = new Object();
    private final Kernel kernel;
    private final Clock clock;
    private final Set<Wait> pending = new LinkedHashSet<>(); // guarded by lock

    Dispatcher(Kernel kernel, Clock clock) {
        this.kernel = kernel;
        this.clock = clock;
        if (clock instanceof VirtualClock virtual) {
            virtual.attach(this);
        }
    }

    Object lock() {
        return lock;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * An object may have become signaled: offers it to its waiters, oldest first, each of which
     * takes it if its wait is now satisfied (an auto-reset event or a semaphore's count may be used
     * up by the first ones). Lock held.
     */
    void signaled(DispatcherObject object) {
        if (!object.hasWaiters()) {
            return;
        }
        for (Wait w : List.copyOf(object.waiters())) {
            if (w.isPending()) {
                int status = trySatisfy(w.thread(), w.objectArray(), w.waitAll());
                if (status != STATUS_TIMEOUT) {
                    complete(w, status);
                }
            }
        }
    }

    /**
     * Waits for the objects: any one of them (the lowest index that is signaled wins), or all of
     * them at once. The caller's pointer reference on each object passes to the wait and is
     * dropped when it completes.
     *
     * @param timeoutMillis 0 to only test, {@code -1} for no timeout
     * @return the wait, completed ({@link Wait#status()} {@code STATUS_WAIT_0 + i},
     *     {@code STATUS_ABANDONED_WAIT_0 + i} or {@code STATUS_TIMEOUT}), or still pending on a
     *     virtual clock
     */
    public Wait waitFor(KThread thread, DispatcherObject[] objects, boolean waitAll, long timeoutMillis) {
        Wait w;
        synchronized (lock) {
            long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : satAdd(clock.nowMillis(), timeoutMillis);
            w = new Wait(thread, objects, waitAll, deadline);
            int status = trySatisfy(thread, objects, waitAll);
            if (status == STATUS_TIMEOUT && timeoutMillis != 0) {
                register(w);
            } else {
                w.setStatus(status);
            }
        }
        if (!w.isPending()) {
            release(w);
            return w;
        }
        KernelListener l = kernel.listener();
        if (l != null) {
            l.waitBlocked(w);
        }
        if (!clock.isVirtual()) {
            park(w);
            if (l != null) {
                l.waitCompleted(w);
            }
            release(w);
        }
        return w;
    }

    /** Blocks the calling Java thread until {@code w} completes or its deadline passes. */
    private void park(Wait w) {
        w.blockedJavaThread = Thread.currentThread();
        while (w.isPending()) {
            long left = w.deadline() == Long.MAX_VALUE ? Long.MAX_VALUE : w.deadline() - clock.nowMillis();
            if (left <= 0) {
                synchronized (lock) {
                    if (w.isPending()) {
                        complete(w, STATUS_TIMEOUT);
                    }
                }
                break;
            }
            if (left == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, left * 1_000_000);
            }
        }
        w.blockedJavaThread = null;
    }

    /** Completes the parked waits whose deadline is at or before {@code now}, earliest first. */
    void expireWaits(long now) {
        synchronized (lock) {
            List<Wait> due = new ArrayList<>();
            for (Wait w : pending) {
                if (w.deadline() <= now) {
                    due.add(w);
                }
            }
            due.sort(Comparator.comparingLong(Wait::deadline));
            for (Wait w : due) {
                if (w.isPending()) {
                    complete(w, STATUS_TIMEOUT);
                }
            }
        }
    }

    /** The thread's pending wait ends with it: completed as {@code STATUS_THREAD_IS_TERMINATING}. Lock held. */
    void cancelWaitOf(KThread thread) {
        for (Wait w : List.copyOf(pending)) {
            if (w.thread() == thread) {
                complete(w, STATUS_THREAD_IS_TERMINATING);
            }
        }
    }

    /** The waits still pending, oldest first. */
    public List<Wait> pendingWaits() {
        synchronized (lock) {
            return List.copyOf(pending);
        }
    }

    private void register(Wait w) {
        pending.add(w);
        for (DispatcherObject o : w.objectArray()) {
            o.waiters().add(w);
        }
    }

    /**
     * Ends a pending wait. On the real clock its own Java thread drops the references when it
     * wakes; on a virtual clock there is no such thread, so they are dropped here. Lock held.
     */
    private void complete(Wait w, int status) {
        pending.remove(w);
        for (DispatcherObject o : w.objectArray()) {
            o.waiters().remove(w);
        }
        w.setStatus(status);
        Thread parked = w.blockedJavaThread;
        if (clock.isVirtual()) {
            KernelListener l = kernel.listener();
            if (l != null) {
                l.waitCompleted(w);
            }
            release(w);
        } else if (parked != null) {
            LockSupport.unpark(parked);
        }
        // A wait completed before its Java thread parked needs no unpark: status is written before
        // blockedJavaThread is read here, and written after blockedJavaThread is set there, both
        // volatile, so park() either is unparked or sees the status and never parks.
    }

    /** Drops the wait's references on its objects (R34). */
    void release(Wait w) {
        for (DispatcherObject o : w.objectArray()) {
            kernel.objects().dereference(o);
        }
    }

    /** Satisfies the wait now if it can; STATUS_TIMEOUT when it cannot. Lock held. */
    private static int trySatisfy(KThread thread, DispatcherObject[] objects, boolean waitAll) {
        if (waitAll) {
            for (DispatcherObject o : objects) {
                if (!o.isSignaledFor(thread)) {
                    return STATUS_TIMEOUT;
                }
            }
            int result = STATUS_WAIT_0;
            for (int i = 0; i < objects.length; i++) {
                if (objects[i].acquire(thread) == STATUS_ABANDONED_WAIT_0 && result == STATUS_WAIT_0) {
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

    private static long satAdd(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }
}
