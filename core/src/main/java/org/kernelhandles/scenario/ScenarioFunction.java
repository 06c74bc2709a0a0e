package org.kernelhandles.scenario;

import java.util.List;
import java.util.stream.Collectors;
import org.kernelhandles.win32.Kernel32;

/**
 * One function a scenario can call: its parameters (for checking a call before the run and for
 * printing it in the trace), what its result means, and how to run it.
 */
record ScenarioFunction(String name, List<Param> params, Result result, Body body) {

    /** What an argument is, which decides what may be written there and how the trace shows it. */
    enum Kind {
        HANDLE, BOOL, NUMBER, MASK, STRING, SECURITY_ATTRIBUTES,
        /** {@code &name} or NULL: receives a number. */
        OUT,
        /** {@code &name} or NULL: receives a string (ReadFile's buffer). */
        OUT_TEXT,
        /** {@code {h1, h2}}: WaitForMultipleObjects' array. */
        HANDLES,
        /** A pointer the model does not need (overlapped, template, start routine): NULL only. */
        UNUSED_POINTER
    }

    record Param(String name, Kind kind) {
        boolean isOut() {
            return kind == Kind.OUT || kind == Kind.OUT_TEXT;
        }
    }

    /** What the return value is, which decides whether the call failed and how it is shown. */
    enum Result {
        /** TRUE or FALSE; FALSE is a failure. */
        BOOL,
        /** A handle; NULL is a failure. */
        HANDLE,
        /** A handle; INVALID_HANDLE_VALUE is a failure (CreateFile). */
        HANDLE_OR_INVALID,
        /** A wait result; WAIT_FAILED is a failure. */
        WAIT,
        /** An NTSTATUS; an error severity is a failure. */
        NTSTATUS,
        /** A number where 0 is a failure (GetProcessId). */
        ID,
        /** A number with no failure value (counts, GetLastError, SetFilePointer's position). */
        NUMBER,
        /** Nothing (ExitThread, Sleep, SetLastError). */
        VOID
    }

    /** Runs the function for one call on the calling thread's kernel32, with its arguments evaluated. */
    @FunctionalInterface
    interface Body {
        long call(Kernel32 caller, Arguments arguments);
    }

    /** {@code Name(a, b, c)} as the help and error messages show it. */
    String signature() {
        return name + "(" + params.stream()
                .map(p -> p.isOut() ? "&" + p.name() : p.name())
                .collect(Collectors.joining(", ")) + ")";
    }
}
