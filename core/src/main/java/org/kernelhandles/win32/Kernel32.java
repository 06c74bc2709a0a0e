package org.kernelhandles.win32;

import static org.kernelhandles.executive.NtStatus.*;
import static org.kernelhandles.win32.Win32Error.*;

import java.nio.charset.StandardCharsets;
import org.kernelhandles.executive.AccessRights;
import org.kernelhandles.executive.KThread;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.executive.NtStatus;
import org.kernelhandles.executive.ObjectManager;
import org.kernelhandles.nt.LongRef;
import org.kernelhandles.nt.Ntdll;
import org.kernelhandles.nt.ObjectBasicInformation;

/**
 * The kernel32 facade for one thread: BOOL results and {@code GetLastError()}, Win32 names and
 * argument orders, so that C fragments port line for line. It only translates: each function calls
 * one {@code Nt*} service, turns its status into a Win32 error through the one table
 * ({@code RtlNtStatusToDosError}), and sets the thread's last error on failure. It decides no rule
 * itself. The method names keep Win32's capitalisation on purpose: they are Win32's functions.
 */
@SuppressWarnings("checkstyle:MethodName")
public final class Kernel32 {
    private final Ntdll nt;
    private final KThread thread;

    public Kernel32(Kernel kernel, KThread thread) {
        this.nt = new Ntdll(kernel, thread);
        this.thread = thread;
    }

    /** The {@code Nt*} layer this facade calls, on behalf of the same thread. */
    public Ntdll nt() {
        return nt;
    }

    public KThread thread() {
        return thread;
    }

    /** {@code BaseSetLastNTError}: records the Win32 error for a failed status and returns FALSE. */
    private boolean fail(int status) {
        thread.setLastError(DosErrors.toDosError(status));
        return false;
    }

    private boolean bool(int status) {
        return NtStatus.isSuccess(status) || fail(status);
    }

    private static int attributes(boolean inherit) {
        return inherit ? Ntdll.OBJ_INHERIT : 0;
    }

    private static int attributes(SecurityAttributes sa) {
        return attributes(sa != null && sa.inheritHandle());
    }

    /** The Win32 error a status maps to (RtlNtStatusToDosError). */
    public static int RtlNtStatusToDosError(int status) {
        return DosErrors.toDosError(status);
    }

    // ---------------------------------------------------------------- handles

    public boolean CloseHandle(long handle) {
        return bool(nt.NtClose(handle));
    }

    /** On failure {@code *lpTargetHandle} is 0 (R18); a null {@code targetHandle} still duplicates (R25). */
    public boolean DuplicateHandle(long sourceProcess, long sourceHandle, long targetProcess, LongRef targetHandle,
            int desiredAccess, boolean inheritHandle, int options) {
        return bool(nt.NtDuplicateObject(sourceProcess, sourceHandle, targetProcess, targetHandle, desiredAccess,
                attributes(inheritHandle), options));
    }

    public boolean GetHandleInformation(long handle, LongRef flags) {
        return bool(nt.NtQueryHandleFlags(handle, flags));
    }

    public boolean SetHandleInformation(long handle, int mask, int flags) {
        return bool(nt.NtSetHandleFlags(handle, mask, flags));
    }

    public boolean CompareObjectHandles(long first, long second) {
        return bool(nt.NtCompareObjects(first, second));
    }

    public long GetCurrentProcess() {
        return ObjectManager.CURRENT_PROCESS;
    }

    public long GetCurrentThread() {
        return ObjectManager.CURRENT_THREAD;
    }

    public long GetCurrentProcessId() {
        return thread.process().processId();
    }

    public long GetCurrentThreadId() {
        return thread.threadId();
    }

    /** The id of the process behind {@code handle}, or 0 with the last error set. */
    public long GetProcessId(long handle) {
        LongRef id = new LongRef();
        return bool(nt.NtQueryInformationProcess(handle, null, id)) ? id.value : 0;
    }

    /** The id of the thread behind {@code handle}, or 0 with the last error set. */
    public long GetThreadId(long handle) {
        LongRef id = new LongRef();
        return bool(nt.NtQueryInformationThread(handle, null, id)) ? id.value : 0;
    }

    public int GetLastError() {
        return thread.lastError();
    }

    public void SetLastError(int error) {
        thread.setLastError(error);
    }

    // ---------------------------------------------------------------- events, mutexes, semaphores

    /** A create's result: the handle, or NULL with the last error; on success the last error is 0 or ERROR_ALREADY_EXISTS (R29). */
    private long created(int status, LongRef handle) {
        if (!NtStatus.isSuccess(status)) {
            fail(status);
            return 0;
        }
        thread.setLastError(status == STATUS_OBJECT_NAME_EXISTS ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
        return handle.value;
    }

    private long opened(int status, LongRef handle) {
        return bool(status) ? handle.value : 0;
    }

    public long CreateEvent(SecurityAttributes sa, boolean manualReset, boolean initialState, String name) {
        LongRef h = new LongRef();
        return created(nt.NtCreateEvent(h, AccessRights.EVENT_ALL_ACCESS, name, attributes(sa), manualReset,
                initialState), h);
    }

    public long OpenEvent(int desiredAccess, boolean inheritHandle, String name) {
        LongRef h = new LongRef();
        return opened(nt.NtOpenEvent(h, desiredAccess, attributes(inheritHandle), name), h);
    }

    public boolean SetEvent(long handle) {
        return bool(nt.NtSetEvent(handle, null));
    }

    public boolean ResetEvent(long handle) {
        return bool(nt.NtResetEvent(handle, null));
    }

    public long CreateMutex(SecurityAttributes sa, boolean initialOwner, String name) {
        LongRef h = new LongRef();
        return created(nt.NtCreateMutant(h, AccessRights.MUTEX_ALL_ACCESS, name, attributes(sa), initialOwner), h);
    }

    public long OpenMutex(int desiredAccess, boolean inheritHandle, String name) {
        LongRef h = new LongRef();
        return opened(nt.NtOpenMutant(h, desiredAccess, attributes(inheritHandle), name), h);
    }

    public boolean ReleaseMutex(long handle) {
        return bool(nt.NtReleaseMutant(handle, null));
    }

    public long CreateSemaphore(SecurityAttributes sa, int initialCount, int maximumCount, String name) {
        LongRef h = new LongRef();
        return created(nt.NtCreateSemaphore(h, AccessRights.SEMAPHORE_ALL_ACCESS, name, attributes(sa), initialCount,
                maximumCount), h);
    }

    public long OpenSemaphore(int desiredAccess, boolean inheritHandle, String name) {
        LongRef h = new LongRef();
        return opened(nt.NtOpenSemaphore(h, desiredAccess, attributes(inheritHandle), name), h);
    }

    public boolean ReleaseSemaphore(long handle, int releaseCount, LongRef previousCount) {
        return bool(nt.NtReleaseSemaphore(handle, releaseCount, previousCount));
    }

    // ---------------------------------------------------------------- waits

    private static long timeout(int milliseconds) {
        return milliseconds == Win32Constants.INFINITE ? Ntdll.INFINITE : Integer.toUnsignedLong(milliseconds);
    }

    /**
     * What a wait returns on a virtual clock when it cannot complete at once: the thread is parked,
     * and its result arrives later (the kernel listener's {@code waitCompleted}, read with
     * {@link #waitResult}). It is STATUS_PENDING's value; no real Win32 wait returns it.
     */
    public static final int WAIT_PENDING = STATUS_PENDING;

    /** Whether a wait status is a result a Win32 wait returns as it is (WAIT_OBJECT_0 + i, abandoned, timeout). */
    private static boolean isWaitResult(int status) {
        return status == STATUS_TIMEOUT
                || (status >= STATUS_WAIT_0 && status < STATUS_ABANDONED_WAIT_0 + Win32Constants.MAXIMUM_WAIT_OBJECTS);
    }

    /** A wait's DWORD result: the status itself on success, {@code WAIT_FAILED} with the last error otherwise. */
    private int waited(int status) {
        if (isWaitResult(status) || status == STATUS_PENDING) {
            return status;
        }
        fail(status);
        return Win32Constants.WAIT_FAILED;
    }

    /**
     * The DWORD a parked wait returns once it completes with {@code status}, setting this thread's
     * last error as the wait itself would have.
     */
    public int waitResult(int status) {
        return waited(status);
    }

    public int WaitForSingleObject(long handle, int milliseconds) {
        return waited(nt.NtWaitForSingleObject(handle, timeout(milliseconds)));
    }

    /** {@code count} must match the array: it is C's length argument. */
    public int WaitForMultipleObjects(int count, long[] handles, boolean waitAll, int milliseconds) {
        if (count != handles.length) {
            fail(STATUS_INVALID_PARAMETER);
            return Win32Constants.WAIT_FAILED;
        }
        return waited(nt.NtWaitForMultipleObjects(handles, waitAll, timeout(milliseconds)));
    }

    /** Sleeps on the real clock; on a virtual clock moves time forward for everyone. */
    public void Sleep(int milliseconds) {
        nt.NtDelayExecution(Integer.toUnsignedLong(milliseconds));
    }

    // ---------------------------------------------------------------- threads and processes

    /** Starts a thread in this thread's process; the start routine is the caller's business. */
    public long CreateThread(SecurityAttributes sa, long stackSize, int creationFlags, LongRef threadId) {
        LongRef h = new LongRef();
        return opened(nt.NtCreateThread(h, attributes(sa), threadId), h);
    }

    /** Ends the calling thread; its process ends with it when it was the last (R17). */
    public void ExitThread(int exitCode) {
        nt.NtTerminateThread(ObjectManager.CURRENT_THREAD, exitCode);
    }

    public boolean TerminateThread(long handle, int exitCode) {
        return bool(nt.NtTerminateThread(handle, exitCode));
    }

    public boolean GetExitCodeThread(long handle, LongRef exitCode) {
        return bool(nt.NtQueryInformationThread(handle, exitCode, null));
    }

    public long OpenThread(int desiredAccess, boolean inheritHandle, long threadId) {
        LongRef h = new LongRef();
        return opened(nt.NtOpenThread(h, desiredAccess, attributes(inheritHandle), threadId), h);
    }

    /** The model's CreateProcess: only what matters to handles (the scenario contract's form). */
    public boolean CreateProcess(String imageName, boolean inheritHandles, LongRef processHandle,
            LongRef threadHandle, LongRef processId, LongRef threadId) {
        return bool(nt.NtCreateUserProcess(imageName, inheritHandles, processHandle, threadHandle, processId,
                threadId));
    }

    public long OpenProcess(int desiredAccess, boolean inheritHandle, long processId) {
        LongRef h = new LongRef();
        return opened(nt.NtOpenProcess(h, desiredAccess, attributes(inheritHandle), processId), h);
    }

    /** Ends every thread of the calling process, the caller last, with {@code exitCode}. */
    public void ExitProcess(int exitCode) {
        nt.NtTerminateProcess(ObjectManager.CURRENT_PROCESS, exitCode);
    }

    public boolean TerminateProcess(long handle, int exitCode) {
        return bool(nt.NtTerminateProcess(handle, exitCode));
    }

    public boolean GetExitCodeProcess(long handle, LongRef exitCode) {
        return bool(nt.NtQueryInformationProcess(handle, exitCode, null));
    }

    // ---------------------------------------------------------------- files and devices

    /**
     * Opens a file or device; {@code INVALID_HANDLE_VALUE} on failure. {@code CREATE_ALWAYS} and
     * {@code OPEN_ALWAYS} on an existing file succeed with {@code ERROR_ALREADY_EXISTS}, and
     * {@code CREATE_NEW} on one fails with {@code ERROR_FILE_EXISTS}, as kernel32 reports them.
     */
    public long CreateFile(String name, int desiredAccess, int shareMode, SecurityAttributes sa, int disposition,
            int flagsAndAttributes) {
        LongRef h = new LongRef();
        boolean[] existed = new boolean[1];
        int status = nt.NtCreateFile(h, desiredAccess, name, shareMode, disposition, flagsAndAttributes,
                attributes(sa), existed);
        if (!NtStatus.isSuccess(status)) {
            if (status == STATUS_OBJECT_NAME_COLLISION && disposition == Win32Constants.CREATE_NEW) {
                thread.setLastError(ERROR_FILE_EXISTS);
            } else {
                fail(status);
            }
            return Win32Constants.INVALID_HANDLE_VALUE;
        }
        boolean reportsExisting = disposition == Win32Constants.CREATE_ALWAYS
                || disposition == Win32Constants.OPEN_ALWAYS;
        thread.setLastError(existed[0] && reportsExisting ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
        return h.value;
    }

    /** Reads up to {@code count} bytes; {@code data} receives them as text. */
    public boolean ReadFile(long handle, StringBuilder data, int count, LongRef bytesRead) {
        byte[][] out = new byte[1][];
        int status = nt.NtReadFile(handle, count, out);
        if (!NtStatus.isSuccess(status)) {
            if (bytesRead != null) {
                bytesRead.value = 0;
            }
            return fail(status);
        }
        if (data != null) {
            data.setLength(0);
            data.append(new String(out[0], StandardCharsets.UTF_8));
        }
        if (bytesRead != null) {
            bytesRead.value = out[0].length;
        }
        return true;
    }

    /** Writes the first {@code count} bytes of {@code text}; more bytes than it has is ERROR_INVALID_PARAMETER. */
    public boolean WriteFile(long handle, String text, int count, LongRef bytesWritten) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (count < 0 || count > bytes.length) {
            return fail(STATUS_INVALID_PARAMETER);
        }
        LongRef written = new LongRef();
        byte[] slice = count == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, count);
        boolean ok = bool(nt.NtWriteFile(handle, slice, written));
        if (bytesWritten != null) {
            bytesWritten.value = ok ? written.value : 0;
        }
        return ok;
    }

    /**
     * Moves the file pointer and returns the new position, or {@code INVALID_SET_FILE_POINTER} with
     * {@code ERROR_NEGATIVE_SEEK} for a position before the start.
     */
    public int SetFilePointer(long handle, int distance, int method) {
        LongRef position = new LongRef();
        int status = nt.NtSetPositionFile(handle, distance, method, position);
        if (status == STATUS_INVALID_PARAMETER_1) {
            thread.setLastError(ERROR_NEGATIVE_SEEK);
            return Win32Constants.INVALID_SET_FILE_POINTER;
        }
        if (!NtStatus.isSuccess(status)) {
            fail(status);
            return Win32Constants.INVALID_SET_FILE_POINTER;
        }
        return (int) position.value;
    }

    /** Sends {@code code} to the device behind {@code handle} (R39); output is one number. */
    public boolean DeviceIoControl(long handle, int code, LongRef out, int outSize, LongRef bytesReturned) {
        LongRef returned = new LongRef();
        boolean ok = bool(nt.NtDeviceIoControlFile(handle, code, outSize, out, returned));
        if (bytesReturned != null) {
            bytesReturned.value = ok ? returned.value : 0;
        }
        return ok;
    }

    // ---------------------------------------------------------------- model introspection

    /** NtQueryObject's basic information for {@code handle}, or null with the last error set. */
    public ObjectBasicInformation QueryObject(long handle) {
        ObjectBasicInformation[] info = new ObjectBasicInformation[1];
        return bool(nt.NtQueryObject(handle, info)) ? info[0] : null;
    }
}
