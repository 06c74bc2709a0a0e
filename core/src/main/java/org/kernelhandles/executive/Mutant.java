package org.kernelhandles.executive;

/**
 * A mutex (R35): owned by one thread at a time, recursively; released only by its owner; abandoned
 * when its owner ends while holding it, so that the next thread to acquire it learns so.
 */
public final class Mutant extends DispatcherObject {
    // All guarded by the dispatcher lock.
    private KThread owner;
    private int recursion;
    private boolean abandoned;

    Mutant(Kernel kernel) {
        super(kernel, kernel.mutantType());
    }

    public KThread owner(Dispatcher dispatcher) {
        synchronized (dispatcher.lock()) {
            return owner;
        }
    }

    /**
     * Releases one level of ownership held by {@code thread}; returns the previous recursion count.
     *
     * @throws NtStatusException {@code STATUS_MUTANT_NOT_OWNED} when {@code thread} does not own it
     */
    public int release(Dispatcher dispatcher, KThread thread) {
        synchronized (dispatcher.lock()) {
            if (owner != thread) {
                throw new NtStatusException(NtStatus.STATUS_MUTANT_NOT_OWNED);
            }
            int previous = recursion--;
            if (recursion == 0) {
                owner = null;
                thread.ownedMutants().remove(this);
                dispatcher.signaled(this);
            }
            return previous;
        }
    }

    /** The owner ended while holding it: it becomes free and abandoned. Dispatcher lock held. */
    void abandon(Dispatcher dispatcher) {
        owner = null;
        recursion = 0;
        abandoned = true;
        dispatcher.signaled(this);
    }

    /**
     * The mutex is being deleted (its last reference went while a thread may still own it): it
     * leaves its owner's list, as Windows' delete procedure releases it abandoned.
     */
    void deleted(Dispatcher dispatcher) {
        synchronized (dispatcher.lock()) {
            if (owner != null) {
                owner.ownedMutants().remove(this);
                owner = null;
                recursion = 0;
            }
        }
    }

    @Override
    boolean isSignaledFor(KThread thread) {
        return owner == null || owner == thread;
    }

    @Override
    int acquire(KThread thread) {
        if (owner == thread) {
            recursion++;
            return NtStatus.STATUS_WAIT_0;
        }
        owner = thread;
        recursion = 1;
        thread.ownedMutants().add(this);
        if (abandoned) {
            abandoned = false;
            return NtStatus.STATUS_ABANDONED_WAIT_0;
        }
        return NtStatus.STATUS_WAIT_0;
    }
}
