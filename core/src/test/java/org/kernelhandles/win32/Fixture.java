package org.kernelhandles.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.kernelhandles.executive.KProcess;
import org.kernelhandles.executive.KThread;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.executive.KernelListener;
import org.kernelhandles.executive.KernelObject;
import org.kernelhandles.nt.LongRef;
import org.kernelhandles.nt.ObjectBasicInformation;

/**
 * A test fixture: a kernel with one process ({@code main.exe}) whose first thread is driven through
 * {@link #w}. The process starts with an empty handle table: the fixture keeps no handle to it or
 * its thread, so the first handle a test makes is 0x4 (R7).
 */
final class Fixture {
    final Kernel k;
    final KProcess process;
    final KThread thread;
    final Kernel32 w;
    /** Every object the kernel deleted, in order (R3). */
    final List<KernelObject> deleted = new ArrayList<>();

    private Fixture(Kernel k) {
        this.k = k;
        Kernel.Started s = k.createProcess("main.exe", null);
        k.objects().dereference(s.process());
        k.objects().dereference(s.thread());
        this.process = s.process();
        this.thread = s.thread();
        this.w = new Kernel32(k, s.thread());
        k.setListener(new KernelListener() {
            @Override
            public void objectDeleted(KernelObject object) {
                deleted.add(object);
            }
        });
    }

    static Fixture start() {
        return new Fixture(new Kernel());
    }

    static Fixture start(Kernel.Config config) {
        return new Fixture(new Kernel(config));
    }

    /** A second thread in main.exe, made with CreateThread; its handle is closed unless asked to keep it. */
    Kernel32 newThread() {
        LongRef tid = new LongRef();
        long h = w.CreateThread(null, 0, 0, tid);
        assertNotEquals(0, h, "CreateThread");
        assertTrue(w.CloseHandle(h));
        return new Kernel32(k, k.findThread(tid.value));
    }

    /** A child process started by main.exe: the parent's handles to it, and a facade for its thread. */
    record Child(long hProcess, long hThread, long pid, long tid, Kernel32 w) {}

    Child child(boolean inheritHandles) {
        LongRef hp = new LongRef();
        LongRef ht = new LongRef();
        LongRef pid = new LongRef();
        LongRef tid = new LongRef();
        assertTrue(w.CreateProcess("child.exe", inheritHandles, hp, ht, pid, tid), "CreateProcess");
        return new Child(hp.value, ht.value, pid.value, tid.value, new Kernel32(k, k.findThread(tid.value)));
    }

    /** An unnamed manual-reset event, not signaled. */
    long event() {
        long h = w.CreateEvent(null, true, false, null);
        assertNotEquals(0, h, "CreateEvent");
        return h;
    }

    static ObjectBasicInformation info(Kernel32 w, long h) {
        ObjectBasicInformation i = w.QueryObject(h);
        assertNotNull(i, () -> "QueryObject(0x" + Long.toHexString(h) + ") failed with " + w.GetLastError());
        return i;
    }

    ObjectBasicInformation info(long h) {
        return info(w, h);
    }

    int handleCount(long h) {
        return info(h).handleCount();
    }

    int pointerCount(long h) {
        return info(h).pointerCount();
    }

    int access(long h) {
        return info(h).grantedAccess();
    }

    long flags(long h) {
        LongRef f = new LongRef(-1);
        assertTrue(w.GetHandleInformation(h, f), "GetHandleInformation");
        return f.value;
    }

    /** Asserts the last call failed with {@code error}, by name for readable failures. */
    static void assertLastError(Kernel32 w, int error) {
        assertEquals(Win32Error.name(error), Win32Error.name(w.GetLastError()), "GetLastError()");
    }

    void assertLastError(int error) {
        assertLastError(w, error);
    }

    /** Puts a marker in the last error, so that a test can see a call set it (or left it). */
    void poisonLastError() {
        w.SetLastError(0xDEAD);
    }
}
