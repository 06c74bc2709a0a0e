package org.kernelhandles.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.executive.KThread;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.nt.LongRef;
import org.kernelhandles.verifier.Finding.Kind;
import org.kernelhandles.win32.Kernel32;
import org.kernelhandles.win32.Win32Constants;

/** The verifier through the Java API (R40, R41): findings name both places as Java frames. */
class JavaVerifierTest {

    private final Kernel kernel = new Kernel();
    private final Verifier verifier = Verifier.forJava();
    private final KThread mainThread;
    private final Kernel32 k32;

    JavaVerifierTest() {
        kernel.setListener(verifier);
        Kernel.Started s = kernel.createProcess("main.exe", null);
        kernel.objects().dereference(s.process());
        kernel.objects().dereference(s.thread());
        mainThread = s.thread();
        k32 = new Kernel32(kernel, mainThread);
    }

    private long dup(long h) {
        LongRef out = new LongRef();
        assertTrue(k32.DuplicateHandle(-1, h, -1, out, 0, false, Win32Constants.DUPLICATE_SAME_ACCESS));
        return out.value;
    }

    private static String method(Site site) {
        return site.frames().get(0).getMethodName();
    }

    private void firstClose(long h) {
        assertTrue(k32.CloseHandle(h));
    }

    private void secondClose(long h) {
        assertFalse(k32.CloseHandle(h));
    }

    @Test
    @DisplayName("R41 DOUBLE_CLOSE names the first close; both places are the caller's frames")
    void doubleClose() {
        long h = k32.CreateEvent(null, true, false, null);
        firstClose(h);
        secondClose(h);
        List<Finding> f = verifier.findings();
        assertEquals(1, f.size(), f.toString());
        assertEquals(Kind.DOUBLE_CLOSE, f.get(0).kind());
        assertEquals("secondClose", method(f.get(0).site()));
        assertEquals("firstClose", method(f.get(0).related().get(0)));
        assertTrue(f.get(0).message().startsWith("0x4 closed again after it was closed at "), f.get(0).message());
    }

    @Test
    @DisplayName("R41 USE_AFTER_CLOSE names the close")
    void useAfterClose() {
        long h = k32.CreateEvent(null, true, false, null);
        firstClose(h);
        assertFalse(k32.SetEvent(h));
        Finding f = verifier.findings().get(0);
        assertEquals(Kind.USE_AFTER_CLOSE, f.kind());
        assertEquals("firstClose", method(f.related().get(0)));
        assertEquals("useAfterClose", method(f.site()));
    }

    @Test
    @DisplayName("R41 PROTECTED_CLOSE, WRONG_TYPE and ACCESS_DENIED each name where the handle was made")
    void protectedWrongTypeAccess() {
        long h = k32.CreateEvent(null, true, false, null);
        assertTrue(k32.SetHandleInformation(h, 2, 2));
        assertFalse(k32.CloseHandle(h));
        assertFalse(k32.ReleaseSemaphore(h, 1, null));
        long weak = k32.OpenEvent(org.kernelhandles.executive.AccessRights.SYNCHRONIZE, false, null);
        assertEquals(0, weak, "NULL name");
        LongRef readOnly = new LongRef();
        assertTrue(k32.DuplicateHandle(-1, h, -1, readOnly, org.kernelhandles.executive.AccessRights.SYNCHRONIZE,
                false, 0));
        assertFalse(k32.SetEvent(readOnly.value));
        List<Kind> kinds = verifier.findings().stream().map(Finding::kind).toList();
        assertEquals(List.of(Kind.PROTECTED_CLOSE, Kind.WRONG_TYPE, Kind.ACCESS_DENIED), kinds);
        for (Finding f : verifier.findings()) {
            assertEquals("protectedWrongTypeAccess", method(f.related().get(0)), f.toString());
        }
    }

    @Test
    @DisplayName("R41 leaks: the presence check lists each open handle with where it was made")
    void presenceCheck() {
        long h = k32.CreateEvent(null, true, false, null);
        long leaked = dup(h);
        assertTrue(k32.CloseHandle(h));
        AssertionError e = assertThrows(AssertionError.class, verifier::assertNoLeaks);
        assertTrue(e.getMessage().startsWith("1 handle leaked:\n  0x8 (Event#3), made at "), e.getMessage());
        assertTrue(e.getMessage().contains("dup"), e.getMessage());
        assertTrue(k32.CloseHandle(leaked));
        verifier.assertNoLeaks();
    }

    @Test
    @DisplayName("R41 a handle still open when its process exits is a LEAK naming where it was made")
    void leakAtProcessExit() {
        LongRef hp = new LongRef();
        LongRef ht = new LongRef();
        LongRef tid = new LongRef();
        assertTrue(k32.CreateProcess("child.exe", false, hp, ht, null, tid));
        Kernel32 child = new Kernel32(kernel, kernel.findThread(tid.value));
        child.CreateEvent(null, true, false, null);
        child.ExitProcess(3);
        Finding f = verifier.findings().get(0);
        assertEquals(Kind.LEAK, f.kind());
        assertEquals("child.exe", f.process());
        assertEquals("leakAtProcessExit", method(f.site()));
    }

    @Test
    @DisplayName("R41 RECYCLED_USE: a stamped copy used after its handle closed and the value came back")
    void recycledUse() {
        long h = k32.CreateEvent(null, true, false, null);
        Verifier.Stamp copy = verifier.stamp(mainThread.process(), h);
        assertNull(verifier.checkStamp(copy, "copy", false), "current");
        firstClose(h);
        long theirs = k32.CreateEvent(null, false, false, null);
        assertEquals(h, theirs, "R8: LIFO hands the value back");
        Finding f = verifier.checkStamp(copy, "copy", false);
        assertEquals(Kind.RECYCLED_USE, f.kind());
        assertEquals(2, f.related().size());
        assertEquals("firstClose", method(f.related().get(0)));
        assertEquals("recycledUse", method(f.related().get(1)));
        assertTrue(f.message().startsWith("copy = 0x4 used after its handle was closed at "), f.message());
    }

    @Test
    @DisplayName("R40 strict handle checks: a bad handle raises instead of returning an error")
    void strict() {
        verifier.setStrict(true);
        long h = k32.CreateEvent(null, true, false, null);
        firstClose(h);
        Verifier.StrictHandleCheckException e =
                assertThrows(Verifier.StrictHandleCheckException.class, () -> k32.CloseHandle(h));
        assertEquals(Kind.DOUBLE_CLOSE, e.finding().kind());
    }

    @Test
    @DisplayName("R40 strict checks raise on invalid handles only: a wrong type is still an ordinary error return")
    void strictLeavesWrongTypeAlone() {
        verifier.setStrict(true);
        long h = k32.CreateEvent(null, true, false, null);
        assertFalse(k32.ReleaseSemaphore(h, 1, null));
        assertEquals(org.kernelhandles.win32.Win32Error.ERROR_INVALID_HANDLE, k32.GetLastError());
        assertEquals(Kind.WRONG_TYPE, verifier.findings().get(0).kind());
    }
}
