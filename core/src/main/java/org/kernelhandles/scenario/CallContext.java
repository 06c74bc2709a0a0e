package org.kernelhandles.scenario;

import org.kernelhandles.win32.Kernel32;

/** What a function body sees: the calling thread's kernel32, and the run's virtual clock. */
interface CallContext {
    Kernel32 kernel32();

    /** Moves virtual time forward for everyone ({@code Sleep}). */
    void advanceTime(long milliseconds);
}
