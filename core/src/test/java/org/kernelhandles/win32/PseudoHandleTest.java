package org.kernelhandles.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelhandles.executive.AccessRights.*;
import static org.kernelhandles.win32.Win32Constants.*;
import static org.kernelhandles.win32.Win32Error.*;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.nt.LongRef;

/** R11-R13: GetCurrentProcess() and GetCurrentThread(). */
class PseudoHandleTest {
    private final Fixture m = Fixture.start();
    private final Kernel32 w = m.w;

    @Test
    @DisplayName("R11: GetCurrentProcess() is -1 and GetCurrentThread() is -2")
    void values() {
        assertEquals(-1, w.GetCurrentProcess());
        assertEquals(-2, w.GetCurrentThread());
    }

    @Test
    @DisplayName("R11: pseudo handles are not table entries: using them adds no entry and makes no first value")
    void notEntries() {
        assertEquals(w.GetCurrentProcessId(), w.GetProcessId(-1));
        assertEquals(w.GetCurrentThreadId(), w.GetThreadId(-2));
        assertEquals(0, m.k.handles(m.process).size());
        assertEquals(0x4, m.event());
    }

    @Test
    @DisplayName("R11: -2 means the calling thread: the same value names a different thread in each caller")
    void currentThreadIsTheCaller() {
        Kernel32 t2 = m.newThread();
        assertEquals(t2.GetCurrentThreadId(), t2.GetThreadId(-2));
        assertNotEquals(w.GetThreadId(-2), t2.GetThreadId(-2));
        assertEquals(w.GetProcessId(-1), t2.GetProcessId(-1), "both threads' -1 is main.exe");
    }

    @Test
    @DisplayName("R11: -1 means the calling process: in a child it is the child")
    void currentProcessIsTheCallersProcess() {
        Fixture.Child c = m.child(false);
        assertEquals(c.pid(), c.w().GetProcessId(-1));
        assertNotEquals(w.GetProcessId(-1), c.w().GetProcessId(-1));
    }

    @Test
    @DisplayName("R11: pseudo handles carry full access (query, terminate-free checks pass, DuplicateHandle accepts -1 as a process)")
    void fullAccess() {
        LongRef code = new LongRef();
        assertTrue(w.GetExitCodeProcess(-1, code));
        assertEquals(STILL_ACTIVE, code.value);
        assertTrue(w.GetExitCodeThread(-2, code));
        assertEquals(STILL_ACTIVE, code.value);
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, m.event(), -1, dup, 0, false, DUPLICATE_SAME_ACCESS));
    }

    @Test
    @DisplayName("R11: QueryObject on a pseudo handle reports the object's full valid access")
    void queryObjectOnPseudo() {
        assertEquals(PROCESS_ALL_ACCESS, m.access(-1));
        assertEquals(THREAD_ALL_ACCESS, m.access(-2));
        assertEquals("Process", m.info(-1).typeName());
        assertEquals("Thread", m.info(-2).typeName());
    }

    @Test
    @DisplayName("R12: CloseHandle(-1) and CloseHandle(-2) return TRUE and do nothing")
    void closeDoesNothing() {
        long hp = w.OpenProcess(SYNCHRONIZE, false, w.GetCurrentProcessId());
        int before = m.pointerCount(hp);
        m.poisonLastError();
        assertTrue(w.CloseHandle(-1));
        assertTrue(w.CloseHandle(-2));
        assertTrue(w.CloseHandle(-1));
        assertEquals(0xDEAD, w.GetLastError(), "a successful close leaves the last error alone");
        assertEquals(before, m.pointerCount(hp));
        assertEquals(w.GetCurrentThreadId(), w.GetThreadId(-2), "-2 still works");
    }

    @Test
    @DisplayName("R12: GetHandleInformation on -1 and -2 returns TRUE with flags 0")
    void getInformation() {
        LongRef flags = new LongRef(0x55);
        assertTrue(w.GetHandleInformation(-1, flags));
        assertEquals(0, flags.value);
        flags.value = 0x55;
        assertTrue(w.GetHandleInformation(-2, flags));
        assertEquals(0, flags.value);
    }

    @Test
    @DisplayName("R12: SetHandleInformation on -1 and -2 fails with ERROR_ACCESS_DENIED")
    void setInformationDenied() {
        assertFalse(w.SetHandleInformation(-1, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertFalse(w.SetHandleInformation(-2, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0));
        m.assertLastError(ERROR_ACCESS_DENIED);
    }

    @Test
    @DisplayName("R13: duplicating -1 yields a real handle to the process, with one more handle on it")
    void duplicateCurrentProcess() {
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, -1, -1, dup, 0, false, DUPLICATE_SAME_ACCESS));
        assertEquals(0x4, dup.value);
        assertEquals("Process", m.info(dup.value).typeName());
        assertEquals(PROCESS_ALL_ACCESS, m.access(dup.value));
        assertEquals(1, m.handleCount(dup.value));
        assertTrue(w.CompareObjectHandles(dup.value, -1));
        assertEquals(w.GetCurrentProcessId(), w.GetProcessId(dup.value));
    }

    @Test
    @DisplayName("R13: duplicating -2 yields a real handle to the calling thread that keeps naming it from other threads")
    void duplicateCurrentThread() {
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, -2, -1, dup, SYNCHRONIZE | THREAD_QUERY_LIMITED_INFORMATION, false, 0));
        assertEquals("Thread", m.info(dup.value).typeName());
        assertEquals(SYNCHRONIZE | THREAD_QUERY_LIMITED_INFORMATION, m.access(dup.value));
        Kernel32 t2 = m.newThread();
        assertEquals(w.GetCurrentThreadId(), t2.GetThreadId(dup.value), "a real handle, not 'the caller'");
        assertFalse(t2.CompareObjectHandles(dup.value, -2));
        Fixture.assertLastError(t2, ERROR_NOT_SAME_OBJECT);
    }

    @Test
    @DisplayName("R13: WaitForSingleObject accepts pseudo handles")
    void waitSingleAcceptsPseudo() {
        assertEquals(WAIT_TIMEOUT, w.WaitForSingleObject(-1, 0));
        assertEquals(WAIT_TIMEOUT, w.WaitForSingleObject(-2, 0));
    }

    @Test
    @DisplayName("R13: WaitForMultipleObjects rejects pseudo handles: WAIT_FAILED, ERROR_INVALID_HANDLE (Windows, not Wine)")
    void waitMultipleRejectsPseudo() {
        long e = m.event();
        assertTrue(w.SetEvent(e));
        assertEquals(WAIT_FAILED, w.WaitForMultipleObjects(2, new long[] {e, -1}, false, 0));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(WAIT_FAILED, w.WaitForMultipleObjects(1, new long[] {-2}, false, 0));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(WAIT_OBJECT_0, w.WaitForMultipleObjects(1, new long[] {e}, false, 0));
    }
}
