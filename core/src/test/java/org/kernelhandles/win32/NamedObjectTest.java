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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kernelhandles.nt.LongRef;

/** R29-R31: creating and opening objects by name. */
class NamedObjectTest {
    private final Fixture m = Fixture.start();
    private final Kernel32 w = m.w;

    @Test
    @DisplayName("R29: a create with a new name succeeds with last error 0 (ERROR_SUCCESS)")
    void newNameClearsLastError() {
        m.poisonLastError();
        long h = w.CreateEvent(null, true, false, "fresh");
        assertNotEquals(0, h);
        m.assertLastError(ERROR_SUCCESS);
    }

    @Test
    @DisplayName("R29: an unnamed create also sets last error 0")
    void unnamedClearsLastError() {
        m.poisonLastError();
        assertNotEquals(0, w.CreateMutex(null, false, null));
        m.assertLastError(ERROR_SUCCESS);
        m.poisonLastError();
        assertNotEquals(0, w.CreateSemaphore(null, 0, 1, null));
        m.assertLastError(ERROR_SUCCESS);
    }

    @Test
    @DisplayName("R29: a create with an existing name of the same type: a new handle to it, ERROR_ALREADY_EXISTS (183)")
    void existingName() {
        long a = w.CreateEvent(null, true, false, "dup");
        long b = w.CreateEvent(null, true, false, "dup");
        assertNotEquals(0, b);
        assertNotEquals(a, b);
        m.assertLastError(ERROR_ALREADY_EXISTS);
        assertEquals(183, ERROR_ALREADY_EXISTS);
        assertTrue(w.CompareObjectHandles(a, b));
        assertEquals(2, m.handleCount(a));
        assertEquals(STATUS_OBJECT_NAME_EXISTS,
                w.nt().NtCreateEvent(new LongRef(), EVENT_ALL_ACCESS, "dup", 0, true, false));
    }

    @Test
    @DisplayName("R29: an existing event's create arguments are ignored (manual reset and initial state)")
    void eventArgumentsIgnored() {
        long a = w.CreateEvent(null, true, false, "ev");
        long b = w.CreateEvent(null, false, true, "ev");
        m.assertLastError(ERROR_ALREADY_EXISTS);
        assertEquals(WAIT_TIMEOUT, w.WaitForSingleObject(b, 0), "bInitialState=TRUE ignored");
        assertTrue(w.SetEvent(a));
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(b, 0));
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(b, 0), "still manual reset");
    }

    @Test
    @DisplayName("R29: a new mutex created with bInitialOwner=TRUE is owned by its creator")
    void newMutexInitialOwner() {
        long mx = w.CreateMutex(null, true, "owned");
        m.assertLastError(ERROR_SUCCESS);
        Kernel32 t2 = m.newThread();
        assertEquals(WAIT_TIMEOUT, t2.WaitForSingleObject(mx, 0));
        assertTrue(w.ReleaseMutex(mx));
        assertEquals(WAIT_OBJECT_0, t2.WaitForSingleObject(mx, 0));
    }

    @Test
    @DisplayName("R29: an existing mutex ignores bInitialOwner: the second creator does not own it")
    void mutexInitialOwnerIgnored() {
        long a = w.CreateMutex(null, false, "mx");
        Kernel32 t2 = m.newThread();
        long b = t2.CreateMutex(null, true, "mx");
        Fixture.assertLastError(t2, ERROR_ALREADY_EXISTS);
        assertFalse(t2.ReleaseMutex(b));
        Fixture.assertLastError(t2, ERROR_NOT_OWNER);
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(a, 0), "nobody owns it");
    }

    @Test
    @DisplayName("R29: an existing semaphore ignores valid new counts")
    void semaphoreCountsIgnored() {
        long a = w.CreateSemaphore(null, 0, 1, "sem");
        long b = w.CreateSemaphore(null, 5, 10, "sem");
        m.assertLastError(ERROR_ALREADY_EXISTS);
        assertEquals(WAIT_TIMEOUT, w.WaitForSingleObject(b, 0), "the count is still 0");
        assertTrue(w.ReleaseSemaphore(a, 1, null));
        assertFalse(w.ReleaseSemaphore(b, 1, null), "the maximum is still 1");
        m.assertLastError(ERROR_TOO_MANY_POSTS);
    }

    @ParameterizedTest(name = "R29: CreateSemaphore(initial={0}, maximum={1}) on an existing name: ERROR_INVALID_PARAMETER")
    @CsvSource({"-1, 1", "2, 1", "0, 0", "0, -1"})
    @DisplayName("R29: bad semaphore counts are refused even when the name exists")
    void semaphoreBadCountsWithExistingName(int initial, int maximum) {
        long a = w.CreateSemaphore(null, 0, 1, "counts");
        m.poisonLastError();
        assertEquals(0, w.CreateSemaphore(null, initial, maximum, "counts"));
        m.assertLastError(ERROR_INVALID_PARAMETER);
        assertEquals(1, m.handleCount(a), "no handle was added");
    }

    @Test
    @DisplayName("R29: bad semaphore counts with a new name or none: ERROR_INVALID_PARAMETER, no name left behind")
    void semaphoreBadCountsNewName() {
        assertEquals(0, w.CreateSemaphore(null, 3, 2, "never"));
        m.assertLastError(ERROR_INVALID_PARAMETER);
        assertEquals(0, w.CreateSemaphore(null, 3, 2, null));
        m.assertLastError(ERROR_INVALID_PARAMETER);
        assertEquals(0, w.OpenSemaphore(SYNCHRONIZE, false, "never"));
        m.assertLastError(ERROR_FILE_NOT_FOUND);
    }

    @Test
    @DisplayName("R30: a create with a name held by another type: NULL, ERROR_INVALID_HANDLE (NT STATUS_OBJECT_TYPE_MISMATCH)")
    void createOtherType() {
        long e = w.CreateEvent(null, true, false, "typed");
        assertEquals(0, w.CreateMutex(null, false, "typed"));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(0, w.CreateSemaphore(null, 0, 1, "typed"));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(STATUS_OBJECT_TYPE_MISMATCH, w.nt().NtCreateMutant(new LongRef(), MUTEX_ALL_ACCESS, "typed", 0, false));
        assertEquals(1, m.handleCount(e));
    }

    @Test
    @DisplayName("R30: an open with a name held by another type: NULL, ERROR_INVALID_HANDLE")
    void openOtherType() {
        w.CreateMutex(null, false, "mtx");
        assertEquals(0, w.OpenEvent(SYNCHRONIZE, false, "mtx"));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(0, w.OpenSemaphore(SYNCHRONIZE, false, "mtx"));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(STATUS_OBJECT_TYPE_MISMATCH, w.nt().NtOpenEvent(new LongRef(), SYNCHRONIZE, 0, "mtx"));
    }

    @Test
    @DisplayName("R31: an open of a missing name: NULL, ERROR_FILE_NOT_FOUND")
    void openMissing() {
        assertEquals(0, w.OpenEvent(SYNCHRONIZE, false, "nothing"));
        m.assertLastError(ERROR_FILE_NOT_FOUND);
        assertEquals(0, w.OpenMutex(SYNCHRONIZE, false, "nothing"));
        m.assertLastError(ERROR_FILE_NOT_FOUND);
        assertEquals(0, w.OpenSemaphore(SYNCHRONIZE, false, "nothing"));
        m.assertLastError(ERROR_FILE_NOT_FOUND);
    }

    @Test
    @DisplayName("R31: an open with a NULL name: NULL, ERROR_INVALID_PARAMETER")
    void openNullName() {
        assertEquals(0, w.OpenEvent(SYNCHRONIZE, false, null));
        m.assertLastError(ERROR_INVALID_PARAMETER);
        assertEquals(0, w.OpenMutex(SYNCHRONIZE, false, null));
        m.assertLastError(ERROR_INVALID_PARAMETER);
        assertEquals(0, w.OpenSemaphore(SYNCHRONIZE, false, null));
        m.assertLastError(ERROR_INVALID_PARAMETER);
    }

    @Test
    @DisplayName("R31: an open with access 0: NULL, ERROR_ACCESS_DENIED (Windows, not Wine)")
    void openAccessZero() {
        long e = w.CreateEvent(null, true, false, "zero");
        w.CreateMutex(null, false, "zeroM");
        w.CreateSemaphore(null, 0, 1, "zeroS");
        assertEquals(0, w.OpenEvent(0, false, "zero"));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(0, w.OpenMutex(0, false, "zeroM"));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(0, w.OpenSemaphore(0, false, "zeroS"));
        m.assertLastError(ERROR_ACCESS_DENIED);
        assertEquals(1, m.handleCount(e));
    }

    @Test
    @DisplayName("R31: an open gets the access it asks for, generic rights mapped")
    void openAccess() {
        w.CreateEvent(null, true, false, "acc");
        long h = w.OpenEvent(GENERIC_WRITE, false, "acc");
        assertEquals(READ_CONTROL | EVENT_MODIFY_STATE, m.access(h));
        assertTrue(w.SetEvent(h));
        assertEquals(WAIT_FAILED, w.WaitForSingleObject(h, 0));
        m.assertLastError(ERROR_ACCESS_DENIED);
    }

    @Test
    @DisplayName("R31: names are case-sensitive")
    void caseSensitive() {
        long a = w.CreateEvent(null, true, false, "Name");
        assertEquals(0, w.OpenEvent(SYNCHRONIZE, false, "name"));
        m.assertLastError(ERROR_FILE_NOT_FOUND);
        assertEquals(0, w.OpenEvent(SYNCHRONIZE, false, "NAME"));
        m.assertLastError(ERROR_FILE_NOT_FOUND);
        long b = w.CreateEvent(null, true, false, "name");
        m.assertLastError(ERROR_SUCCESS);
        assertFalse(w.CompareObjectHandles(a, b));
        long c = w.CreateMutex(null, false, "NAME");
        m.assertLastError(ERROR_SUCCESS);
        assertNotEquals(0, c, "no type clash: another name");
    }

    @Test
    @DisplayName("R29/R31: a name is shared across processes")
    void acrossProcesses() {
        long a = w.CreateEvent(null, true, false, "global");
        Fixture.Child c = m.child(false);
        long b = c.w().OpenEvent(EVENT_MODIFY_STATE, false, "global");
        assertTrue(c.w().SetEvent(b));
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(a, 0));
    }
}
