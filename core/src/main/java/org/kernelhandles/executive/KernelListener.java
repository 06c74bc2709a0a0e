package org.kernelhandles.executive;

/**
 * What the executive tells an observer (the verifier, a trace). It is called synchronously on the
 * thread doing the work, after the change it reports; with no listener installed the executive pays
 * one null check per event.
 */
public interface KernelListener {

    /** How a handle came to be. */
    enum Origin { CREATE, OPEN, DUPLICATE, INHERIT }

    default void handleCreated(KProcess process, long value, KernelObject object, int grantedAccess,
            int attributes, Origin origin) {}

    /** A handle was closed; {@code atExit} when its process's exit closed it (R17). */
    default void handleClosed(KProcess process, long value, KernelObject object, boolean atExit) {}

    /**
     * A call named a handle that did not work: no entry, a protected entry on close, a wrong type or
     * missing access. {@code object} is what the value names now, or null.
     */
    default void badHandle(KThread caller, long value, KernelObject object, int status) {}

    /** A call went through a handle successfully. */
    default void handleUsed(KThread caller, long value, KernelObject object) {}

    default void nameRemoved(KernelObject object, String name) {}

    default void objectDeleted(KernelObject object) {}

    /** A wait could not complete at once: its thread blocks (real clock) or is parked (virtual clock). */
    default void waitBlocked(Wait wait) {}

    /** A wait that had blocked completed: signaled, abandoned, timed out, or its thread ended. */
    default void waitCompleted(Wait wait) {}

    default void threadExited(KThread thread) {}

    default void processExited(KProcess process) {}
}
