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
     * missing access. {@code process} is the process whose table the value was looked up in: the
     * caller's, or DuplicateHandle's source process. {@code object} is what the value names now, or
     * null.
     */
    default void badHandle(KThread caller, KProcess process, long value, KernelObject object, int status) {}

    /**
     * A close failed: no entry ({@code STATUS_INVALID_HANDLE}) or a protected one
     * ({@code STATUS_HANDLE_NOT_CLOSABLE}). {@code object} is what the value names now, or null.
     */
    default void badClose(KThread caller, long value, KernelObject object, int status) {}

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

    /** One listener that tells {@code first}, then {@code second}, everything. */
    static KernelListener both(KernelListener first, KernelListener second) {
        return new KernelListener() {
            @Override
            public void handleCreated(KProcess p, long v, KernelObject o, int a, int f, Origin origin) {
                first.handleCreated(p, v, o, a, f, origin);
                second.handleCreated(p, v, o, a, f, origin);
            }

            @Override
            public void handleClosed(KProcess p, long v, KernelObject o, boolean atExit) {
                first.handleClosed(p, v, o, atExit);
                second.handleClosed(p, v, o, atExit);
            }

            @Override
            public void badHandle(KThread c, KProcess p, long v, KernelObject o, int status) {
                first.badHandle(c, p, v, o, status);
                second.badHandle(c, p, v, o, status);
            }

            @Override
            public void badClose(KThread c, long v, KernelObject o, int status) {
                first.badClose(c, v, o, status);
                second.badClose(c, v, o, status);
            }

            @Override
            public void handleUsed(KThread c, long v, KernelObject o) {
                first.handleUsed(c, v, o);
                second.handleUsed(c, v, o);
            }

            @Override
            public void nameRemoved(KernelObject o, String name) {
                first.nameRemoved(o, name);
                second.nameRemoved(o, name);
            }

            @Override
            public void objectDeleted(KernelObject o) {
                first.objectDeleted(o);
                second.objectDeleted(o);
            }

            @Override
            public void waitBlocked(Wait w) {
                first.waitBlocked(w);
                second.waitBlocked(w);
            }

            @Override
            public void waitCompleted(Wait w) {
                first.waitCompleted(w);
                second.waitCompleted(w);
            }

            @Override
            public void threadExited(KThread t) {
                first.threadExited(t);
                second.threadExited(t);
            }

            @Override
            public void processExited(KProcess p) {
                first.processExited(p);
                second.processExited(p);
            }
        };
    }
}
