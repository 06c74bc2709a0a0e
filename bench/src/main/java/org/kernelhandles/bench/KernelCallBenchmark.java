package org.kernelhandles.bench;

import java.util.concurrent.TimeUnit;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.executive.KernelListener;
import org.kernelhandles.executive.KProcess;
import org.kernelhandles.nt.LongRef;
import org.kernelhandles.verifier.Site;
import org.kernelhandles.verifier.Verifier;
import org.kernelhandles.win32.Kernel32;
import org.kernelhandles.win32.Win32Constants;
import org.kernelhandles.win32.Win32Error;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full-stack calls through kernel32 (Win32 facade, Nt service, object manager, handle table,
 * dispatcher), each with the kernel listener off (null, the default) and with a listener that
 * does nothing installed ({@code listener=noop}), so that one run shows what the observer hook
 * costs when something is listening; with it off the design promises one well-predicted branch.
 *
 * <p>The baseline, {@code tableLookup}, is the handle-table lookup of the same event's handle
 * that every call through a handle starts with: what is left of a call above it is the stack.
 *
 * <p>Each thread gets its own kernel, process and thread (Scope.Thread), made once per trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KernelCallBenchmark {

    /**
     * off: no listener; noop: a listener that does nothing; verifier: the verifier with constant
     * sites (its bookkeeping alone); verifierStacks: the verifier as Java code gets it, capturing
     * the caller's frames at every create and close.
     */
    @Param({"off", "noop", "verifier", "verifierStacks"})
    public String listener;

    private KProcess process;
    private Kernel32 k32;
    /** A manual-reset event, open for the whole trial. */
    private long event;
    /** A value that was a handle and has been closed: nothing reuses it in closeInvalid's run. */
    private long stale;
    private long currentProcess;
    private final LongRef duplicate = new LongRef();

    @Setup(Level.Trial)
    public void setUp() {
        Kernel k = new Kernel();
        Kernel.Started s = k.createProcess("main.exe", null);
        k.objects().dereference(s.process());
        k.objects().dereference(s.thread());
        process = s.process();
        k32 = new Kernel32(k, s.thread());
        switch (listener) {
            case "off" -> k.setListener(null);
            case "noop" -> k.setListener(new KernelListener() {});
            case "verifier" -> k.setListener(new Verifier(() -> Site.line(0)));
            case "verifierStacks" -> k.setListener(Verifier.forJava());
            default -> throw new IllegalArgumentException(
                    "listener must be off, noop, verifier or verifierStacks: " + listener);
        }
        currentProcess = k32.GetCurrentProcess();
        event = k32.CreateEvent(null, true, false, null);
        // Made after the event, so that LIFO does not hand the stale value to the event.
        stale = k32.CreateEvent(null, true, false, null);
        check(event != 0 && stale != 0 && k32.CloseHandle(stale), "CreateEvent/CloseHandle");

        // Each call once, to fail here rather than measure an error path by mistake.
        check(duplicateAndClose(), "DuplicateHandle + CloseHandle");
        check(createAndCloseEvent(), "CreateEvent + CloseHandle");
        check(k32.SetEvent(event), "SetEvent");
        check(!k32.CloseHandle(stale) && k32.GetLastError() == Win32Error.ERROR_INVALID_HANDLE,
                "CloseHandle(stale) fails with ERROR_INVALID_HANDLE");
        check(process.handleTable().size() == 1, "one handle open (the event)");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("setup: " + what + " did not do what the benchmark measures");
        }
    }

    private boolean duplicateAndClose() {
        boolean duplicated = k32.DuplicateHandle(currentProcess, event, currentProcess, duplicate, 0, false,
                Win32Constants.DUPLICATE_SAME_ACCESS);
        return duplicated & k32.CloseHandle(duplicate.value);
    }

    private boolean createAndCloseEvent() {
        long h = k32.CreateEvent(null, false, false, null);
        return h != 0 & k32.CloseHandle(h);
    }

    /** Baseline: the table lookup that starts every call through a handle. */
    @Benchmark
    public Object tableLookup() {
        return process.handleTable().lookup(event).object();
    }

    @Benchmark
    public boolean duplicateHandle_closeHandle() {
        return duplicateAndClose();
    }

    @Benchmark
    public boolean createEvent_closeHandle() {
        return createAndCloseEvent();
    }

    /** Reference by handle (type and access checks), the dispatcher lock, and the dereference. */
    @Benchmark
    public boolean setEvent() {
        return k32.SetEvent(event);
    }

    /** The error path: a closed value, ERROR_INVALID_HANDLE, and a badHandle report when listened. */
    @Benchmark
    public boolean closeHandle_invalid() {
        return k32.CloseHandle(stale);
    }
}
