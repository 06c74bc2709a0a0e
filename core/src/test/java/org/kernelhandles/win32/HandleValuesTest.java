package org.kernelhandles.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelhandles.executive.AccessRights.*;
import static org.kernelhandles.win32.Win32Constants.*;
import static org.kernelhandles.win32.Win32Error.*;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.executive.handles.ReusePolicy;
import org.kernelhandles.nt.LongRef;

/** R6-R10: per-process tables, the values handed out, their reuse, the quota, and per-handle access and flags. */
class HandleValuesTest {
    private final Fixture m = Fixture.start();
    private final Kernel32 w = m.w;

    private static Fixture quota3() {
        return Fixture.start(new Kernel.Config(ReusePolicy.LIFO, 3));
    }

    // ---------------------------------------------------------------- R6

    @Test
    @DisplayName("R6: a parent's handle value means nothing in a child that did not inherit it: ERROR_INVALID_HANDLE")
    void valueMeansNothingElsewhere() {
        Fixture.Child c = m.child(false);
        long h = m.event(); // the parent already holds the child's process and thread handles
        assertFalse(c.w().SetEvent(h));
        Fixture.assertLastError(c.w(), ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R6: the same number in two processes names two different handles")
    void sameNumberTwoHandles() {
        Fixture.Child c = m.child(false);
        long childEvent = c.w().CreateEvent(null, true, false, null);
        assertEquals(0x4, childEvent);
        // the parent's 0x4 is its handle to the child process
        assertEquals(0x4, c.hProcess());
        assertEquals("Process", m.info(0x4).typeName());
        assertEquals("Event", Fixture.info(c.w(), 0x4).typeName());
    }

    // ---------------------------------------------------------------- R7

    @Test
    @DisplayName("R7: values are multiples of 4 starting at 0x4")
    void firstValues() {
        assertEquals(0x4, m.event());
        assertEquals(0x8, m.event());
        assertEquals(0xC, m.event());
    }

    @Test
    @DisplayName("R7: a new process starts with an empty table: its first handle is 0x4")
    void newProcessFirstHandle() {
        m.event();
        m.event();
        Fixture.Child c = m.child(false);
        assertEquals(0x4, c.w().CreateEvent(null, false, false, null));
    }

    @Test
    @DisplayName("R7: 0 is never a handle: SetEvent(0) fails with ERROR_INVALID_HANDLE")
    void zeroIsNoHandle() {
        m.event();
        assertFalse(w.SetEvent(0));
        m.assertLastError(ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R7: h|1, h|2, h|3 name h's entry for SetEvent, ResetEvent and waits")
    void tagBitsForEventCalls() {
        long h = m.event();
        for (int tag = 1; tag <= 3; tag++) {
            assertTrue(w.SetEvent(h | tag), "SetEvent(h|" + tag + ")");
            assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(h | tag, 0));
            assertTrue(w.ResetEvent(h | tag));
            assertEquals(WAIT_TIMEOUT, w.WaitForSingleObject(h, 0));
        }
    }

    @Test
    @DisplayName("R7: h|1, h|2, h|3 name h's entry for handle information, compare and duplicate")
    void tagBitsForHandleCalls() {
        long h = m.event();
        for (int tag = 1; tag <= 3; tag++) {
            assertTrue(w.SetHandleInformation(h | tag, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT));
            LongRef flags = new LongRef();
            assertTrue(w.GetHandleInformation(h | tag, flags));
            assertEquals(HANDLE_FLAG_INHERIT, flags.value);
            assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_INHERIT, 0));
            assertTrue(w.CompareObjectHandles(h, h | tag));
            LongRef dup = new LongRef();
            assertTrue(w.DuplicateHandle(-1, h | tag, -1, dup, 0, false, DUPLICATE_SAME_ACCESS));
            assertTrue(w.CompareObjectHandles(h, dup.value));
            assertEquals(0, dup.value & 3, "a new value has clear tag bits");
            assertTrue(w.CloseHandle(dup.value));
        }
    }

    @Test
    @DisplayName("R7: CloseHandle(h|3) closes h; a second CloseHandle(h) fails with ERROR_INVALID_HANDLE")
    void tagBitsForClose() {
        for (int tag = 1; tag <= 3; tag++) {
            long h = m.event();
            assertTrue(w.CloseHandle(h | tag), "CloseHandle(h|" + tag + ")");
            assertFalse(w.CloseHandle(h));
            m.assertLastError(ERROR_INVALID_HANDLE);
        }
    }

    @Test
    @DisplayName("R7: the tag bits of a process handle are ignored too (DuplicateHandle's process arguments)")
    void tagBitsForProcessHandle() {
        long hp = w.OpenProcess(PROCESS_DUP_HANDLE, false, w.GetCurrentProcessId());
        long h = m.event();
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(hp | 2, h, hp | 1, dup, 0, false, DUPLICATE_SAME_ACCESS));
        assertTrue(w.CompareObjectHandles(h, dup.value));
    }

    @Test
    @DisplayName("R7: a close-source duplicate through h|3 closes h's entry")
    void tagBitsForCloseSource() {
        long h = m.event();
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, h | 3, -1, dup, 0, false, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
        assertEquals(h, dup.value, "h's value was freed (and reused under LIFO)");
        assertEquals(1, m.handleCount(dup.value));
        assertEquals(1, m.k.handles(m.process).size());
    }

    @Test
    @DisplayName("R7: h|2 reaches a device's file object through DeviceIoControl")
    void tagBitsForDeviceIoControl() {
        long h = w.CreateFile("\\\\.\\Echo", GENERIC_READ, 0, null, OPEN_EXISTING, 0);
        LongRef id = new LongRef();
        assertTrue(w.DeviceIoControl(h | 2, IOCTL_ECHO_OBJECT_ID, id, 8, null));
        assertEquals(m.info(h).objectId(), id.value);
    }

    // ---------------------------------------------------------------- R8

    @Test
    @DisplayName("R8: LIFO (default): the most recently freed value comes back first")
    void lifoReuse() {
        long a = m.event();
        long b = m.event();
        long c = m.event();
        assertTrue(w.CloseHandle(a));
        assertTrue(w.CloseHandle(c));
        assertEquals(c, m.event());
        assertEquals(a, m.event());
        assertEquals(b + 8, m.event(), "then a fresh value");
    }

    @Test
    @DisplayName("R8: LIFO reuse means a closed value names the next object made (the story's recycled value)")
    void recycledValueNamesNewObject() {
        long h = m.event();
        long id = m.info(h).objectId();
        assertTrue(w.CloseHandle(h));
        long mutex = w.CreateMutex(null, false, null);
        assertEquals(h, mutex);
        assertNotEquals(id, m.info(h).objectId());
        assertFalse(w.SetEvent(h), "the old event's value now names a mutex");
        m.assertLastError(ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R8: LOWEST (Wine's policy): the lowest free value comes back first")
    void lowestReuse() {
        Fixture l = Fixture.start(new Kernel.Config(ReusePolicy.LOWEST, 100));
        long a = l.event();
        l.event();
        long c = l.event();
        assertTrue(l.w.CloseHandle(a));
        assertTrue(l.w.CloseHandle(c));
        assertEquals(a, l.event());
        assertEquals(c, l.event());
    }

    @Test
    @DisplayName("R8: FIFO holds reuse back until 100 values are free: a freed value is not reused at once")
    void fifoHoldsBack() {
        Fixture f = Fixture.start(new Kernel.Config(ReusePolicy.FIFO, 1000));
        long a = f.event();
        long b = f.event();
        assertTrue(f.w.CloseHandle(a));
        assertEquals(b + 4, f.event());
    }

    @Test
    @DisplayName("R8: NEVER: a freed value is not reused while the table can grow")
    void neverReuses() {
        Fixture n = Fixture.start(new Kernel.Config(ReusePolicy.NEVER, 1000));
        long a = n.event();
        assertTrue(n.w.CloseHandle(a));
        assertEquals(a + 4, n.event());
    }

    // ---------------------------------------------------------------- R9

    @Test
    @DisplayName("R9: a full table refuses CreateEvent: NULL, ERROR_NO_SYSTEM_RESOURCES, the new object deleted")
    void fullTableRefusesCreate() {
        Fixture q = quota3();
        long a = q.event();
        q.event();
        q.event();
        assertEquals(0, q.w.CreateEvent(null, true, false, null));
        q.assertLastError(ERROR_NO_SYSTEM_RESOURCES);
        assertEquals(1, q.deleted.size(), "the event made for the failed call is gone");
        assertTrue(q.w.CloseHandle(a));
        assertEquals(a, q.event(), "the freed place is usable");
    }

    @Test
    @DisplayName("R9: a refused named create leaves no name behind")
    void fullTableLeavesNoName() {
        Fixture q = quota3();
        long a = q.event();
        q.event();
        q.event();
        assertEquals(0, q.w.CreateEvent(null, true, false, "full"));
        q.assertLastError(ERROR_NO_SYSTEM_RESOURCES);
        assertTrue(q.w.CloseHandle(a));
        assertEquals(0, q.w.OpenEvent(SYNCHRONIZE, false, "full"));
        q.assertLastError(ERROR_FILE_NOT_FOUND);
    }

    @Test
    @DisplayName("R9: a refused open of an existing name leaves the object's counts as they were")
    void fullTableRefusesOpen() {
        Fixture q = quota3();
        long named = q.w.CreateEvent(null, true, false, "e");
        q.event();
        q.event();
        assertEquals(0, q.w.OpenEvent(SYNCHRONIZE, false, "e"));
        q.assertLastError(ERROR_NO_SYSTEM_RESOURCES);
        assertEquals(0, q.w.CreateEvent(null, true, false, "e"));
        q.assertLastError(ERROR_NO_SYSTEM_RESOURCES);
        assertEquals(1, q.handleCount(named));
        assertEquals(1, q.pointerCount(named));
    }

    @Test
    @DisplayName("R9: DuplicateHandle into a full table: FALSE, ERROR_NO_SYSTEM_RESOURCES, *lpTarget = 0, counts unchanged")
    void fullTableRefusesDuplicate() {
        Fixture q = quota3();
        long h = q.event();
        q.event();
        q.event();
        LongRef dup = new LongRef(0x1234);
        assertFalse(q.w.DuplicateHandle(-1, h, -1, dup, 0, false, DUPLICATE_SAME_ACCESS));
        q.assertLastError(ERROR_NO_SYSTEM_RESOURCES);
        assertEquals(0, dup.value);
        assertEquals(1, q.handleCount(h));
        assertEquals(1, q.pointerCount(h));
    }

    @Test
    @DisplayName("R9 with R21: a same-process close-source duplicate fits a full table (the source's place is freed first)")
    void closeSourceDuplicateFitsFullTable() {
        Fixture q = quota3();
        long h = q.event();
        q.event();
        q.event();
        LongRef dup = new LongRef();
        assertTrue(q.w.DuplicateHandle(-1, h, -1, dup, 0, false, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
        assertEquals(h, dup.value);
        assertEquals(1, q.handleCount(h));
    }

    @Test
    @DisplayName("R9: CreateThread into a full table: NULL, ERROR_NO_SYSTEM_RESOURCES, and no thread is left running")
    void fullTableRefusesThread() {
        Fixture q = quota3();
        q.event();
        q.event();
        q.event();
        LongRef tid = new LongRef();
        assertEquals(0, q.w.CreateThread(null, 0, 0, tid));
        q.assertLastError(ERROR_NO_SYSTEM_RESOURCES);
        assertEquals(1, q.process.threads().stream().filter(t -> !t.hasEnded()).count(),
                "only the main thread runs");
        if (tid.value != 0) {
            assertNull(q.k.findThread(tid.value), "the refused thread's object is gone");
        }
    }

    @Test
    @DisplayName("R9: CreateProcess into a full table: FALSE, ERROR_NO_SYSTEM_RESOURCES, no process or handle left")
    void fullTableRefusesProcess() {
        Fixture q = quota3();
        q.event();
        q.event();
        LongRef hp = new LongRef(0x1234);
        LongRef ht = new LongRef(0x1234);
        assertFalse(q.w.CreateProcess("child.exe", false, hp, ht, null, null));
        q.assertLastError(ERROR_NO_SYSTEM_RESOURCES);
        assertEquals(0, hp.value);
        assertEquals(0, ht.value);
        assertEquals(1, q.k.processes().size(), "only main.exe exists");
        assertEquals(2, q.k.handles(q.process).size());
        assertNotEquals(0, q.event(), "the place the process handle took is free again");
    }

    @Test
    @DisplayName("R9: CreateFile into a full table: INVALID_HANDLE_VALUE, ERROR_NO_SYSTEM_RESOURCES, no share access left behind")
    void fullTableRefusesFile() {
        Fixture q = quota3();
        long a = q.event();
        q.event();
        q.event();
        assertEquals(INVALID_HANDLE_VALUE,
                q.w.CreateFile("C:\\f.txt", GENERIC_READ | GENERIC_WRITE, 0, null, CREATE_ALWAYS, 0));
        q.assertLastError(ERROR_NO_SYSTEM_RESOURCES);
        assertTrue(q.w.CloseHandle(a));
        long f = q.w.CreateFile("C:\\f.txt", GENERIC_READ | GENERIC_WRITE, 0, null, OPEN_EXISTING, 0);
        assertNotEquals(INVALID_HANDLE_VALUE, f, "the refused open must not keep its exclusive share access");
    }

    @Test
    @DisplayName("R9: the quota counts entries, so a full table of 3 takes a fourth handle once one closes")
    void quotaCountsEntries() {
        Fixture q = quota3();
        long a = q.event();
        long b = q.event();
        long c = q.event();
        assertTrue(q.w.CloseHandle(b));
        assertEquals(b, q.event());
        assertEquals(0, q.w.CreateMutex(null, false, null));
        q.assertLastError(ERROR_NO_SYSTEM_RESOURCES);
        assertNotEquals(a, c);
    }

    // ---------------------------------------------------------------- R10

    @Test
    @DisplayName("R10: access and flags belong to the handle: two handles to one object differ in both")
    void accessAndFlagsPerHandle() {
        long h = m.event();
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, h, -1, dup, SYNCHRONIZE, true, 0));
        assertEquals(EVENT_ALL_ACCESS, m.access(h));
        assertEquals(SYNCHRONIZE, m.access(dup.value));
        assertEquals(0, m.flags(h));
        assertEquals(HANDLE_FLAG_INHERIT, m.flags(dup.value));
        assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE));
        assertEquals(HANDLE_FLAG_PROTECT_FROM_CLOSE, m.flags(h));
        assertEquals(HANDLE_FLAG_INHERIT, m.flags(dup.value));
        assertTrue(w.SetEvent(h));
        assertFalse(w.SetEvent(dup.value), "the duplicate has no EVENT_MODIFY_STATE");
        m.assertLastError(ERROR_ACCESS_DENIED);
    }
}
