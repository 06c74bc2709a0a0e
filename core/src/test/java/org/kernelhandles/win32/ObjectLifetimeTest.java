package org.kernelhandles.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelhandles.executive.AccessRights.*;
import static org.kernelhandles.win32.Win32Constants.*;
import static org.kernelhandles.win32.Win32Error.*;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.executive.KernelObject;
import org.kernelhandles.nt.LongRef;

/** R1-R5: objects, their two counts, names, deletion, and thread and process objects outliving their run. */
class ObjectLifetimeTest {
    private final Fixture m = Fixture.start();
    private final Kernel32 w = m.w;

    @Test
    @DisplayName("R1: a new event has one handle and one pointer reference")
    void newEventCounts() {
        long h = m.event();
        assertEquals(1, m.handleCount(h));
        assertEquals(1, m.pointerCount(h));
    }

    @Test
    @DisplayName("R1: each handle adds one to both counts, each close takes one from both")
    void handlesCountInBoth() {
        long h = m.event();
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, h, -1, dup, 0, false, DUPLICATE_SAME_ACCESS));
        long opened = w.CreateEvent(null, true, false, null);
        assertEquals(2, m.handleCount(h));
        assertEquals(2, m.pointerCount(h));
        assertTrue(w.CloseHandle(dup.value));
        assertEquals(1, m.handleCount(h));
        assertEquals(1, m.pointerCount(h));
        assertEquals(1, m.handleCount(opened), "another object's counts are its own");
    }

    @Test
    @DisplayName("R1: a running thread holds a pointer reference on itself beside its handle")
    void runningThreadHoldsItself() {
        LongRef tid = new LongRef();
        long h = w.CreateThread(null, 0, 0, tid);
        assertEquals(1, m.handleCount(h));
        assertEquals(2, m.pointerCount(h), "its handle and its own hold while it runs");
        new Kernel32(m.k, m.k.findThread(tid.value)).ExitThread(0);
        assertEquals(1, m.pointerCount(h), "an ended thread holds nothing on itself");
    }

    @Test
    @DisplayName("R1: a process object is held by its handles and by its threads' objects")
    void processHeldByThreadObjects() {
        long hp = w.OpenProcess(PROCESS_ALL_ACCESS, false, w.GetCurrentProcessId());
        assertEquals(1, m.handleCount(hp));
        assertEquals(2, m.pointerCount(hp), "one handle + the main thread's object");
        LongRef tid = new LongRef();
        long ht = w.CreateThread(null, 0, 0, tid);
        assertEquals(3, m.pointerCount(hp), "a second thread object holds it too");
        new Kernel32(m.k, m.k.findThread(tid.value)).ExitThread(0);
        assertEquals(3, m.pointerCount(hp), "the ended thread's object still exists: its handle");
        assertTrue(w.CloseHandle(ht));
        assertEquals(2, m.pointerCount(hp), "the thread object went, and its hold on the process with it");
    }

    @Test
    @DisplayName("R2: closing the last handle removes the name at once: open fails with ERROR_FILE_NOT_FOUND")
    void nameGoesWithLastHandle() {
        long h = w.CreateEvent(null, true, false, "gone");
        assertTrue(w.CloseHandle(h));
        assertEquals(0, w.OpenEvent(SYNCHRONIZE, false, "gone"));
        m.assertLastError(ERROR_FILE_NOT_FOUND);
    }

    @Test
    @DisplayName("R2: the name goes when the handle count reaches 0 even while pointer references remain (Windows, not Wine)")
    void nameGoesWhilePointerReferencesRemain() {
        long h = w.CreateEvent(null, true, false, "held");
        KernelObject event = m.k.objects().referenceByHandle(m.thread, h, null, 0); // a pointer reference, no handle
        assertTrue(w.CloseHandle(h));
        assertFalse(event.isDeleted(), "the pointer reference keeps the object");
        assertEquals(0, event.handleCount());
        assertEquals(0, w.OpenEvent(SYNCHRONIZE, false, "held"));
        m.assertLastError(ERROR_FILE_NOT_FOUND);
        long fresh = w.CreateEvent(null, true, false, "held");
        m.assertLastError(ERROR_SUCCESS);
        assertNotEquals(event.id(), m.info(fresh).objectId(), "the name now makes a new object");
        m.k.objects().dereference(event);
        assertTrue(event.isDeleted());
    }

    @Test
    @DisplayName("R2: the name stays while any handle remains, whichever handle closes first")
    void nameStaysWhileAHandleRemains() {
        long a = w.CreateEvent(null, true, false, "kept");
        long b = w.OpenEvent(SYNCHRONIZE, false, "kept");
        assertTrue(w.CloseHandle(a));
        long c = w.OpenEvent(SYNCHRONIZE, false, "kept");
        assertNotEquals(0, c);
        assertTrue(w.CompareObjectHandles(b, c));
    }

    @Test
    @DisplayName("R3: the last reference deletes the object once, and its old value reaches nothing")
    void lastReferenceDeletesOnce() {
        long h = m.event();
        LongRef dup = new LongRef();
        assertTrue(w.DuplicateHandle(-1, h, -1, dup, 0, false, DUPLICATE_SAME_ACCESS));
        long id = m.info(h).objectId();
        assertTrue(w.CloseHandle(h));
        assertTrue(m.deleted.isEmpty(), "one handle is left");
        assertTrue(w.CloseHandle(dup.value));
        assertEquals(1, m.deleted.size());
        assertEquals(id, m.deleted.get(0).id());
        assertTrue(m.deleted.get(0).isDeleted());
        assertFalse(w.SetEvent(dup.value));
        m.assertLastError(ERROR_INVALID_HANDLE);
    }

    @Test
    @DisplayName("R3: a pointer reference without a handle keeps the object until it is dropped")
    void pointerReferenceDefersDeletion() {
        long h = m.event();
        KernelObject event = m.k.objects().referenceByHandle(m.thread, h, null, 0);
        assertTrue(w.CloseHandle(h));
        assertTrue(m.deleted.isEmpty());
        m.k.objects().dereference(event);
        assertEquals(1, m.deleted.size());
        assertSame(event, m.deleted.get(0));
    }

    @Test
    @DisplayName("R4: closing every handle to a running thread neither stops nor deletes it; OpenThread by id still works")
    void runningThreadSurvivesItsHandles() {
        LongRef tid = new LongRef();
        long h = w.CreateThread(null, 0, 0, tid);
        assertTrue(w.CloseHandle(h));
        assertTrue(m.deleted.isEmpty());
        long again = w.OpenThread(THREAD_ALL_ACCESS, false, tid.value);
        assertNotEquals(0, again);
        LongRef code = new LongRef();
        assertTrue(w.GetExitCodeThread(again, code));
        assertEquals(STILL_ACTIVE, code.value);
        assertEquals(tid.value, w.GetThreadId(again));
    }

    @Test
    @DisplayName("R4: an ended thread lives on its handles, signaled, with its exit code; after the last close OpenThread fails with ERROR_INVALID_PARAMETER")
    void endedThreadLivesOnItsHandles() {
        LongRef tid = new LongRef();
        long h = w.CreateThread(null, 0, 0, tid);
        new Kernel32(m.k, m.k.findThread(tid.value)).ExitThread(42);
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(h, 0));
        LongRef code = new LongRef();
        assertTrue(w.GetExitCodeThread(h, code));
        assertEquals(42, code.value);
        long second = w.OpenThread(SYNCHRONIZE | THREAD_QUERY_LIMITED_INFORMATION, false, tid.value);
        assertNotEquals(0, second, "OpenThread by id works while the object lives");
        assertTrue(w.CloseHandle(h));
        assertTrue(w.CloseHandle(second));
        assertEquals(0, w.OpenThread(SYNCHRONIZE, false, tid.value));
        m.assertLastError(ERROR_INVALID_PARAMETER);
    }

    @Test
    @DisplayName("R4: a thread that ends with no handle left is deleted and its id stops working")
    void endedThreadWithoutHandlesIsDeleted() {
        Kernel32 t2 = m.newThread();
        long tid = t2.GetCurrentThreadId();
        t2.ExitThread(0);
        assertEquals(1, m.deleted.size());
        assertEquals(0, w.OpenThread(SYNCHRONIZE, false, tid));
        m.assertLastError(ERROR_INVALID_PARAMETER);
    }

    @Test
    @DisplayName("R5: a running process and thread read STILL_ACTIVE (259)")
    void stillActive() {
        Fixture.Child c = m.child(false);
        LongRef code = new LongRef();
        assertTrue(w.GetExitCodeProcess(c.hProcess(), code));
        assertEquals(259, code.value);
        assertTrue(w.GetExitCodeThread(c.hThread(), code));
        assertEquals(259, code.value);
        assertEquals(WAIT_TIMEOUT, w.WaitForSingleObject(c.hProcess(), 0));
    }

    @Test
    @DisplayName("R5: an exited process survives on its handles, signaled, with its exit code")
    void exitedProcessSurvives() {
        Fixture.Child c = m.child(false);
        c.w().ExitProcess(7);
        assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(c.hProcess(), 0));
        LongRef code = new LongRef();
        assertTrue(w.GetExitCodeProcess(c.hProcess(), code));
        assertEquals(7, code.value);
        assertTrue(w.GetExitCodeThread(c.hThread(), code));
        assertEquals(7, code.value);
        assertEquals(1, m.handleCount(c.hProcess()));
        assertEquals(2, m.pointerCount(c.hProcess()), "its handle and its thread object (held by the thread handle)");
        assertTrue(w.CloseHandle(c.hThread()));
        assertEquals(1, m.pointerCount(c.hProcess()));
        assertTrue(w.CloseHandle(c.hProcess()));
        assertEquals(0, w.OpenProcess(SYNCHRONIZE, false, c.pid()));
        m.assertLastError(ERROR_INVALID_PARAMETER);
    }
}
