package org.kernelhandles.executive;

/**
 * A clock that starts at 0 and moves only through {@link #advance}, as the scenario contract's
 * {@code Sleep(ms)} moves time "for everyone". Advancing it expires the parked waits whose
 * timeout it passes, in the order of their deadlines.
 */
public final class VirtualClock implements Clock {
    private long now;
    private Dispatcher dispatcher;

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public boolean isVirtual() {
        return true;
    }

    synchronized void attach(Dispatcher dispatcher) {
        if (this.dispatcher != null && this.dispatcher != dispatcher) {
            throw new IllegalStateException("a virtual clock drives one kernel");
        }
        this.dispatcher = dispatcher;
    }

    /** Moves time forward by {@code millis}; waits whose timeout passes complete with a timeout. */
    public void advance(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("time cannot go back: " + millis);
        }
        long target;
        Dispatcher d;
        synchronized (this) {
            now = Math.addExact(now, millis);
            target = now;
            d = dispatcher;
        }
        if (d != null) {
            d.expireWaits(target);
        }
    }
}
