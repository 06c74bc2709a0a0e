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

/** R37: a child created with inheritance gets a copy of each inheritable entry at the same value. */
class InheritanceTest {
    private final Fixture m = Fixture.start();
    private final Kernel32 w = m.w;

    @Test
    @DisplayName("R37: an inheritable entry appears in the child at the same value, the same object, one more handle")
    void sameValue() {
        m.event();
        long h = w.CreateEvent(SecurityAttributes.INHERIT, true, false, null);
        assertEquals(0x8, h);
        Fixture.Child c = m.child(true);
        assertEquals(2, m.handleCount(h));
        assertEquals(2, m.pointerCount(h));
        assertEquals(m.info(h).objectId(), Fixture.info(c.w(), h).objectId());
        assertTrue(c.w().SetEvent(h));
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(h, 0));
    }

    @Test
    @DisplayName("R37: the copy has the same access and flags (PROTECT_FROM_CLOSE too)")
    void sameAccessAndFlags() {
        long e = m.event();
        LongRef weak = new LongRef();
        assertTrue(w.DuplicateHandle(-1, e, -1, weak, SYNCHRONIZE, true, 0));
        assertTrue(w.SetHandleInformation(weak.value, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE));
        Fixture.Child c = m.child(true);
        assertEquals(SYNCHRONIZE, Fixture.info(c.w(), weak.value).grantedAccess());
        LongRef flags = new LongRef();
        assertTrue(c.w().GetHandleInformation(weak.value, flags));
        assertEquals(HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE, flags.value);
        assertFalse(c.w().SetEvent(weak.value), "no more access than the parent's entry");
        Fixture.assertLastError(c.w(), ERROR_ACCESS_DENIED);
        assertFalse(c.w().CloseHandle(weak.value), "still protected");
    }

    @Test
    @DisplayName("R37: entries without HANDLE_FLAG_INHERIT are absent: their value gives ERROR_INVALID_HANDLE in the child")
    void nonInheritableAbsent() {
        long plain = m.event();
        long inh = w.CreateEvent(SecurityAttributes.INHERIT, true, false, null);
        Fixture.Child c = m.child(true);
        assertFalse(c.w().SetEvent(plain));
        Fixture.assertLastError(c.w(), ERROR_INVALID_HANDLE);
        assertTrue(c.w().SetEvent(inh));
        assertEquals(1, m.handleCount(plain));
    }

    @Test
    @DisplayName("R37: a child created without inheritance gets nothing, even from inheritable entries")
    void inheritanceOff() {
        long inh = w.CreateEvent(SecurityAttributes.INHERIT, true, false, null);
        Fixture.Child c = m.child(false);
        assertFalse(c.w().SetEvent(inh));
        Fixture.assertLastError(c.w(), ERROR_INVALID_HANDLE);
        assertEquals(1, m.handleCount(inh));
    }

    @Test
    @DisplayName("R37: HANDLE_FLAG_INHERIT counts however it was set: SetHandleInformation, OpenEvent, DuplicateHandle")
    void everyWayToInherit() {
        long a = m.event();
        assertTrue(w.SetHandleInformation(a, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT));
        w.CreateEvent(null, true, false, "inh");
        long b = w.OpenEvent(EVENT_MODIFY_STATE, true, "inh");
        LongRef d = new LongRef();
        assertTrue(w.DuplicateHandle(-1, a, -1, d, 0, true, DUPLICATE_SAME_ACCESS));
        long cleared = w.CreateEvent(SecurityAttributes.INHERIT, true, false, null);
        assertTrue(w.SetHandleInformation(cleared, HANDLE_FLAG_INHERIT, 0));
        Fixture.Child c = m.child(true);
        assertTrue(c.w().SetEvent(a));
        assertTrue(c.w().SetEvent(b));
        assertTrue(c.w().SetEvent(d.value));
        assertFalse(c.w().SetEvent(cleared));
        Fixture.assertLastError(c.w(), ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R37: a value not inherited may be taken in the child by another handle")
    void valueTakenByAnother() {
        long plain = m.event();           // 0x4, not inherited
        long inh = w.CreateEvent(SecurityAttributes.INHERIT, true, false, null); // 0x8
        Fixture.Child c = m.child(true);
        long own = c.w().CreateMutex(null, false, null);
        assertEquals(plain, own, "the child's first own handle takes the free value below the inherited one");
        assertFalse(c.w().SetEvent(plain), "the value names the child's mutex, not the parent's event");
        Fixture.assertLastError(c.w(), ERROR_INVALID_HANDLE);
        assertTrue(c.w().SetEvent(inh));
    }

    @Test
    @DisplayName("R37: the child's copy is its own handle: closing it there leaves the parent's")
    void independentHandles() {
        long inh = w.CreateEvent(SecurityAttributes.INHERIT, true, false, null);
        Fixture.Child c = m.child(true);
        assertTrue(c.w().CloseHandle(inh));
        assertEquals(1, m.handleCount(inh));
        assertTrue(w.SetEvent(inh));
        assertFalse(c.w().CloseHandle(inh));
        Fixture.assertLastError(c.w(), ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R37/R17: the child's exit closes its inherited copies, protected ones included")
    void exitClosesCopies() {
        long inh = w.CreateEvent(SecurityAttributes.INHERIT, true, false, null);
        assertTrue(w.SetHandleInformation(inh, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE));
        Fixture.Child c = m.child(true);
        assertEquals(2, m.handleCount(inh));
        c.w().ExitProcess(0);
        assertEquals(1, m.handleCount(inh));
    }

    @Test
    @DisplayName("R37/R26: an inherited file handle shares the file object, so parent and child share its position")
    void inheritedFileSharesPosition() {
        long f = w.CreateFile("C:\\inh.txt", GENERIC_READ | GENERIC_WRITE, 0, SecurityAttributes.INHERIT,
                CREATE_ALWAYS, 0);
        assertTrue(w.WriteFile(f, "0123456789", 10, null));
        assertEquals(2, w.SetFilePointer(f, 2, FILE_BEGIN));
        Fixture.Child c = m.child(true);
        StringBuilder data = new StringBuilder();
        assertTrue(c.w().ReadFile(f, data, 3, null));
        assertEquals("234", data.toString());
        assertEquals(5, w.SetFilePointer(f, 0, FILE_CURRENT));
    }

    @Test
    @DisplayName("R37: inheritance chains: a grandchild inherits the child's inherited entry at the same value")
    void grandchild() {
        long inh = w.CreateEvent(SecurityAttributes.INHERIT, true, false, null);
        Fixture.Child c = m.child(true);
        LongRef hp = new LongRef();
        LongRef ht = new LongRef();
        LongRef tid = new LongRef();
        assertTrue(c.w().CreateProcess("grandchild.exe", true, hp, ht, null, tid));
        Kernel32 g = new Kernel32(m.k, m.k.findThread(tid.value));
        assertTrue(g.SetEvent(inh));
        assertEquals(3, m.handleCount(inh));
        assertNotEquals(inh, hp.value);
    }
}
