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

/** R38-R39: files (positions, share modes, delete-on-close) and devices (NUL, Echo). */
class FilesAndDevicesTest {
    private static final String FILE = "C:\\data.txt";
    private static final String NUL = "\\\\.\\NUL";
    private static final String ECHO = "\\\\.\\Echo";
    private static final int SHARE_ALL = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

    private final Fixture m = Fixture.start();
    private final Kernel32 w = m.w;

    private long open(String path, int access, int share, int disposition) {
        return w.CreateFile(path, access, share, null, disposition, 0);
    }

    private long openOk(String path, int access, int share, int disposition) {
        long h = open(path, access, share, disposition);
        assertNotEquals(INVALID_HANDLE_VALUE, h, () -> "CreateFile failed with " + Win32Error.name(w.GetLastError()));
        return h;
    }

    private void assertRefused(long h, int error) {
        assertEquals(INVALID_HANDLE_VALUE, h);
        m.assertLastError(error);
    }

    private String readAll(long h) {
        StringBuilder data = new StringBuilder();
        assertTrue(w.ReadFile(h, data, 1000, null));
        return data.toString();
    }

    private long objectId(long echo) {
        LongRef id = new LongRef();
        LongRef returned = new LongRef();
        assertTrue(w.DeviceIoControl(echo, IOCTL_ECHO_OBJECT_ID, id, 8, returned));
        assertEquals(8, returned.value);
        return id.value;
    }

    // ---------------------------------------------------------------- positions

    @Test
    @DisplayName("R38: duplicates share the file object and so its current position")
    void duplicatesSharePosition() {
        long h = openOk(FILE, GENERIC_READ | GENERIC_WRITE, 0, CREATE_ALWAYS);
        assertTrue(w.WriteFile(h, "hello", 5, null));
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, h, -1, dup, 0, false, DUPLICATE_SAME_ACCESS));
        assertEquals(5, w.SetFilePointer(dup.value, 0, FILE_CURRENT));
        assertEquals(1, w.SetFilePointer(h, 1, FILE_BEGIN));
        assertEquals("ello", readAll(dup.value));
        assertEquals(5, w.SetFilePointer(h, 0, FILE_CURRENT), "the read through the duplicate moved the original");
    }

    @Test
    @DisplayName("R38: two CreateFile calls on one file have separate positions")
    void separateOpensSeparatePositions() {
        long a = openOk(FILE, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, CREATE_ALWAYS);
        assertTrue(w.WriteFile(a, "hello", 5, null));
        long b = openOk(FILE, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
        assertEquals(0, w.SetFilePointer(b, 0, FILE_CURRENT));
        assertEquals("hello", readAll(b));
        assertEquals(5, w.SetFilePointer(a, 0, FILE_CURRENT));
        assertFalse(w.CompareObjectHandles(a, b));
    }

    // ---------------------------------------------------------------- share modes

    @Test
    @DisplayName("R38: a new open must be allowed by the existing opens' share modes: write after read-share-read is refused")
    void newOpenAllowedByExisting() {
        openOk(FILE, GENERIC_READ, FILE_SHARE_READ, CREATE_ALWAYS);
        assertRefused(open(FILE, GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING), ERROR_SHARING_VIOLATION);
        openOk(FILE, GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    }

    @Test
    @DisplayName("R38: a new open must allow what the existing opens do: a read open that does not share write is refused while a writer is open")
    void newOpenAllowsExisting() {
        openOk(FILE, GENERIC_WRITE, SHARE_ALL, CREATE_ALWAYS);
        assertRefused(open(FILE, GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING), ERROR_SHARING_VIOLATION);
        openOk(FILE, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    }

    @Test
    @DisplayName("R38: share 0 excludes every data open, for reading and writing alike")
    void exclusiveOpen() {
        openOk(FILE, GENERIC_READ, 0, CREATE_ALWAYS);
        assertRefused(open(FILE, GENERIC_READ, SHARE_ALL, OPEN_EXISTING), ERROR_SHARING_VIOLATION);
        assertRefused(open(FILE, FILE_APPEND_DATA, SHARE_ALL, OPEN_EXISTING), ERROR_SHARING_VIOLATION);
        assertRefused(open(FILE, DELETE, SHARE_ALL, OPEN_EXISTING), ERROR_SHARING_VIOLATION);
    }

    @Test
    @DisplayName("R38: an open asking for no data access is not checked, and does not constrain later opens")
    void noDataAccessUnchecked() {
        long exclusive = openOk(FILE, GENERIC_READ | GENERIC_WRITE, 0, CREATE_ALWAYS);
        openOk(FILE, 0, 0, OPEN_EXISTING);
        openOk(FILE, FILE_READ_ATTRIBUTES | SYNCHRONIZE | READ_CONTROL, 0, OPEN_EXISTING);
        assertTrue(w.CloseHandle(exclusive));
        openOk(FILE, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
    }

    @Test
    @DisplayName("R38: closing the last handle of an open releases its share access")
    void closeReleasesShare() {
        long a = openOk(FILE, GENERIC_READ, 0, CREATE_ALWAYS);
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, a, -1, dup, 0, false, DUPLICATE_SAME_ACCESS));
        assertTrue(w.CloseHandle(a));
        assertRefused(open(FILE, GENERIC_READ, SHARE_ALL, OPEN_EXISTING), ERROR_SHARING_VIOLATION);
        assertTrue(w.CloseHandle(dup.value));
        openOk(FILE, GENERIC_READ, 0, OPEN_EXISTING);
    }

    @Test
    @DisplayName("R38: a refused CREATE_ALWAYS truncates nothing")
    void refusedCreateAlwaysKeepsData() {
        long h = openOk(FILE, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, CREATE_ALWAYS);
        assertTrue(w.WriteFile(h, "keep me", 7, null));
        assertRefused(open(FILE, GENERIC_WRITE, SHARE_ALL, CREATE_ALWAYS), ERROR_SHARING_VIOLATION);
        assertRefused(open(FILE, GENERIC_WRITE, SHARE_ALL, TRUNCATE_EXISTING), ERROR_SHARING_VIOLATION);
        assertEquals(0, w.SetFilePointer(h, 0, FILE_BEGIN));
        assertEquals("keep me", readAll(h));
    }

    @Test
    @DisplayName("R38: an accepted CREATE_ALWAYS on an existing file truncates it and reports ERROR_ALREADY_EXISTS")
    void createAlwaysTruncates() {
        long h = openOk(FILE, GENERIC_READ | GENERIC_WRITE, SHARE_ALL, CREATE_ALWAYS);
        m.assertLastError(ERROR_SUCCESS);
        assertTrue(w.WriteFile(h, "old", 3, null));
        openOk(FILE, GENERIC_WRITE, SHARE_ALL, CREATE_ALWAYS);
        m.assertLastError(ERROR_ALREADY_EXISTS);
        assertEquals(0, w.SetFilePointer(h, 0, FILE_BEGIN));
        assertEquals("", readAll(h));
    }

    // ---------------------------------------------------------------- delete on close

    @Test
    @DisplayName("R38: delete-on-close with a single open: the file goes when its handle closes")
    void deleteOnCloseAlone() {
        long h = w.CreateFile(FILE, GENERIC_WRITE, 0, null, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE);
        assertNotEquals(INVALID_HANDLE_VALUE, h);
        assertTrue(m.k.io().exists(FILE));
        assertTrue(w.CloseHandle(h));
        assertFalse(m.k.io().exists(FILE));
        assertRefused(open(FILE, GENERIC_READ, SHARE_ALL, OPEN_EXISTING), ERROR_FILE_NOT_FOUND);
    }

    @Test
    @DisplayName("R38: delete-on-close pending: new opens fail with ERROR_ACCESS_DENIED, the file is removed when its last file object closes")
    void deletePending() {
        long doc = w.CreateFile(FILE, GENERIC_WRITE, SHARE_ALL, null, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE);
        assertNotEquals(INVALID_HANDLE_VALUE, doc);
        long other = openOk(FILE, GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        assertTrue(w.CloseHandle(doc));
        assertTrue(m.k.io().exists(FILE), "another file object is still open");
        assertRefused(open(FILE, GENERIC_READ, SHARE_ALL, OPEN_EXISTING), ERROR_ACCESS_DENIED);
        assertRefused(open(FILE, GENERIC_READ, SHARE_ALL, OPEN_ALWAYS), ERROR_ACCESS_DENIED);
        assertRefused(open(FILE, GENERIC_WRITE, SHARE_ALL, CREATE_ALWAYS), ERROR_ACCESS_DENIED);
        assertTrue(w.CloseHandle(other));
        assertFalse(m.k.io().exists(FILE));
        assertRefused(open(FILE, GENERIC_READ, SHARE_ALL, OPEN_EXISTING), ERROR_FILE_NOT_FOUND);
        openOk(FILE, GENERIC_READ, SHARE_ALL, CREATE_NEW);
    }

    @Test
    @DisplayName("R38: delete-on-close waits for the last handle of its file object: a duplicate keeps the file from going pending")
    void deleteOnCloseWaitsForDuplicates() {
        long doc = w.CreateFile(FILE, GENERIC_WRITE, SHARE_ALL, null, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE);
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, doc, -1, dup, 0, false, DUPLICATE_SAME_ACCESS));
        assertTrue(w.CloseHandle(doc));
        long again = openOk(FILE, GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
        assertTrue(w.CloseHandle(again));
        assertTrue(w.CloseHandle(dup.value));
        assertFalse(m.k.io().exists(FILE));
    }

    @Test
    @DisplayName("R38: delete-on-close asks for DELETE, so existing opens must share delete")
    void deleteOnCloseNeedsShareDelete() {
        openOk(FILE, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, CREATE_ALWAYS);
        assertRefused(w.CreateFile(FILE, GENERIC_READ, SHARE_ALL, null, OPEN_EXISTING, FILE_FLAG_DELETE_ON_CLOSE),
                ERROR_SHARING_VIOLATION);
        assertTrue(m.k.io().exists(FILE));
    }

    // ---------------------------------------------------------------- devices

    @Test
    @DisplayName("R38: \\\\.\\NUL: writes succeed and vanish, reads return 0 bytes, control codes fail with ERROR_INVALID_FUNCTION")
    void nulDevice() {
        long h = openOk(NUL, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
        LongRef n = new LongRef();
        assertTrue(w.WriteFile(h, "into the void", 13, n));
        assertEquals(13, n.value);
        StringBuilder data = new StringBuilder("x");
        assertTrue(w.ReadFile(h, data, 10, n));
        assertEquals(0, n.value);
        assertEquals("", data.toString());
        assertFalse(w.DeviceIoControl(h, IOCTL_ECHO_OBJECT_ID, new LongRef(), 8, null));
        m.assertLastError(ERROR_INVALID_FUNCTION);
        openOk(NUL, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING); // devices take no share access
    }

    @Test
    @DisplayName("R39: Echo: what is written is read back; IOCTL_ECHO_OBJECT_ID reaches the handle's file object")
    void echoDevice() {
        long h = openOk(ECHO, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
        assertTrue(w.WriteFile(h, "ping", 4, null));
        assertEquals("ping", readAll(h));
        assertEquals(m.info(h).objectId(), objectId(h));
        assertFalse(w.DeviceIoControl(h, IOCTL_ECHO_OBJECT_ID, new LongRef(), 4, null));
        m.assertLastError(ERROR_INSUFFICIENT_BUFFER);
    }

    @Test
    @DisplayName("R39: a duplicate of a device handle reaches the same file object; another CreateFile reaches another")
    void echoObjects() {
        long h = openOk(ECHO, GENERIC_READ, 0, OPEN_EXISTING);
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, h, -1, dup, 0, false, DUPLICATE_SAME_ACCESS));
        assertEquals(objectId(h), objectId(dup.value));
        long other = openOk(ECHO, GENERIC_READ, 0, OPEN_EXISTING);
        assertNotEquals(objectId(h), objectId(other));
    }

    @Test
    @DisplayName("R39: through a recycled value DeviceIoControl reaches the new object that holds the value")
    void recycledValueReachesNewObject() {
        long h = openOk(ECHO, GENERIC_READ, 0, OPEN_EXISTING);
        long oldId = objectId(h);
        assertTrue(w.CloseHandle(h));
        long newer = openOk(ECHO, GENERIC_READ, 0, OPEN_EXISTING);
        assertEquals(h, newer, "LIFO gave the value back");
        long reached = objectId(h);
        assertNotEquals(oldId, reached);
        assertEquals(m.info(newer).objectId(), reached);
    }

    @Test
    @DisplayName("R39: a recycled value now holding an event: DeviceIoControl fails with ERROR_INVALID_HANDLE")
    void recycledValueHoldsEvent() {
        long h = openOk(ECHO, GENERIC_READ, 0, OPEN_EXISTING);
        assertTrue(w.CloseHandle(h));
        assertEquals(h, m.event());
        assertFalse(w.DeviceIoControl(h, IOCTL_ECHO_OBJECT_ID, new LongRef(), 8, null));
        m.assertLastError(ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R39: the story: MakeFred passes the original h twice; the second close hits whoever got h's value")
    void theStory() {
        long h = openOk(ECHO, GENERIC_READ | GENERIC_WRITE, 0, OPEN_EXISTING);
        LongRef hDup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, h, -1, hDup, 0, false, DUPLICATE_SAME_ACCESS)); // MakeFred(h), wrongly
        long fred1 = h;
        long fred2 = h;
        assertEquals(2, m.handleCount(hDup.value));
        assertTrue(w.CloseHandle(fred1));                      // delete fred1
        long someoneElses = openOk(ECHO, GENERIC_READ, 0, OPEN_EXISTING); // created between the deletes
        assertEquals(h, someoneElses, "the value was recycled");
        assertEquals(m.info(someoneElses).objectId(), objectId(fred2), "fred2 talks to somebody else's object");
        assertTrue(w.CloseHandle(fred2), "and its close silently closes somebody else's handle");
        assertFalse(w.DeviceIoControl(someoneElses, IOCTL_ECHO_OBJECT_ID, new LongRef(), 8, null));
        m.assertLastError(ERROR_INVALID_HANDLE);
        assertEquals(1, m.handleCount(hDup.value), "the leaked duplicate keeps the first object alive");
    }
}
