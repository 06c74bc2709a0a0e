package org.kernelhandles.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelhandles.executive.AccessRights.*;
import static org.kernelhandles.executive.NtStatus.*;
import static org.kernelhandles.win32.Win32Constants.*;
import static org.kernelhandles.win32.Win32Error.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.executive.KProcess;
import org.kernelhandles.executive.KernelListener;
import org.kernelhandles.executive.KernelObject;

/** R14-R17: CloseHandle. */
class CloseHandleTest {
    private final Fixture m = Fixture.start();
    private final Kernel32 w = m.w;

    @Test
    @DisplayName("R14: CloseHandle(0): FALSE, ERROR_INVALID_HANDLE (NT STATUS_INVALID_HANDLE)")
    void closeZero() {
        assertFalse(w.CloseHandle(0));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(STATUS_INVALID_HANDLE, w.nt().NtClose(0));
    }

    @Test
    @DisplayName("R14: CloseHandle of a value never handed out: FALSE, ERROR_INVALID_HANDLE")
    void closeUnknown() {
        m.event();
        assertFalse(w.CloseHandle(0x400));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.CloseHandle(0x8));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.CloseHandle(Long.MAX_VALUE & ~3L));
        m.assertLastError(ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R14: closing a freed value twice: the second CloseHandle fails with ERROR_INVALID_HANDLE")
    void doubleClose() {
        long h = m.event();
        assertTrue(w.CloseHandle(h));
        assertFalse(w.CloseHandle(h));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(STATUS_INVALID_HANDLE, w.nt().NtClose(h));
    }

    @Test
    @DisplayName("R14: a successful CloseHandle does not touch the last error")
    void successLeavesLastError() {
        long h = m.event();
        m.poisonLastError();
        assertTrue(w.CloseHandle(h));
        assertEquals(0xDEAD, w.GetLastError());
    }

    @Test
    @DisplayName("R15: closing a protected handle: FALSE, ERROR_INVALID_HANDLE; NtClose says STATUS_HANDLE_NOT_CLOSABLE")
    void protectedHandle() {
        long h = m.event();
        assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE));
        assertFalse(w.CloseHandle(h));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(STATUS_HANDLE_NOT_CLOSABLE, w.nt().NtClose(h));
    }

    @Test
    @DisplayName("R15: a refused close leaves the handle valid and unchanged (access, flags, counts)")
    void protectedHandleUnchanged() {
        long h = m.event();
        assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE | HANDLE_FLAG_INHERIT,
                HANDLE_FLAG_PROTECT_FROM_CLOSE | HANDLE_FLAG_INHERIT));
        assertFalse(w.CloseHandle(h));
        assertEquals(HANDLE_FLAG_PROTECT_FROM_CLOSE | HANDLE_FLAG_INHERIT, m.flags(h));
        assertEquals(EVENT_ALL_ACCESS, m.access(h));
        assertEquals(1, m.handleCount(h));
        assertEquals(1, m.pointerCount(h));
        assertTrue(w.SetEvent(h));
        assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0));
        assertTrue(w.CloseHandle(h), "closable once unprotected");
    }

    @Test
    @DisplayName("R15: a protected handle refused through h|1 too, and its value is not freed for reuse")
    void protectedValueNotFreed() {
        long h = m.event();
        assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE));
        assertFalse(w.CloseHandle(h | 1));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(h + 4, m.event());
    }

    @Test
    @DisplayName("R16: close frees the entry, drops both counts, runs the close procedure, unlinks the name, then deletes")
    void closeOrder() {
        List<String> events = new ArrayList<>();
        m.k.setListener(new KernelListener() {
            @Override
            public void handleClosed(KProcess process, long value, KernelObject object, boolean atExit) {
                events.add("closed handles=" + object.handleCount() + " pointers=" + object.pointerCount()
                        + " entry=" + (process.handleTable().lookup(value) != null));
            }

            @Override
            public void nameRemoved(KernelObject object, String name) {
                events.add("name removed pointers=" + object.pointerCount());
            }

            @Override
            public void objectDeleted(KernelObject object) {
                events.add("deleted");
            }
        });
        long h = w.CreateEvent(null, true, false, "ordered");
        assertTrue(w.CloseHandle(h));
        assertEquals(List.of("closed handles=0 pointers=1 entry=false", "name removed pointers=1", "deleted"), events);
    }

    @Test
    @DisplayName("R16: closing one of two handles leaves the object and its name; the other handle still works")
    void closeOneOfTwo() {
        long a = w.CreateEvent(null, true, false, "two");
        long b = w.OpenEvent(EVENT_MODIFY_STATE | SYNCHRONIZE, false, "two");
        assertTrue(w.CloseHandle(a));
        assertTrue(m.deleted.isEmpty());
        assertEquals(1, m.handleCount(b));
        assertTrue(w.SetEvent(b));
        long c = w.OpenEvent(SYNCHRONIZE, false, "two");
        assertTrue(w.CompareObjectHandles(b, c));
    }

    @Test
    @DisplayName("R16: CloseHandle on a file's last handle runs the file's close procedure (its share access is released)")
    void closeProcedureRuns() {
        long f = w.CreateFile("C:\\close.txt", GENERIC_READ, 0, null, CREATE_ALWAYS, 0);
        assertEquals(INVALID_HANDLE_VALUE, w.CreateFile("C:\\close.txt", GENERIC_READ, 0, null, OPEN_EXISTING, 0));
        m.assertLastError(ERROR_SHARING_VIOLATION);
        assertTrue(w.CloseHandle(f));
        long g = w.CreateFile("C:\\close.txt", GENERIC_READ, 0, null, OPEN_EXISTING, 0);
        assertTrue(g != INVALID_HANDLE_VALUE);
    }

    @Test
    @DisplayName("R17: when a process exits every entry in its table is closed, protected ones included")
    void exitClosesEverything() {
        long e = w.CreateEvent(null, true, false, "shared");
        Fixture.Child c = m.child(false);
        long mine = c.w().OpenEvent(SYNCHRONIZE, false, "shared");
        long prot = c.w().OpenEvent(SYNCHRONIZE, false, "shared");
        assertTrue(c.w().SetHandleInformation(prot, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE));
        c.w().CreateMutex(null, false, null);
        assertEquals(3, m.handleCount(e));
        assertTrue(mine != prot);
        c.w().ExitProcess(0);
        assertEquals(1, m.handleCount(e));
        assertEquals(1, m.pointerCount(e));
        assertEquals(0, m.k.handles(m.k.findThread(c.tid()).process()).size());
        assertEquals(1, m.deleted.size(), "the child's mutex");
    }

    @Test
    @DisplayName("R17: a process's exit can delete objects only it held, and removes their names")
    void exitDeletesAndUnnames() {
        Fixture.Child c = m.child(false);
        long ce = c.w().CreateEvent(null, true, false, "childs");
        assertTrue(c.w().SetHandleInformation(ce, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE));
        long mine = w.OpenEvent(SYNCHRONIZE, false, "childs");
        assertTrue(mine != 0, "the child's name is visible while the child holds a handle");
        assertTrue(w.CloseHandle(mine));
        c.w().ExitProcess(0);
        assertEquals(0, w.OpenEvent(SYNCHRONIZE, false, "childs"));
        m.assertLastError(ERROR_FILE_NOT_FOUND);
        assertEquals(1, m.deleted.size(), "the child's event");
    }
}
