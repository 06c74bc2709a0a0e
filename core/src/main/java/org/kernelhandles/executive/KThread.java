package org.kernelhandles.executive;

import java.util.ArrayList;
import java.util.List;

/**
 * A thread object. While the thread runs it holds a pointer reference on itself (R4), so closing
 * every handle to it neither stops it nor deletes it; the object holds a pointer reference on its
 * process for as long as the object lives (R1). It is signaled once it has ended, with its exit
 * code readable (R5).
 *
 * <p>The thread's last error lives here too: on Windows it is in the thread's TEB, a user-mode
 * structure, but the model has only one place per thread to keep it.
 */
public final class KThread extends DispatcherObject {
    private final KProcess process;
    private final long threadId;
    private final List<Mutant> ownedMutants = new ArrayList<>(); // guarded by the dispatcher lock
    private volatile boolean ended; // written under the dispatcher lock
    private volatile int exitCode = KProcess.STILL_ACTIVE;
    private int lastError;

    KThread(Kernel kernel, KProcess process, long threadId) {
        super(kernel, kernel.threadType());
        this.process = process;
        this.threadId = threadId;
    }

    public KProcess process() {
        return process;
    }

    public long threadId() {
        return threadId;
    }

    public boolean hasEnded() {
        return ended;
    }

    /** {@code STILL_ACTIVE} (259) while running, then the code it ended with (R5). */
    public int exitCode() {
        return exitCode;
    }

    public int lastError() {
        return lastError;
    }

    public void setLastError(int lastError) {
        this.lastError = lastError;
    }

    List<Mutant> ownedMutants() {
        return ownedMutants;
    }

    /** Marks the thread ended and abandons the mutexes it still owns (R35). Dispatcher lock held. */
    void end(Dispatcher dispatcher, int code) {
        exitCode = code;
        ended = true;
        for (Mutant m : List.copyOf(ownedMutants)) {
            m.abandon(dispatcher);
        }
        ownedMutants.clear();
        dispatcher.signaled(this);
    }

    @Override
    boolean isSignaledFor(KThread thread) {
        return ended;
    }

    @Override
    int acquire(KThread thread) {
        return NtStatus.STATUS_WAIT_0;
    }

    @Override
    public String describe() {
        return "Thread#" + id() + " (tid " + threadId + " of " + process.imageName() + ")";
    }
}
