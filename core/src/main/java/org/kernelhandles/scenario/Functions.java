package org.kernelhandles.scenario;

import static org.kernelhandles.scenario.ScenarioFunction.Kind.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kernelhandles.nt.LongRef;
import org.kernelhandles.nt.ObjectBasicInformation;
import org.kernelhandles.scenario.ScenarioFunction.Body;
import org.kernelhandles.scenario.ScenarioFunction.Kind;
import org.kernelhandles.scenario.ScenarioFunction.Param;
import org.kernelhandles.scenario.ScenarioFunction.Result;
import org.kernelhandles.win32.Kernel32;

/**
 * The functions of the scenario contract, each bound to the kernel32 (or ntdll) call it names.
 * Parameters are written {@code name:KIND}; the table is the one place that knows both a
 * function's Win32 signature and what its result means.
 */
final class Functions {
    private Functions() {}

    private static final Map<String, ScenarioFunction> TABLE = new LinkedHashMap<>();

    private static void def(String name, Result result, String params, Body body) {
        List<Param> list = new ArrayList<>();
        if (!params.isEmpty()) {
            for (String p : params.split(",\\s*")) {
                String[] parts = p.split(":");
                list.add(new Param(parts[0], Kind.valueOf(parts[1])));
            }
        }
        TABLE.put(name, new ScenarioFunction(name, List.copyOf(list), result, body));
    }

    private static long bool(boolean b) {
        return b ? 1 : 0;
    }

    private static long dword(int value) {
        return Integer.toUnsignedLong(value);
    }

    static {
        // handles
        def("CloseHandle", Result.BOOL, "h:HANDLE", (c, a) -> bool(c.CloseHandle(a.number(0))));
        def("DuplicateHandle", Result.BOOL,
                "hSrcProc:HANDLE, hSrc:HANDLE, hTgtProc:HANDLE, hTgt:OUT, access:MASK, inherit:BOOL, options:MASK",
                (c, a) -> bool(c.DuplicateHandle(a.number(0), a.number(1), a.number(2), a.out(3),
                        a.dword(4), a.bool(5), a.dword(6))));
        def("GetHandleInformation", Result.BOOL, "h:HANDLE, flags:OUT",
                (c, a) -> bool(c.GetHandleInformation(a.number(0), orScratch(a.out(1)))));
        def("SetHandleInformation", Result.BOOL, "h:HANDLE, mask:MASK, flags:MASK",
                (c, a) -> bool(c.SetHandleInformation(a.number(0), a.dword(1), a.dword(2))));
        def("CompareObjectHandles", Result.BOOL, "a:HANDLE, b:HANDLE",
                (c, a) -> bool(c.CompareObjectHandles(a.number(0), a.number(1))));
        def("GetCurrentProcess", Result.NUMBER, "", (c, a) -> c.GetCurrentProcess());
        def("GetCurrentThread", Result.NUMBER, "", (c, a) -> c.GetCurrentThread());
        def("GetCurrentProcessId", Result.NUMBER, "", (c, a) -> c.GetCurrentProcessId());
        def("GetCurrentThreadId", Result.NUMBER, "", (c, a) -> c.GetCurrentThreadId());
        def("GetProcessId", Result.ID, "h:HANDLE", (c, a) -> c.GetProcessId(a.number(0)));
        def("GetThreadId", Result.ID, "h:HANDLE", (c, a) -> c.GetThreadId(a.number(0)));
        def("GetLastError", Result.NUMBER, "", (c, a) -> dword(c.GetLastError()));
        def("SetLastError", Result.VOID, "code:NUMBER", (c, a) -> {
            c.SetLastError(a.dword(0));
            return 0;
        });

        // NT layer
        def("NtClose", Result.NTSTATUS, "h:HANDLE", (c, a) -> dword(c.nt().NtClose(a.number(0))));
        def("NtDuplicateObject", Result.NTSTATUS,
                "hSrcProc:HANDLE, hSrc:HANDLE, hTgtProc:HANDLE, hTgt:OUT, access:MASK, attributes:MASK, options:MASK",
                (c, a) -> dword(c.nt().NtDuplicateObject(a.number(0), a.number(1), a.number(2), a.out(3),
                        a.dword(4), a.dword(5), a.dword(6))));

        // events, mutexes, semaphores
        def("CreateEvent", Result.HANDLE, "sa:SECURITY_ATTRIBUTES, manualReset:BOOL, initialState:BOOL, name:STRING",
                (c, a) -> c.CreateEvent(a.securityAttributes(0), a.bool(1), a.bool(2), a.string(3)));
        def("OpenEvent", Result.HANDLE, "access:MASK, inherit:BOOL, name:STRING",
                (c, a) -> c.OpenEvent(a.dword(0), a.bool(1), a.string(2)));
        def("SetEvent", Result.BOOL, "h:HANDLE", (c, a) -> bool(c.SetEvent(a.number(0))));
        def("ResetEvent", Result.BOOL, "h:HANDLE", (c, a) -> bool(c.ResetEvent(a.number(0))));
        def("CreateMutex", Result.HANDLE, "sa:SECURITY_ATTRIBUTES, initialOwner:BOOL, name:STRING",
                (c, a) -> c.CreateMutex(a.securityAttributes(0), a.bool(1), a.string(2)));
        def("OpenMutex", Result.HANDLE, "access:MASK, inherit:BOOL, name:STRING",
                (c, a) -> c.OpenMutex(a.dword(0), a.bool(1), a.string(2)));
        def("ReleaseMutex", Result.BOOL, "h:HANDLE", (c, a) -> bool(c.ReleaseMutex(a.number(0))));
        def("CreateSemaphore", Result.HANDLE, "sa:SECURITY_ATTRIBUTES, initial:NUMBER, maximum:NUMBER, name:STRING",
                (c, a) -> c.CreateSemaphore(a.securityAttributes(0), a.dword(1), a.dword(2), a.string(3)));
        def("OpenSemaphore", Result.HANDLE, "access:MASK, inherit:BOOL, name:STRING",
                (c, a) -> c.OpenSemaphore(a.dword(0), a.bool(1), a.string(2)));
        def("ReleaseSemaphore", Result.BOOL, "h:HANDLE, count:NUMBER, previous:OUT",
                (c, a) -> bool(c.ReleaseSemaphore(a.number(0), a.dword(1), a.out(2))));

        // waits and time
        def("WaitForSingleObject", Result.WAIT, "h:HANDLE, ms:NUMBER",
                (c, a) -> dword(c.WaitForSingleObject(a.number(0), a.dword(1))));
        def("WaitForMultipleObjects", Result.WAIT, "count:NUMBER, handles:HANDLES, waitAll:BOOL, ms:NUMBER",
                (c, a) -> dword(c.WaitForMultipleObjects(a.dword(0), a.handles(1), a.bool(2), a.dword(3))));
        def("Sleep", Result.VOID, "ms:NUMBER", (c, a) -> {
            c.Sleep(a.dword(0));
            return 0;
        });

        // threads
        def("CreateThread", Result.HANDLE,
                "sa:SECURITY_ATTRIBUTES, stackSize:NUMBER, startAddress:UNUSED_POINTER, parameter:UNUSED_POINTER, "
                        + "flags:MASK, tid:OUT",
                (c, a) -> c.CreateThread(a.securityAttributes(0), a.number(1), a.dword(4), a.out(5)));
        def("ExitThread", Result.VOID, "code:NUMBER", (c, a) -> {
            c.ExitThread(a.dword(0));
            return 0;
        });
        def("TerminateThread", Result.BOOL, "h:HANDLE, code:NUMBER",
                (c, a) -> bool(c.TerminateThread(a.number(0), a.dword(1))));
        def("GetExitCodeThread", Result.BOOL, "h:HANDLE, code:OUT",
                (c, a) -> bool(c.GetExitCodeThread(a.number(0), orScratch(a.out(1)))));
        def("OpenThread", Result.HANDLE, "access:MASK, inherit:BOOL, tid:NUMBER",
                (c, a) -> c.OpenThread(a.dword(0), a.bool(1), a.number(2)));

        // processes
        def("CreateProcess", Result.BOOL,
                "imageName:STRING, inheritHandles:BOOL, hProcess:OUT, hThread:OUT, pid:OUT, tid:OUT",
                (c, a) -> bool(c.CreateProcess(a.string(0), a.bool(1), orScratch(a.out(2)),
                        orScratch(a.out(3)), a.out(4), a.out(5))));
        def("OpenProcess", Result.HANDLE, "access:MASK, inherit:BOOL, pid:NUMBER",
                (c, a) -> c.OpenProcess(a.dword(0), a.bool(1), a.number(2)));
        def("ExitProcess", Result.VOID, "code:NUMBER", (c, a) -> {
            c.ExitProcess(a.dword(0));
            return 0;
        });
        def("TerminateProcess", Result.BOOL, "h:HANDLE, code:NUMBER",
                (c, a) -> bool(c.TerminateProcess(a.number(0), a.dword(1))));
        def("GetExitCodeProcess", Result.BOOL, "h:HANDLE, code:OUT",
                (c, a) -> bool(c.GetExitCodeProcess(a.number(0), orScratch(a.out(1)))));

        // files and devices
        def("CreateFile", Result.HANDLE_OR_INVALID,
                "name:STRING, access:MASK, share:MASK, sa:SECURITY_ATTRIBUTES, disposition:NUMBER, flags:MASK, "
                        + "template:UNUSED_POINTER",
                (c, a) -> c.CreateFile(a.string(0), a.dword(1), a.dword(2), a.securityAttributes(3),
                        a.dword(4), a.dword(5)));
        def("ReadFile", Result.BOOL, "h:HANDLE, data:OUT_TEXT, count:NUMBER, read:OUT, overlapped:UNUSED_POINTER",
                (c, a) -> bool(c.ReadFile(a.number(0), a.outText(1), a.dword(2), a.out(3))));
        def("WriteFile", Result.BOOL,
                "h:HANDLE, text:STRING, count:NUMBER, written:OUT, overlapped:UNUSED_POINTER",
                (c, a) -> bool(c.WriteFile(a.number(0), a.string(1) == null ? "" : a.string(1),
                        a.dword(2), a.out(3))));
        def("SetFilePointer", Result.NUMBER, "h:HANDLE, distance:NUMBER, distanceHigh:UNUSED_POINTER, method:NUMBER",
                (c, a) -> dword(c.SetFilePointer(a.number(0), a.dword(1), a.dword(3))));
        def("DeviceIoControl", Result.BOOL,
                "h:HANDLE, code:MASK, inBuffer:UNUSED_POINTER, inSize:NUMBER, out:OUT, outSize:NUMBER, "
                        + "returned:OUT, overlapped:UNUSED_POINTER",
                (c, a) -> bool(c.DeviceIoControl(a.number(0), a.dword(1), a.out(4), a.dword(5),
                        a.out(6))));

        // model introspection (not Win32): NtQueryObject's basic information
        def("QueryHandleCount", Result.NUMBER, "h:HANDLE",
                (c, a) -> query(c, a.number(0), ObjectBasicInformation::handleCount));
        def("QueryPointerCount", Result.NUMBER, "h:HANDLE",
                (c, a) -> query(c, a.number(0), ObjectBasicInformation::pointerCount));
        def("QueryObjectId", Result.NUMBER, "h:HANDLE",
                (c, a) -> query(c, a.number(0), ObjectBasicInformation::objectId));
    }

    /** A query through an invalid handle answers 0, with ERROR_INVALID_HANDLE as the last error. */
    private static long query(Kernel32 k32, long handle, java.util.function.ToLongFunction<ObjectBasicInformation> field) {
        ObjectBasicInformation info = k32.QueryObject(handle);
        return info == null ? 0 : field.applyAsLong(info);
    }

    /** Where C would crash on a NULL out pointer the model writes to a scratch holder instead. */
    private static LongRef orScratch(LongRef ref) {
        return ref != null ? ref : new LongRef();
    }

    static ScenarioFunction find(String name) {
        return TABLE.get(name);
    }

    static Collection<ScenarioFunction> all() {
        return TABLE.values();
    }

    /** The known function closest to {@code name} by edit distance, ignoring case, for "did you mean". */
    static String nearest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : TABLE.keySet()) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    static List<String> names() {
        return Arrays.asList(TABLE.keySet().toArray(String[]::new));
    }
}
