package org.kernelhandles.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelhandles.executive.AccessRights.*;
import static org.kernelhandles.executive.NtStatus.*;
import static org.kernelhandles.win32.Win32Constants.*;
import static org.kernelhandles.win32.Win32Error.*;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.nt.LongRef;

/** R32-R33: each call checks the handle's granted access and its type. */
class AccessCheckTest {
    private final Fixture m = Fixture.start();
    private final Kernel32 w = m.w;

    /** A duplicate of {@code h} with exactly {@code access}. */
    private long with(long h, int access) {
        LongRef out = new LongRef();
        assertTrue(w.DuplicateHandle(-1, h, -1, out, access, false, 0));
        assertEquals(access, m.access(out.value));
        return out.value;
    }

    // ---------------------------------------------------------------- R32

    @Test
    @DisplayName("R32: SetEvent needs EVENT_MODIFY_STATE: without it FALSE, ERROR_ACCESS_DENIED, the event unchanged")
    void setEventNeedsModify() {
        long e = m.event();
        assertFalse(w.SetEvent(with(e, SYNCHRONIZE | EVENT_QUERY_STATE)));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(WAIT_TIMEOUT, w.WaitForSingleObject(e, 0));
        assertTrue(w.SetEvent(with(e, EVENT_MODIFY_STATE)));
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(e, 0));
    }

    @Test
    @DisplayName("R32: ResetEvent needs EVENT_MODIFY_STATE")
    void resetEventNeedsModify() {
        long e = w.CreateEvent(null, true, true, null);
        assertFalse(w.ResetEvent(with(e, SYNCHRONIZE)));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(e, 0));
        assertTrue(w.ResetEvent(with(e, EVENT_MODIFY_STATE)));
    }

    @Test
    @DisplayName("R32: WaitForSingleObject needs SYNCHRONIZE: WAIT_FAILED with ERROR_ACCESS_DENIED")
    void waitNeedsSynchronize() {
        long e = w.CreateEvent(null, true, true, null);
        assertEquals(WAIT_FAILED, w.WaitForSingleObject(with(e, EVENT_MODIFY_STATE | EVENT_QUERY_STATE), 0));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(with(e, SYNCHRONIZE), 0));
    }

    @Test
    @DisplayName("R32: WaitForMultipleObjects needs SYNCHRONIZE on every handle, and acquires nothing when one lacks it")
    void waitMultipleNeedsSynchronize() {
        long s = w.CreateSemaphore(null, 1, 1, null);
        long e = w.CreateEvent(null, true, true, null);
        assertEquals(WAIT_FAILED, w.WaitForMultipleObjects(2, new long[] {s, with(e, EVENT_MODIFY_STATE)}, true, 0));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(s, 0), "the semaphore's count was not taken");
    }

    @Test
    @DisplayName("R32: ReleaseSemaphore needs SEMAPHORE_MODIFY_STATE; a refused release changes no count")
    void releaseSemaphoreNeedsModify() {
        long s = w.CreateSemaphore(null, 0, 1, null);
        assertFalse(w.ReleaseSemaphore(with(s, SYNCHRONIZE | SEMAPHORE_QUERY_STATE), 1, null));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(WAIT_TIMEOUT, w.WaitForSingleObject(s, 0));
        assertTrue(w.ReleaseSemaphore(with(s, SEMAPHORE_MODIFY_STATE), 1, null));
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(s, 0));
    }

    @Test
    @DisplayName("R32: ReleaseMutex needs no right at all: its owner releases through a handle with access 0")
    void releaseMutexNeedsNothing() {
        long mx = w.CreateMutex(null, true, null);
        assertTrue(w.ReleaseMutex(with(mx, 0)));
        Kernel32 t2 = m.newThread();
        assertEquals(WAIT_OBJECT_0, t2.WaitForSingleObject(mx, 0), "released: another thread can take it");
    }

    @Test
    @DisplayName("R32: ReleaseMutex's check is ownership: a non-owner gets ERROR_NOT_OWNER even with MUTEX_ALL_ACCESS")
    void releaseMutexChecksOwnership() {
        long mx = w.CreateMutex(null, true, null);
        Kernel32 t2 = m.newThread();
        assertFalse(t2.ReleaseMutex(mx));
        Fixture.assertLastError(t2, ERROR_NOT_OWNER);
    }

    @Test
    @DisplayName("R32: ReadFile needs FILE_READ_DATA")
    void readFileNeedsReadData() {
        long f = w.CreateFile("C:\\r.txt", GENERIC_WRITE, FILE_SHARE_READ, null, CREATE_ALWAYS, 0);
        assertTrue(w.WriteFile(f, "abc", 3, null));
        LongRef read = new LongRef(99);
        assertFalse(w.ReadFile(f, new StringBuilder(), 3, read));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(0, read.value);
        long r = w.CreateFile("C:\\r.txt", FILE_READ_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, null, OPEN_EXISTING, 0);
        StringBuilder data = new StringBuilder();
        assertTrue(w.ReadFile(r, data, 3, read));
        assertEquals("abc", data.toString());
    }

    @Test
    @DisplayName("R32: WriteFile needs FILE_WRITE_DATA or FILE_APPEND_DATA; append-only writes go to the end")
    void writeFileNeedsWriteOrAppend() {
        long f = w.CreateFile("C:\\w.txt", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, null,
                CREATE_ALWAYS, 0);
        assertTrue(w.WriteFile(f, "abc", 3, null));
        long ro = w.CreateFile("C:\\w.txt", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, null, OPEN_EXISTING, 0);
        assertFalse(w.WriteFile(ro, "x", 1, null));
        m.assertLastError(ERROR_ACCESS_DENIED);
        long ap = w.CreateFile("C:\\w.txt", FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, null, OPEN_EXISTING, 0);
        assertTrue(w.WriteFile(ap, "d", 1, null));
        StringBuilder data = new StringBuilder();
        assertEquals(0, w.SetFilePointer(f, 0, FILE_BEGIN));
        assertTrue(w.ReadFile(f, data, 10, null));
        assertEquals("abcd", data.toString());
    }

    @Test
    @DisplayName("R32: TerminateProcess needs PROCESS_TERMINATE")
    void terminateProcessNeedsTerminate() {
        Fixture.Child c = m.child(false);
        long query = w.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, false, c.pid());
        assertFalse(w.TerminateProcess(query, 1));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(WAIT_TIMEOUT, w.WaitForSingleObject(query, 0), "still running");
        long term = w.OpenProcess(PROCESS_TERMINATE, false, c.pid());
        assertTrue(w.TerminateProcess(term, 3));
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(query, 0));
    }

    @Test
    @DisplayName("R32: TerminateThread needs THREAD_TERMINATE")
    void terminateThreadNeedsTerminate() {
        LongRef tid = new LongRef();
        long h = w.CreateThread(null, 0, 0, tid);
        assertFalse(w.TerminateThread(with(h, THREAD_QUERY_INFORMATION | SYNCHRONIZE), 1));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(WAIT_TIMEOUT, w.WaitForSingleObject(h, 0));
        assertTrue(w.TerminateThread(with(h, THREAD_TERMINATE), 9));
        LongRef code = new LongRef();
        assertTrue(w.GetExitCodeThread(h, code));
        assertEquals(9, code.value);
    }

    @Test
    @DisplayName("R32: GetExitCodeThread needs THREAD_QUERY_INFORMATION or THREAD_QUERY_LIMITED_INFORMATION")
    void exitCodeThreadNeedsQuery() {
        long t = w.CreateThread(null, 0, 0, null);
        LongRef code = new LongRef();
        assertFalse(w.GetExitCodeThread(with(t, SYNCHRONIZE | THREAD_TERMINATE), code));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertTrue(w.GetExitCodeThread(with(t, THREAD_QUERY_INFORMATION), code));
        assertEquals(STILL_ACTIVE, code.value);
        assertTrue(w.GetExitCodeThread(with(t, THREAD_QUERY_LIMITED_INFORMATION), code));
        assertEquals(STILL_ACTIVE, code.value);
    }

    @Test
    @DisplayName("R32: GetExitCodeProcess needs PROCESS_QUERY_INFORMATION or PROCESS_QUERY_LIMITED_INFORMATION")
    void exitCodeProcessNeedsQuery() {
        long pid = w.GetCurrentProcessId();
        LongRef code = new LongRef();
        assertFalse(w.GetExitCodeProcess(w.OpenProcess(SYNCHRONIZE | PROCESS_TERMINATE, false, pid), code));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertTrue(w.GetExitCodeProcess(w.OpenProcess(PROCESS_QUERY_INFORMATION, false, pid), code));
        assertEquals(STILL_ACTIVE, code.value);
        assertTrue(w.GetExitCodeProcess(w.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, pid), code));
        assertEquals(STILL_ACTIVE, code.value);
    }

    @Test
    @DisplayName("R32: DuplicateHandle needs PROCESS_DUP_HANDLE on the process handles: ERROR_ACCESS_DENIED")
    void duplicateNeedsDupHandle() {
        long noDup = w.OpenProcess(PROCESS_ALL_ACCESS & ~PROCESS_DUP_HANDLE, false, w.GetCurrentProcessId());
        assertFalse(w.DuplicateHandle(noDup, m.event(), -1, new LongRef(), 0, false, DUPLICATE_SAME_ACCESS));
        m.assertLastError(ERROR_ACCESS_DENIED);
    }

    @Test
    @DisplayName("R32: a FILE_ANY_ACCESS control code and SetFilePointer need no access")
    void anyAccessCalls() {
        long echo = w.CreateFile("\\\\.\\Echo", 0, 0, null, OPEN_EXISTING, 0);
        long noAccess = with(echo, 0);
        LongRef id = new LongRef();
        assertTrue(w.DeviceIoControl(noAccess, IOCTL_ECHO_OBJECT_ID, id, 8, null));
        assertEquals(m.info(echo).objectId(), id.value);
        long f = w.CreateFile("C:\\p.txt", 0, 0, null, CREATE_ALWAYS, 0);
        assertEquals(4, w.SetFilePointer(with(f, 0), 4, FILE_BEGIN));
    }

    @Test
    @DisplayName("R32: the check is on the handle's access, not the object's: the same object denies one handle and serves another")
    void handleNotObject() {
        long e = m.event();
        long weak = with(e, SYNCHRONIZE);
        assertFalse(w.SetEvent(weak));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertTrue(w.SetEvent(e));
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(weak, 0));
    }

    @Test
    @DisplayName("R32: the NT status behind a missing right is STATUS_ACCESS_DENIED")
    void ntStatus() {
        long e = m.event();
        assertEquals(STATUS_ACCESS_DENIED, w.nt().NtSetEvent(with(e, SYNCHRONIZE), null));
    }

    @Test
    @DisplayName("R31/R32: OpenProcess and OpenThread by id with access 0: NULL, ERROR_ACCESS_DENIED")
    void openByIdAccessZero() {
        assertEquals(0, w.OpenProcess(0, false, w.GetCurrentProcessId()));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(0, w.OpenThread(0, false, w.GetCurrentThreadId()));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(0, m.k.handles(m.process).size());
    }

    // ---------------------------------------------------------------- R33

    @Test
    @DisplayName("R33: SetEvent on a mutex: FALSE, ERROR_INVALID_HANDLE (NT STATUS_OBJECT_TYPE_MISMATCH)")
    void setEventOnMutex() {
        long mx = w.CreateMutex(null, false, null);
        assertFalse(w.SetEvent(mx));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(STATUS_OBJECT_TYPE_MISMATCH, w.nt().NtSetEvent(mx, null));
    }

    @Test
    @DisplayName("R33: the type is checked before the access: SetEvent on a mutex handle with no access is ERROR_INVALID_HANDLE")
    void typeBeforeAccess() {
        long mx = with(w.CreateMutex(null, false, null), 0);
        assertFalse(w.SetEvent(mx));
        m.assertLastError(ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R33: ReleaseMutex on an event, ReleaseSemaphore on a mutex, ResetEvent on a semaphore: ERROR_INVALID_HANDLE")
    void syncObjectsMixedUp() {
        long e = m.event();
        long mx = w.CreateMutex(null, true, null);
        long s = w.CreateSemaphore(null, 0, 1, null);
        assertFalse(w.ReleaseMutex(e));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.ReleaseSemaphore(mx, 1, null));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.ResetEvent(s));
        m.assertLastError(ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R33: ReadFile, WriteFile and DeviceIoControl on an event: ERROR_INVALID_HANDLE")
    void fileCallsOnEvent() {
        long e = m.event();
        assertFalse(w.ReadFile(e, new StringBuilder(), 1, null));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.WriteFile(e, "x", 1, null));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.DeviceIoControl(e, IOCTL_ECHO_OBJECT_ID, new LongRef(), 8, null));
        m.assertLastError(ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R33: thread calls on a process handle and process calls on a thread handle: ERROR_INVALID_HANDLE")
    void threadsAndProcessesMixedUp() {
        Fixture.Child c = m.child(false);
        assertFalse(w.TerminateThread(c.hProcess(), 1));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.TerminateProcess(c.hThread(), 1));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.GetExitCodeThread(c.hProcess(), new LongRef()));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.GetExitCodeProcess(c.hThread(), new LongRef()));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.GetExitCodeThread(-1, new LongRef()), "a pseudo handle of the wrong type");
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(WAIT_TIMEOUT, w.WaitForSingleObject(c.hProcess(), 0), "nothing was terminated");
    }

    @Test
    @DisplayName("R33: a file handle where a process handle is needed (DuplicateHandle): ERROR_INVALID_HANDLE")
    void fileAsProcess() {
        long f = w.CreateFile("\\\\.\\NUL", GENERIC_WRITE, 0, null, OPEN_EXISTING, 0);
        assertNotEquals(INVALID_HANDLE_VALUE, f);
        assertFalse(w.DuplicateHandle(f, m.event(), -1, new LongRef(), 0, false, DUPLICATE_SAME_ACCESS));
        m.assertLastError(ERROR_INVALID_HANDLE);
    }
}
