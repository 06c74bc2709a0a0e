package org.kernelhandles.api;

import java.util.Objects;
import org.kernelhandles.executive.KProcess;
import org.kernelhandles.executive.KThread;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.nt.Ntdll;
import org.kernelhandles.win32.Kernel32;

/**
 * A modelled machine for Java programs: a kernel with a first process, {@code main.exe}, running
 * one thread. Java threads act as kernel threads by binding to them; the kernel32 and ntdll
 * facades of the bound thread are then one call away, so handle code ports line for line:
 *
 * <pre>{@code
 * Machine machine = Machine.start();
 * try (Machine.Binding b = machine.bind(machine.mainThread())) {
 *     Kernel32 k32 = Machine.kernel32();
 *     long h = k32.CreateEvent(null, true, false, null);
 *     ...
 * }
 * }</pre>
 *
 * A binding is per Java thread and nests: closing it restores the binding it replaced. Several
 * Java threads may be bound to one kernel thread (they then share its last error, as code sharing
 * a thread would), and the same Java thread may move between kernel threads of any process.
 */
public final class Machine {
    private static final ThreadLocal<Kernel32> BOUND = new ThreadLocal<>();

    private final Kernel kernel;
    private final KProcess mainProcess;
    private final KThread mainThread;

    private Machine(Kernel kernel) {
        this.kernel = kernel;
        Kernel.Started started = kernel.createProcess("main.exe", null);
        // The machine keeps no references of its own: the running thread holds itself and its
        // process alive (R1, R4), exactly as for any other process.
        kernel.objects().dereference(started.process());
        kernel.objects().dereference(started.thread());
        this.mainProcess = started.process();
        this.mainThread = started.thread();
    }

    /** A machine with Windows' defaults: LIFO reuse, 2^24 - 1 handles per table. */
    public static Machine start() {
        return new Machine(new Kernel());
    }

    /** A machine whose handle tables use {@code config}'s reuse policy and quota. */
    public static Machine start(Kernel.Config config) {
        return new Machine(new Kernel(config));
    }

    public Kernel kernel() {
        return kernel;
    }

    public KProcess mainProcess() {
        return mainProcess;
    }

    public KThread mainThread() {
        return mainThread;
    }

    /** The kernel32 facade of {@code thread}, for code that passes threads explicitly. */
    public Kernel32 kernel32(KThread thread) {
        return new Kernel32(kernel, thread);
    }

    /** The thread with {@code threadId} (from CreateThread or CreateProcess), or null once its object is gone. */
    public KThread thread(long threadId) {
        return kernel.findThread(threadId);
    }

    /** Binds the calling Java thread to {@code thread} until the binding is closed. */
    public Binding bind(KThread thread) {
        Objects.requireNonNull(thread, "thread");
        if (kernel.findThread(thread.threadId()) != thread) {
            throw new IllegalArgumentException("thread " + thread.threadId() + " is not a live thread of this machine");
        }
        Kernel32 previous = BOUND.get();
        BOUND.set(new Kernel32(kernel, thread));
        return new Binding(previous);
    }

    /**
     * Starts a Java virtual thread bound to {@code thread} for the whole of {@code body}. The kernel
     * thread is not ended when the body returns: ending it is the body's business, as on Windows.
     */
    public Thread runOn(KThread thread, Runnable body) {
        Objects.requireNonNull(body, "body");
        return Thread.ofVirtual().name("kernel thread " + thread.threadId()).start(() -> {
            try (Binding b = bind(thread)) {
                body.run();
            }
        });
    }

    /** The kernel32 facade of the kernel thread the calling Java thread is bound to. */
    public static Kernel32 kernel32() {
        Kernel32 k32 = BOUND.get();
        if (k32 == null) {
            throw new IllegalStateException("this Java thread is not bound to a kernel thread: call Machine.bind first");
        }
        return k32;
    }

    /** The ntdll facade of the kernel thread the calling Java thread is bound to. */
    public static Ntdll ntdll() {
        return kernel32().nt();
    }

    /** The kernel thread the calling Java thread is bound to. */
    public static KThread currentThread() {
        return kernel32().thread();
    }

    /** A binding of the calling Java thread; closing it restores what it replaced. */
    public static final class Binding implements AutoCloseable {
        private final Kernel32 previous;
        private final Thread owner = Thread.currentThread();
        private boolean closed;

        private Binding(Kernel32 previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("a binding is closed by the Java thread that made it");
            }
            if (closed) {
                return;
            }
            closed = true;
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }
}
