package org.kernelhandles.executive;

/**
 * The time waits are measured against. The Java API runs on {@link #system()}, the real clock,
 * where a wait blocks its Java thread; the scenario interpreter runs on a {@link VirtualClock},
 * where time moves only when told to and a wait that cannot be satisfied is parked, to complete
 * at the line that satisfies it. One dispatcher serves both.
 */
public interface Clock {

    /** Milliseconds since an arbitrary origin; never goes backwards. */
    long nowMillis();

    /**
     * True when no Java thread may block on this clock: waits are then parked and completed later,
     * by a signal or by {@link VirtualClock#advance}.
     */
    boolean isVirtual();

    /** The real clock. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** The real clock: {@link System#nanoTime()} in milliseconds. */
    final class SystemClock implements Clock {
        static final SystemClock INSTANCE = new SystemClock();
        private final long origin = System.nanoTime();

        private SystemClock() {}

        @Override
        public long nowMillis() {
            return (System.nanoTime() - origin) / 1_000_000;
        }

        @Override
        public boolean isVirtual() {
            return false;
        }
    }
}
