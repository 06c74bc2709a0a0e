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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kernelhandles.nt.LongRef;

/** R18-R26: DuplicateHandle(hSourceProcess, hSource, hTargetProcess, lpTarget, access, inherit, options). */
class DuplicateHandleTest {
    private final Fixture m = Fixture.start();
    private final Kernel32 w = m.w;
    /** A value that names no entry in main.exe. */
    private static final long BOGUS = 0x400;
    /** What *lpTarget holds before each call, to see that a failure writes 0 over it. */
    private static final long JUNK = 0x1234;

    private final LongRef out = new LongRef(JUNK);

    /** A handle to main.exe that lacks PROCESS_DUP_HANDLE. */
    private long processWithoutDup() {
        return w.OpenProcess(PROCESS_QUERY_INFORMATION | SYNCHRONIZE, false, w.GetCurrentProcessId());
    }

    private boolean isOpen(long h) {
        return w.GetHandleInformation(h, new LongRef());
    }

    private void assertFailed(int error) {
        m.assertLastError(error);
        assertEquals(0, out.value, "*lpTarget is 0 on every failure (R18)");
    }

    @Nested
    @DisplayName("R18: the process handles, and which failure is reported")
    class ProcessHandles {
        @Test
        @DisplayName("R18: an invalid source process: ERROR_INVALID_HANDLE, nothing closed even with DUPLICATE_CLOSE_SOURCE")
        void invalidSourceProcess() {
            long h = m.event();
            assertFalse(w.DuplicateHandle(BOGUS, h, -1, out, 0, false, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
            assertFailed(ERROR_INVALID_HANDLE);
            assertTrue(isOpen(h));
        }

        @Test
        @DisplayName("R18: a source process handle of the wrong type: ERROR_INVALID_HANDLE (STATUS_OBJECT_TYPE_MISMATCH), nothing closed")
        void wrongTypeSourceProcess() {
            long h = m.event();
            long notAProcess = m.event();
            assertFalse(w.DuplicateHandle(notAProcess, h, -1, out, 0, false, DUPLICATE_CLOSE_SOURCE));
            assertFailed(ERROR_INVALID_HANDLE);
            assertTrue(isOpen(h));
            assertEquals(STATUS_OBJECT_TYPE_MISMATCH,
                    w.nt().NtDuplicateObject(notAProcess, h, -1, out, 0, 0, DUPLICATE_CLOSE_SOURCE));
            assertTrue(isOpen(h));
        }

        @Test
        @DisplayName("R18: a source process without PROCESS_DUP_HANDLE: ERROR_ACCESS_DENIED and nothing closed")
        void sourceProcessWithoutDupHandle() {
            long h = m.event();
            long noDup = processWithoutDup();
            assertFalse(w.DuplicateHandle(noDup, h, -1, out, 0, false, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
            assertFailed(ERROR_ACCESS_DENIED);
            assertTrue(isOpen(h));
            assertEquals(1, m.handleCount(h));
        }

        @Test
        @DisplayName("R18: a failing source process is reported first, even when the target process and the source handle are bad too")
        void sourceProcessFirst() {
            long noDup = processWithoutDup();
            assertFalse(w.DuplicateHandle(noDup, BOGUS, BOGUS, out, 0, false, 0));
            assertFailed(ERROR_ACCESS_DENIED);
            long noDupTarget = processWithoutDup();
            assertFalse(w.DuplicateHandle(BOGUS, m.event(), noDupTarget, out, 0, false, 0));
            assertFailed(ERROR_INVALID_HANDLE);
        }

        @Test
        @DisplayName("R18: a failing source process is reported before a request for reserved access bits")
        void sourceProcessBeforeReservedBits() {
            long notAProcess = m.event();
            long h = m.event();
            assertEquals(STATUS_OBJECT_TYPE_MISMATCH,
                    w.nt().NtDuplicateObject(notAProcess, h, -1, out, 0x04000000, 0, DUPLICATE_CLOSE_SOURCE));
            assertEquals(0, out.value);
            assertTrue(isOpen(h));
        }

        @Test
        @DisplayName("R18: an invalid target process: ERROR_INVALID_HANDLE")
        void invalidTargetProcess() {
            long h = m.event();
            assertFalse(w.DuplicateHandle(-1, h, BOGUS, out, 0, false, DUPLICATE_SAME_ACCESS));
            assertFailed(ERROR_INVALID_HANDLE);
            assertTrue(isOpen(h));
            assertEquals(1, m.handleCount(h));
        }

        @Test
        @DisplayName("R18: a target process handle of the wrong type: ERROR_INVALID_HANDLE (STATUS_OBJECT_TYPE_MISMATCH)")
        void wrongTypeTargetProcess() {
            long h = m.event();
            long notAProcess = m.event();
            assertFalse(w.DuplicateHandle(-1, h, notAProcess, out, 0, false, DUPLICATE_SAME_ACCESS));
            assertFailed(ERROR_INVALID_HANDLE);
            assertEquals(STATUS_OBJECT_TYPE_MISMATCH,
                    w.nt().NtDuplicateObject(-1, h, notAProcess, out, 0, 0, DUPLICATE_SAME_ACCESS));
        }

        @Test
        @DisplayName("R18: a target process without PROCESS_DUP_HANDLE: ERROR_ACCESS_DENIED")
        void targetProcessWithoutDupHandle() {
            long h = m.event();
            assertFalse(w.DuplicateHandle(-1, h, processWithoutDup(), out, 0, false, DUPLICATE_SAME_ACCESS));
            assertFailed(ERROR_ACCESS_DENIED);
            assertEquals(1, m.handleCount(h));
        }

        @Test
        @DisplayName("R18: a failing target process is reported even when the source handle is bad too")
        void targetProcessBeforeSourceHandle() {
            assertFalse(w.DuplicateHandle(-1, BOGUS, processWithoutDup(), out, 0, false, 0));
            assertFailed(ERROR_ACCESS_DENIED);
            long notAProcess = m.event();
            assertEquals(STATUS_OBJECT_TYPE_MISMATCH,
                    w.nt().NtDuplicateObject(-1, BOGUS, notAProcess, out, 0, 0, 0));
            assertEquals(0, out.value);
        }

        @Test
        @DisplayName("R18: a target process that has exited: ERROR_ACCESS_DENIED (NT STATUS_PROCESS_IS_TERMINATING)")
        void exitedTarget() {
            long h = m.event();
            Fixture.Child c = m.child(false);
            c.w().ExitProcess(0);
            assertFalse(w.DuplicateHandle(-1, h, c.hProcess(), out, 0, false, DUPLICATE_SAME_ACCESS));
            assertFailed(ERROR_ACCESS_DENIED);
            out.value = JUNK;
            assertEquals(STATUS_PROCESS_IS_TERMINATING,
                    w.nt().NtDuplicateObject(-1, h, c.hProcess(), out, 0, 0, DUPLICATE_SAME_ACCESS));
            assertEquals(0, out.value);
            assertEquals(1, m.handleCount(h), "nothing was added to the exited process");
        }

        @Test
        @DisplayName("R18: an exited target process is reported before a bad source handle")
        void exitedTargetBeforeBadSource() {
            Fixture.Child c = m.child(false);
            c.w().ExitProcess(0);
            assertFalse(w.DuplicateHandle(-1, 0x12340, c.hProcess(), out, 0, false, DUPLICATE_SAME_ACCESS));
            assertFailed(ERROR_ACCESS_DENIED);
            assertEquals(0, out.value);
        }

        @Test
        @DisplayName("R18: all three handles good: TRUE, a new value in *lpTarget")
        void allGood() {
            long hp = w.OpenProcess(PROCESS_DUP_HANDLE, false, w.GetCurrentProcessId());
            long h = m.event();
            assertTrue(w.DuplicateHandle(hp, h, hp, out, 0, false, DUPLICATE_SAME_ACCESS));
            assertNotEquals(JUNK, out.value);
            assertTrue(w.CompareObjectHandles(h, out.value));
        }
    }

    @Test
    @DisplayName("R19: an invalid source handle: FALSE, ERROR_INVALID_HANDLE, nothing closed, *lpTarget = 0")
    void invalidSourceHandle() {
        long other = m.event();
        assertFalse(w.DuplicateHandle(-1, BOGUS, -1, out, 0, false, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
        assertFailed(ERROR_INVALID_HANDLE);
        assertTrue(isOpen(other));
        assertEquals(STATUS_INVALID_HANDLE, w.nt().NtDuplicateObject(-1, 0, -1, out, 0, 0, DUPLICATE_SAME_ACCESS));
    }

    @Test
    @DisplayName("R19: a freed source handle: FALSE, ERROR_INVALID_HANDLE")
    void freedSourceHandle() {
        long h = m.event();
        assertTrue(w.CloseHandle(h));
        assertFalse(w.DuplicateHandle(-1, h, -1, out, 0, false, DUPLICATE_SAME_ACCESS));
        assertFailed(ERROR_INVALID_HANDLE);
    }

    @Nested
    @DisplayName("R20: DUPLICATE_CLOSE_SOURCE closes the source whatever else happens")
    class CloseSource {
        @Test
        @DisplayName("R20: close-source closes the source on success")
        void onSuccess() {
            long h = m.event();
            long keep = m.event();
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0, false, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
            assertTrue(w.CompareObjectHandles(keep, keep));
            assertEquals(1, m.handleCount(out.value), "one handle moved, none added");
        }

        @Test
        @DisplayName("R20: close-source closes the source even when the target process handle is invalid")
        void targetInvalid() {
            long h = m.event();
            long keep = m.event();
            assertFalse(w.DuplicateHandle(-1, h, BOGUS, out, 0, false, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
            assertFailed(ERROR_INVALID_HANDLE);
            assertFalse(isOpen(h));
            assertEquals(1, m.deleted.size(), "its only handle closed: the event is gone");
            assertTrue(isOpen(keep));
        }

        @Test
        @DisplayName("R20: close-source closes the source even when the target process lacks PROCESS_DUP_HANDLE")
        void targetAccessDenied() {
            long h = m.event();
            assertFalse(w.DuplicateHandle(-1, h, processWithoutDup(), out, 0, false,
                    DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
            assertFailed(ERROR_ACCESS_DENIED);
            assertFalse(isOpen(h));
        }

        @Test
        @DisplayName("R20: close-source closes the source even when the target process has exited")
        void targetExited() {
            long h = m.event();
            Fixture.Child c = m.child(false);
            c.w().ExitProcess(0);
            assertFalse(w.DuplicateHandle(-1, h, c.hProcess(), out, 0, false,
                    DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
            assertFailed(ERROR_ACCESS_DENIED);
            assertFalse(isOpen(h));
            assertEquals(1, m.deleted.size());
        }

        @Test
        @DisplayName("R20: close-source closes the source even when the target table is full (R9)")
        void targetFull() {
            Fixture q = Fixture.start(new org.kernelhandles.executive.Kernel.Config(
                    org.kernelhandles.executive.handles.ReusePolicy.LIFO, 3));
            long h = q.event();
            Fixture.Child c = q.child(false); // takes the 2nd and 3rd places
            for (int i = 0; i < 3; i++) {
                assertNotEquals(0, c.w().CreateEvent(null, false, false, null));
            }
            assertFalse(q.w.DuplicateHandle(-1, h, c.hProcess(), out, 0, false,
                    DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
            q.assertLastError(ERROR_NO_SYSTEM_RESOURCES);
            assertEquals(0, out.value);
            assertFalse(q.w.GetHandleInformation(h, new LongRef()), "the source was closed first");
        }

        @ParameterizedTest(name = "R20/R23: reserved access bit 0x{0} refuses first and closes nothing")
        @ValueSource(ints = {0x00200000, 0x00400000, 0x00800000, 0x04000000, 0x08000000})
        @DisplayName("R20/R23: a request for reserved access bits is refused first and closes nothing")
        void reservedBitsCloseNothing(int bit) {
            long h = m.event();
            assertFalse(w.DuplicateHandle(-1, h, -1, out, SYNCHRONIZE | bit, false, DUPLICATE_CLOSE_SOURCE));
            assertFailed(ERROR_ACCESS_DENIED);
            assertTrue(isOpen(h));
            assertEquals(1, m.handleCount(h));
        }

        @Test
        @DisplayName("R20: a protected source silently stays open while a close-source duplicate succeeds")
        void protectedSourceStaysOpen() {
            long h = m.event();
            assertTrue(w.SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE));
            m.poisonLastError();
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0, false, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
            assertEquals(0xDEAD, w.GetLastError(), "the refused close is not reported");
            assertTrue(isOpen(h));
            assertNotEquals(h, out.value);
            assertEquals(2, m.handleCount(h));
        }

        @Test
        @DisplayName("R20: close-source from another process closes the handle there")
        void closesInSourceProcess() {
            Fixture.Child c = m.child(false);
            long ce = c.w().CreateEvent(null, true, false, null);
            assertTrue(w.DuplicateHandle(c.hProcess(), ce, -1, out, 0, false,
                    DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
            assertFalse(c.w().CloseHandle(ce), "the child's handle was closed by the parent's call");
            Fixture.assertLastError(c.w(), ERROR_INVALID_HANDLE);
            assertEquals(1, m.handleCount(out.value));
        }
    }

    @Nested
    @DisplayName("R21: the source is closed before the new entry is allocated")
    class CloseBeforeAllocate {
        @Test
        @DisplayName("R21: close-source duplicate in the same process returns the source's own value under LIFO")
        void sameValue() {
            m.event();
            long h = m.event();
            m.event();
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0, false, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
            assertEquals(h, out.value);
        }

        @Test
        @DisplayName("R21: the source's value wins over a value freed earlier (it is the most recently freed)")
        void sameValueOverEarlierFree() {
            long freedFirst = m.event();
            long h = m.event();
            assertTrue(w.CloseHandle(freedFirst));
            assertTrue(w.DuplicateHandle(-1, h, -1, out, SYNCHRONIZE, false, DUPLICATE_CLOSE_SOURCE));
            assertEquals(h, out.value);
            assertEquals(SYNCHRONIZE, m.access(h), "the same value, now the new handle's access");
        }

        @Test
        @DisplayName("R21: close-source into another process frees the source's value here for the next handle")
        void crossProcessFreesValue() {
            Fixture.Child c = m.child(false);
            long h = m.event();
            assertTrue(w.DuplicateHandle(-1, h, c.hProcess(), out, 0, false,
                    DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE));
            assertEquals(0x4, out.value, "the child's first value");
            assertEquals(h, m.event(), "the parent's freed value comes back next");
        }
    }

    @Nested
    @DisplayName("R22: a NULL target process")
    class NullTarget {
        @Test
        @DisplayName("R22: NULL target with DUPLICATE_CLOSE_SOURCE just closes the source and returns TRUE (Windows, not Wine)")
        void closeSourceOnly() {
            long h = m.event();
            m.poisonLastError();
            assertTrue(w.DuplicateHandle(-1, h, 0, out, 0, false, DUPLICATE_CLOSE_SOURCE));
            assertEquals(0, out.value, "no new handle");
            assertFalse(isOpen(h));
            assertEquals(1, m.deleted.size());
            assertEquals(0, m.k.handles(m.process).size());
        }

        @Test
        @DisplayName("R22: NULL target with DUPLICATE_CLOSE_SOURCE and a NULL lpTarget: TRUE, source closed")
        void closeSourceOnlyNullOut() {
            long h = m.event();
            assertTrue(w.DuplicateHandle(-1, h, 0, null, 0, false, DUPLICATE_CLOSE_SOURCE));
            assertFalse(isOpen(h));
        }

        @Test
        @DisplayName("R22: NULL target without DUPLICATE_CLOSE_SOURCE: FALSE, ERROR_INVALID_PARAMETER, source left open")
        void withoutCloseSource() {
            long h = m.event();
            assertFalse(w.DuplicateHandle(-1, h, 0, out, 0, false, DUPLICATE_SAME_ACCESS));
            assertFailed(ERROR_INVALID_PARAMETER);
            assertTrue(isOpen(h));
            assertEquals(1, m.handleCount(h));
        }

        @Test
        @DisplayName("R22/R18: NULL target without close-source is reported before a bad source handle")
        void withoutCloseSourceBadSource() {
            assertFalse(w.DuplicateHandle(-1, BOGUS, 0, out, 0, false, 0));
            assertFailed(ERROR_INVALID_PARAMETER);
        }

        @Test
        @DisplayName("R22/R19: NULL target with close-source and a bad source handle: ERROR_INVALID_HANDLE")
        void closeSourceBadSource() {
            assertFalse(w.DuplicateHandle(-1, BOGUS, 0, out, 0, false, DUPLICATE_CLOSE_SOURCE));
            assertFailed(ERROR_INVALID_HANDLE);
        }
    }

    @Nested
    @DisplayName("R23: the duplicate's access")
    class Access {
        @Test
        @DisplayName("R23: DUPLICATE_SAME_ACCESS copies the source's granted access and ignores the access argument")
        void sameAccess() {
            long h = m.event();
            assertTrue(w.DuplicateHandle(-1, h, -1, out, SYNCHRONIZE, false, 0));
            long syncOnly = out.value;
            assertTrue(w.DuplicateHandle(-1, syncOnly, -1, out, EVENT_ALL_ACCESS, false, DUPLICATE_SAME_ACCESS));
            assertEquals(SYNCHRONIZE, m.access(out.value));
        }

        @Test
        @DisplayName("R23: DUPLICATE_SAME_ACCESS ignores reserved bits in the access argument")
        void sameAccessIgnoresReservedBits() {
            long h = m.event();
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0x0CE00000, false, DUPLICATE_SAME_ACCESS));
            assertEquals(EVENT_ALL_ACCESS, m.access(out.value));
        }

        @Test
        @DisplayName("R23: generic rights are mapped through the event type's generic mapping")
        void genericMappingEvent() {
            long h = m.event();
            assertTrue(w.DuplicateHandle(-1, h, -1, out, GENERIC_READ, false, 0));
            assertEquals(READ_CONTROL | EVENT_QUERY_STATE, m.access(out.value));
            assertTrue(w.DuplicateHandle(-1, h, -1, out, GENERIC_WRITE, false, 0));
            assertEquals(READ_CONTROL | EVENT_MODIFY_STATE, m.access(out.value));
            assertTrue(w.DuplicateHandle(-1, h, -1, out, GENERIC_EXECUTE, false, 0));
            assertEquals(READ_CONTROL | SYNCHRONIZE, m.access(out.value));
            assertTrue(w.DuplicateHandle(-1, h, -1, out, GENERIC_ALL, false, 0));
            assertEquals(EVENT_ALL_ACCESS, m.access(out.value));
        }

        @Test
        @DisplayName("R23: generic rights are mapped through the file type's generic mapping")
        void genericMappingFile() {
            long f = w.CreateFile("C:\\map.txt", GENERIC_READ | GENERIC_WRITE, 0, null, CREATE_ALWAYS, 0);
            assertTrue(w.DuplicateHandle(-1, f, -1, out, GENERIC_READ, false, 0));
            assertEquals(FILE_GENERIC_READ, m.access(out.value));
            assertTrue(w.DuplicateHandle(-1, f, -1, out, GENERIC_WRITE, false, 0));
            assertEquals(FILE_GENERIC_WRITE, m.access(out.value));
        }

        @Test
        @DisplayName("R23: bits outside the type's valid mask are dropped")
        void invalidBitsDropped() {
            long h = m.event();
            assertTrue(w.DuplicateHandle(-1, h, -1, out, EVENT_MODIFY_STATE | 0x0100 | 0x8000, false, 0));
            assertEquals(EVENT_MODIFY_STATE, m.access(out.value));
            long mutex = w.CreateMutex(null, false, null);
            assertTrue(w.DuplicateHandle(-1, mutex, -1, out, SYNCHRONIZE | 0x0002, false, 0));
            assertEquals(SYNCHRONIZE, m.access(out.value));
        }

        @Test
        @DisplayName("R23: access 0 is allowed: TRUE, a handle with no access that still compares and closes")
        void zeroAccess() {
            long h = m.event();
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0, false, 0));
            assertEquals(0, m.access(out.value));
            assertFalse(w.SetEvent(out.value));
            m.assertLastError(ERROR_ACCESS_DENIED);
            assertTrue(w.CompareObjectHandles(h, out.value));
            assertTrue(w.CloseHandle(out.value));
        }

        @Test
        @DisplayName("R23: asking for more than the source has is granted (the model's objects carry no security restriction)")
        void moreThanSource() {
            long h = m.event();
            assertTrue(w.DuplicateHandle(-1, h, -1, out, SYNCHRONIZE, false, 0));
            long weak = out.value;
            assertTrue(w.DuplicateHandle(-1, weak, -1, out, EVENT_MODIFY_STATE, false, 0));
            assertEquals(EVENT_MODIFY_STATE, m.access(out.value));
            assertTrue(w.SetEvent(out.value));
        }

        @Test
        @DisplayName("R23: reserved access bits without DUPLICATE_SAME_ACCESS: ERROR_ACCESS_DENIED (Windows, not Wine)")
        void reservedBits() {
            long h = m.event();
            assertFalse(w.DuplicateHandle(-1, h, -1, out, SYNCHRONIZE | 0x00200000, false, 0));
            assertFailed(ERROR_ACCESS_DENIED);
            out.value = JUNK;
            assertEquals(STATUS_ACCESS_DENIED, w.nt().NtDuplicateObject(-1, h, -1, out, 0x0CE00000, 0, 0));
            assertEquals(0, out.value);
            assertEquals(1, m.handleCount(h));
        }

        @Test
        @DisplayName("R23: reserved bits are refused before the source handle is looked at (a bad source gives ERROR_ACCESS_DENIED)")
        void reservedBitsBeforeSourceHandle() {
            assertFalse(w.DuplicateHandle(-1, BOGUS, -1, out, 0x08000000, false, 0));
            assertFailed(ERROR_ACCESS_DENIED);
        }

        @Test
        @DisplayName("R23: duplicating a pseudo handle without SAME_ACCESS maps the access asked for")
        void pseudoMapped() {
            assertTrue(w.DuplicateHandle(-1, -1, -1, out, GENERIC_READ, false, 0));
            assertEquals(READ_CONTROL | PROCESS_VM_READ | PROCESS_QUERY_INFORMATION, m.access(out.value));
        }
    }

    @Nested
    @DisplayName("R24: the duplicate's attributes")
    class Attributes {
        private long source;

        private long sourceWith(int flags) {
            source = m.event();
            assertTrue(w.SetHandleInformation(source, HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE, flags));
            return source;
        }

        @Test
        @DisplayName("R24: DUPLICATE_SAME_ATTRIBUTES copies INHERIT and PROTECT and ignores inherit=FALSE (Windows, not Wine)")
        void sameAttributesCopiesBoth() {
            long h = sourceWith(HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE);
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0, false, DUPLICATE_SAME_ACCESS | DUPLICATE_SAME_ATTRIBUTES));
            assertEquals(HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE, m.flags(out.value));
        }

        @Test
        @DisplayName("R24: DUPLICATE_SAME_ATTRIBUTES from a handle with no flags ignores inherit=TRUE")
        void sameAttributesIgnoresInherit() {
            long h = sourceWith(0);
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0, true, DUPLICATE_SAME_ACCESS | DUPLICATE_SAME_ATTRIBUTES));
            assertEquals(0, m.flags(out.value));
        }

        @Test
        @DisplayName("R24: DUPLICATE_SAME_ATTRIBUTES copies PROTECT alone")
        void sameAttributesProtectOnly() {
            long h = sourceWith(HANDLE_FLAG_PROTECT_FROM_CLOSE);
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0, false, DUPLICATE_SAME_ACCESS | DUPLICATE_SAME_ATTRIBUTES));
            assertEquals(HANDLE_FLAG_PROTECT_FROM_CLOSE, m.flags(out.value));
            assertFalse(w.CloseHandle(out.value));
        }

        @Test
        @DisplayName("R24: without SAME_ATTRIBUTES, INHERIT comes from inherit and PROTECT is off")
        void fromInheritArgument() {
            long h = sourceWith(HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE);
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0, false, DUPLICATE_SAME_ACCESS));
            assertEquals(0, m.flags(out.value));
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0, true, DUPLICATE_SAME_ACCESS));
            assertEquals(HANDLE_FLAG_INHERIT, m.flags(out.value));
            assertTrue(w.CloseHandle(out.value), "not protected");
        }
    }

    @Test
    @DisplayName("R25: a NULL lpTarget still makes the duplicate (an unreachable handle: a leak)")
    void nullTargetPointer() {
        long h = m.event();
        assertTrue(w.DuplicateHandle(-1, h, -1, null, 0, false, DUPLICATE_SAME_ACCESS));
        assertEquals(2, m.handleCount(h));
        assertEquals(2, m.k.handles(m.process).size());
        assertTrue(w.CloseHandle(h));
        assertTrue(m.deleted.isEmpty(), "the leaked duplicate keeps the object alive");
    }

    @Nested
    @DisplayName("R26: the duplicate refers to the same object")
    class SameObject {
        @Test
        @DisplayName("R26: one more handle and pointer reference on the object; a new value, the same object")
        void counts() {
            long h = m.event();
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0, false, DUPLICATE_SAME_ACCESS));
            assertNotEquals(h, out.value);
            assertEquals(2, m.handleCount(h));
            assertEquals(2, m.pointerCount(h));
            assertEquals(m.info(h).objectId(), m.info(out.value).objectId());
        }

        @Test
        @DisplayName("R26: the signal state is shared: SetEvent through the duplicate signals the original")
        void sharedSignal() {
            long h = m.event();
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0, false, DUPLICATE_SAME_ACCESS));
            assertTrue(w.SetEvent(out.value));
            assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(h, 0));
            assertTrue(w.ResetEvent(h));
            assertEquals(WAIT_TIMEOUT, w.WaitForSingleObject(out.value, 0));
        }

        @Test
        @DisplayName("R26: a mutex's owner is shared: the owner releases through the duplicate, a duplicate in another thread cannot")
        void sharedMutexOwner() {
            long mutex = w.CreateMutex(null, true, null);
            assertTrue(w.DuplicateHandle(-1, mutex, -1, out, 0, false, DUPLICATE_SAME_ACCESS));
            Kernel32 t2 = m.newThread();
            assertFalse(t2.ReleaseMutex(out.value));
            Fixture.assertLastError(t2, ERROR_NOT_OWNER);
            assertTrue(w.ReleaseMutex(out.value));
            assertFalse(w.ReleaseMutex(mutex));
            m.assertLastError(ERROR_NOT_OWNER);
        }

        @Test
        @DisplayName("R26: a semaphore's count is shared")
        void sharedSemaphoreCount() {
            long s = w.CreateSemaphore(null, 0, 2, null);
            assertTrue(w.DuplicateHandle(-1, s, -1, out, 0, false, DUPLICATE_SAME_ACCESS));
            LongRef previous = new LongRef();
            assertTrue(w.ReleaseSemaphore(out.value, 2, previous));
            assertEquals(0, previous.value);
            assertFalse(w.ReleaseSemaphore(s, 1, null));
            m.assertLastError(ERROR_TOO_MANY_POSTS);
        }

        @Test
        @DisplayName("R26: closing the original leaves the duplicate working (the object, not the handle, is counted)")
        void closeOriginal() {
            long h = m.event();
            assertTrue(w.DuplicateHandle(-1, h, -1, out, 0, false, DUPLICATE_SAME_ACCESS));
            assertTrue(w.CloseHandle(h));
            assertTrue(w.SetEvent(out.value));
            assertFalse(w.CloseHandle(h), "the story: the original is closed once, not reference counted");
            m.assertLastError(ERROR_INVALID_HANDLE);
        }
    }

    @Nested
    @DisplayName("R18/R26: across processes")
    class CrossProcess {
        @Test
        @DisplayName("R26: a duplicate into a child is a handle of the child's table, usable there and not here")
        void intoChild() {
            Fixture.Child c = m.child(false);
            long h = m.event();
            assertTrue(w.DuplicateHandle(-1, h, c.hProcess(), out, EVENT_MODIFY_STATE, false, 0));
            assertEquals(0x4, out.value, "the child's table was empty");
            assertTrue(c.w().SetEvent(out.value));
            assertEquals(WAIT_OBJECT_0, w.WaitForSingleObject(h, 0));
            assertEquals(2, m.handleCount(h));
            assertEquals(EVENT_MODIFY_STATE, Fixture.info(c.w(), out.value).grantedAccess());
            assertEquals("Process", m.info(0x4).typeName(), "0x4 here is still the parent's own handle");
        }

        @Test
        @DisplayName("R26: a duplicate from a child's table into the caller's")
        void fromChild() {
            Fixture.Child c = m.child(false);
            long ce = c.w().CreateEvent(null, true, false, null);
            assertTrue(w.DuplicateHandle(c.hProcess(), ce, -1, out, 0, false, DUPLICATE_SAME_ACCESS));
            assertTrue(w.SetEvent(out.value));
            assertEquals(WAIT_OBJECT_0, c.w().WaitForSingleObject(ce, 0));
        }

        @Test
        @DisplayName("R18: a child's handle to the parent with PROCESS_DUP_HANDLE lets the child duplicate into the parent")
        void childIntoParent() {
            Fixture.Child c = m.child(false);
            long parentInChild = c.w().OpenProcess(PROCESS_DUP_HANDLE, false, w.GetCurrentProcessId());
            long ce = c.w().CreateEvent(null, true, false, null);
            LongRef inParent = new LongRef();
            assertTrue(c.w().DuplicateHandle(-1, ce, parentInChild, inParent, 0, false, DUPLICATE_SAME_ACCESS));
            assertTrue(w.SetEvent(inParent.value));
            assertEquals(WAIT_OBJECT_0, c.w().WaitForSingleObject(ce, 0));
        }
    }
}
