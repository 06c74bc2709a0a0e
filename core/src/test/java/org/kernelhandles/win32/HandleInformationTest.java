package org.kernelhandles.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelhandles.executive.AccessRights.*;
import static org.kernelhandles.executive.NtStatus.*;
import static org.kernelhandles.win32.Win32Constants.*;
import static org.kernelhandles.win32.Win32Error.*;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.nt.LongRef;

/** R27-R28: GetHandleInformation, SetHandleInformation and CompareObjectHandles. */
class HandleInformationTest {
    private final Fixture m = Fixture.start();
    private final Kernel32 w = m.w;

    @Test
    @DisplayName("R27: a new handle has flags 0; one created inheritable has HANDLE_FLAG_INHERIT")
    void initialFlags() {
        assertEquals(0, m.flags(m.event()));
        long inheritable = w.CreateEvent(SecurityAttributes.INHERIT, true, false, null);
        assertEquals(HANDLE_FLAG_INHERIT, m.flags(inheritable));
        long opened = w.OpenProcess(SYNCHRONIZE, true, w.GetCurrentProcessId());
        assertEquals(HANDLE_FLAG_INHERIT, m.flags(opened));
    }

    @Test
    @DisplayName("R27: SetHandleInformation sets and clears each flag")
    void setAndClear() {
        long h = m.event();
        assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT));
        assertEquals(HANDLE_FLAG_INHERIT, m.flags(h));
        assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE));
        assertEquals(HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE, m.flags(h));
        assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_INHERIT, 0));
        assertEquals(HANDLE_FLAG_PROTECT_FROM_CLOSE, m.flags(h));
        assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE, 0));
        assertEquals(0, m.flags(h));
    }

    @Test
    @DisplayName("R27: only the bits in mask change: flags outside the mask are ignored")
    void onlyMaskedBits() {
        long h = m.event();
        assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE,
                HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE));
        assertEquals(HANDLE_FLAG_PROTECT_FROM_CLOSE, m.flags(h));
        assertTrue(w.SetHandleInformation(h, 0, 0));
        assertEquals(HANDLE_FLAG_PROTECT_FROM_CLOSE, m.flags(h), "an empty mask changes nothing");
    }

    @Test
    @DisplayName("R27: the flags are the handle's: setting them on one handle leaves a duplicate's alone")
    void perHandle() {
        long h = m.event();
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, h, -1, dup, 0, false, DUPLICATE_SAME_ACCESS));
        assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT));
        assertEquals(0, m.flags(dup.value));
    }

    @Test
    @DisplayName("R27: GetHandleInformation on an invalid handle: FALSE, ERROR_INVALID_HANDLE")
    void getInvalid() {
        assertFalse(w.GetHandleInformation(0x400, new LongRef()));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.GetHandleInformation(0, new LongRef()));
        m.assertLastError(ERROR_INVALID_HANDLE);
        long h = m.event();
        assertTrue(w.CloseHandle(h));
        assertFalse(w.GetHandleInformation(h, new LongRef()));
        m.assertLastError(ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R27: SetHandleInformation on an invalid handle: FALSE, ERROR_INVALID_HANDLE")
    void setInvalid() {
        assertFalse(w.SetHandleInformation(0x400, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.SetHandleInformation(0, HANDLE_FLAG_INHERIT, 0));
        m.assertLastError(ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R27: handle information needs no access right on the handle")
    void noAccessNeeded() {
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, m.event(), -1, dup, 0, false, 0));
        assertTrue(w.SetHandleInformation(dup.value, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT));
        assertEquals(HANDLE_FLAG_INHERIT, m.flags(dup.value));
    }

    @Test
    @DisplayName("R28: CompareObjectHandles of a handle and its duplicate: TRUE")
    void duplicateIsSame() {
        long h = m.event();
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, h, -1, dup, 0, false, DUPLICATE_SAME_ACCESS));
        assertTrue(w.CompareObjectHandles(h, dup.value));
        assertTrue(w.CompareObjectHandles(h, h));
    }

    @Test
    @DisplayName("R28: CompareObjectHandles needs no access on either handle")
    void noAccess() {
        long h = m.event();
        LongRef a = new LongRef();
        LongRef b = new LongRef();
        assertTrue(w.DuplicateHandle(-1, h, -1, a, 0, false, 0));
        assertTrue(w.DuplicateHandle(-1, h, -1, b, 0, false, 0));
        assertTrue(w.CompareObjectHandles(a.value, b.value));
        assertFalse(w.CompareObjectHandles(a.value, m.event()));
        m.assertLastError(ERROR_NOT_SAME_OBJECT);
    }

    @Test
    @DisplayName("R28: two objects: FALSE, ERROR_NOT_SAME_OBJECT (1656; NT STATUS_NOT_SAME_OBJECT)")
    void differentObjects() {
        long a = m.event();
        long b = m.event();
        assertFalse(w.CompareObjectHandles(a, b));
        m.assertLastError(ERROR_NOT_SAME_OBJECT);
        assertEquals(1656, ERROR_NOT_SAME_OBJECT);
        assertEquals(STATUS_NOT_SAME_OBJECT, w.nt().NtCompareObjects(a, b));
    }

    @Test
    @DisplayName("R28: an open by name gives the same object")
    void openByNameIsSame() {
        long a = w.CreateEvent(null, true, false, "same");
        long b = w.OpenEvent(SYNCHRONIZE, false, "same");
        long c = w.CreateEvent(null, false, true, "same");
        assertTrue(w.CompareObjectHandles(a, b));
        assertTrue(w.CompareObjectHandles(a, c));
    }

    @Test
    @DisplayName("R28: each CreateFile gives a new object, even on the same file")
    void createFileIsNew() {
        long a = w.CreateFile("C:\\cmp.txt", GENERIC_READ, FILE_SHARE_READ, null, CREATE_ALWAYS, 0);
        long b = w.CreateFile("C:\\cmp.txt", GENERIC_READ, FILE_SHARE_READ, null, OPEN_EXISTING, 0);
        assertFalse(w.CompareObjectHandles(a, b));
        m.assertLastError(ERROR_NOT_SAME_OBJECT);
        long n1 = w.CreateFile("\\\\.\\NUL", GENERIC_WRITE, 0, null, OPEN_EXISTING, 0);
        long n2 = w.CreateFile("\\\\.\\NUL", GENERIC_WRITE, 0, null, OPEN_EXISTING, 0);
        assertFalse(w.CompareObjectHandles(n1, n2));
    }

    @Test
    @DisplayName("R28: pseudo handles compare as their objects")
    void pseudoHandles() {
        long self = w.OpenProcess(SYNCHRONIZE, false, w.GetCurrentProcessId());
        assertTrue(w.CompareObjectHandles(-1, self));
        assertTrue(w.CompareObjectHandles(self, -1));
        long me = w.OpenThread(SYNCHRONIZE, false, w.GetCurrentThreadId());
        assertTrue(w.CompareObjectHandles(-2, me));
        assertFalse(w.CompareObjectHandles(-1, -2));
        m.assertLastError(ERROR_NOT_SAME_OBJECT);
    }

    @Test
    @DisplayName("R28: an invalid handle on either side: FALSE, ERROR_INVALID_HANDLE")
    void invalidEitherSide() {
        long h = m.event();
        assertFalse(w.CompareObjectHandles(h, 0x400));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.CompareObjectHandles(0x400, h));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertFalse(w.CompareObjectHandles(0, 0));
        m.assertLastError(ERROR_INVALID_HANDLE);
    }
}
