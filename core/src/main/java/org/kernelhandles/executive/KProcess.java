package org.kernelhandles.executive;

import java.util.ArrayList;
import java.util.List;
import org.kernelhandles.executive.handles.HandleTable;

/**
 * A process object: its own handle table (R6), its threads, and an exit code. It is held alive by
 * its handles and by its threads' objects (R1), survives its own exit while any remain, signaled
 * and with its exit code readable (R5). When its last thread ends, every entry of its table is
 * closed, protected ones included (R17).
 */
public final class KProcess extends DispatcherObject {
    /** The exit code of a process or thread that is still running (R5). */
    public static final int STILL_ACTIVE = 259;

    private final long processId;
    private final String imageName;
    private final HandleTable<KernelObject> handleTable;
    private final List<KThread> threads = new ArrayList<>(); // guarded by this
    private int runningThreads; // guarded by this
    private volatile boolean exited;
    private volatile boolean exiting;
    private volatile int exitCode = STILL_ACTIVE;
    private Integer requestedExitCode; // guarded by this: set by ExitProcess / TerminateProcess

    KProcess(Kernel kernel, long processId, String imageName, HandleTable<KernelObject> handleTable) {
        super(kernel, kernel.processType());
        this.processId = processId;
        this.imageName = imageName;
        this.handleTable = handleTable;
    }

    public long processId() {
        return processId;
    }

    public String imageName() {
        return imageName;
    }

    public HandleTable<KernelObject> handleTable() {
        return handleTable;
    }

    public boolean hasExited() {
        return exited;
    }

    /** True from the moment its exit starts closing its handles: it takes no new handle (R18). */
    public boolean isExiting() {
        return exiting;
    }

    void beginExit() {
        exiting = true;
    }

    public int exitCode() {
        return exitCode;
    }

    /** A snapshot of the process's threads, ended ones included. */
    public synchronized List<KThread> threads() {
        return List.copyOf(threads);
    }

    synchronized void addThread(KThread thread) {
        threads.add(thread);
        runningThreads++;
    }

    /** Records that a thread ended; true when it was the last one running. */
    synchronized boolean threadEnded() {
        return --runningThreads == 0;
    }

    /** The code the process ends with: the one ExitProcess/TerminateProcess asked for, else the last thread's. */
    synchronized int exitCodeFor(int lastThreadCode) {
        return requestedExitCode != null ? requestedExitCode : lastThreadCode;
    }

    /** Records the code a process-wide exit asked for; false when an exit is already under way. */
    synchronized boolean requestExit(int code) {
        if (requestedExitCode != null || exited) {
            return false;
        }
        requestedExitCode = code;
        return true;
    }

    void markExited(Dispatcher dispatcher, int code) {
        synchronized (dispatcher.lock()) {
            exitCode = code;
            exited = true;
            dispatcher.signaled(this);
        }
    }

    @Override
    boolean isSignaledFor(KThread thread) {
        return exited;
    }

    @Override
    int acquire(KThread thread) {
        return NtStatus.STATUS_WAIT_0;
    }

    @Override
    public String describe() {
        return "Process#" + id() + " (" + imageName + ", pid " + processId + ")";
    }
}
