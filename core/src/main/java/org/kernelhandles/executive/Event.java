package org.kernelhandles.executive;

/** An event (R35): manual-reset stays signaled until reset; auto-reset releases one wait and resets. */
public final class Event extends DispatcherObject {
    private final boolean manualReset;
    private boolean signaled; // guarded by the dispatcher lock

    Event(Kernel kernel, boolean manualReset, boolean initialState) {
        super(kernel, kernel.eventType());
        this.manualReset = manualReset;
        this.signaled = initialState;
    }

    public boolean isManualReset() {
        return manualReset;
    }

    /** Sets the event and returns its previous state. */
    public boolean set(Dispatcher dispatcher) {
        synchronized (dispatcher.lock()) {
            boolean was = signaled;
            signaled = true;
            dispatcher.signaled(this);
            return was;
        }
    }

    /** Resets the event and returns its previous state. */
    public boolean reset(Dispatcher dispatcher) {
        synchronized (dispatcher.lock()) {
            boolean was = signaled;
            signaled = false;
            return was;
        }
    }

    public boolean isSignaled(Dispatcher dispatcher) {
        synchronized (dispatcher.lock()) {
            return signaled;
        }
    }

    @Override
    boolean isSignaledFor(KThread thread) {
        return signaled;
    }

    @Override
    int acquire(KThread thread) {
        if (!manualReset) {
            signaled = false;
        }
        return NtStatus.STATUS_WAIT_0;
    }
}
