package org.kernelhandles.executive;

/** A semaphore (R35): a count between 0 and a maximum; signaled while the count is above 0. */
public final class Semaphore extends DispatcherObject {
    private final int maximum;
    private int count; // guarded by the dispatcher lock

    Semaphore(Kernel kernel, int initial, int maximum) {
        super(kernel, kernel.semaphoreType());
        this.maximum = maximum;
        this.count = initial;
    }

    /** Validates a create's counts: 0 <= initial <= maximum, maximum > 0 (R29 validates even on open). */
    public static void validate(int initial, int maximum) {
        if (maximum <= 0 || initial < 0 || initial > maximum) {
            throw new NtStatusException(NtStatus.STATUS_INVALID_PARAMETER);
        }
    }

    public int maximum() {
        return maximum;
    }

    public int count(Dispatcher dispatcher) {
        synchronized (dispatcher.lock()) {
            return count;
        }
    }

    /**
     * Adds {@code by} to the count and returns the previous count.
     *
     * @throws NtStatusException {@code STATUS_SEMAPHORE_LIMIT_EXCEEDED} past the maximum (nothing
     *     changes), {@code STATUS_INVALID_PARAMETER} for a count below 1
     */
    public int release(Dispatcher dispatcher, int by) {
        if (by <= 0) {
            throw new NtStatusException(NtStatus.STATUS_INVALID_PARAMETER);
        }
        synchronized (dispatcher.lock()) {
            if ((long) count + by > maximum) {
                throw new NtStatusException(NtStatus.STATUS_SEMAPHORE_LIMIT_EXCEEDED);
            }
            int previous = count;
            count += by;
            dispatcher.signaled(this);
            return previous;
        }
    }

    @Override
    boolean isSignaledFor(KThread thread) {
        return count > 0;
    }

    @Override
    int acquire(KThread thread) {
        count--;
        return NtStatus.STATUS_WAIT_0;
    }
}
