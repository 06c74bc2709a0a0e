package org.kernelhandles.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.executive.Kernel;

/**
 * The static checks made before a scenario runs, and parse errors: each problem is reported as
 * {@code file:LINE:COL: message} with its exact text, and a file with any problem runs no line.
 */
class ValidatorTest {

    private static RunReport run(String text) {
        return new ScenarioRunner(Kernel.Config.DEFAULT).run("t.scenario", text);
    }

    /** The file's problems; asserts that none of its lines ran. */
    private static List<String> problems(String text) {
        RunReport report = run(text);
        assertFalse(report.passed());
        assertEquals(List.of(), report.lines(), "no line of a file with problems runs");
        assertEquals(List.of(), report.failures());
        return report.problems();
    }

    @Test
    @DisplayName("an unknown function is named, with the nearest known one")
    void unknownFunction() {
        assertEquals(List.of("t.scenario:1:5: unknown function 'CreateEvnt'; did you mean 'CreateEvent'?"),
                problems("h = CreateEvnt(NULL, TRUE, FALSE, NULL) => valid"));
        assertEquals(List.of("t.scenario:1:1: unknown function 'CloseHandel'; did you mean 'CloseHandle'?"),
                problems("CloseHandel(4)"));
    }

    @Test
    @DisplayName("function names are case-sensitive and have no A/W suffix")
    void functionNamesAreExact() {
        assertEquals(List.of("t.scenario:1:1: unknown function 'closehandle'; did you mean 'CloseHandle'?"),
                problems("closehandle(4)"));
        assertEquals(List.of("t.scenario:1:5: unknown function 'CreateEventW'; did you mean 'CreateEvent'?"),
                problems("h = CreateEventW(NULL, TRUE, FALSE, NULL)"));
    }

    @Test
    @DisplayName("unknown functions are found anywhere: nested, in an expectation, in an array")
    void unknownFunctionAnywhere() {
        assertEquals(List.of(
                "t.scenario:1:13: unknown function 'GetCurentProcess'; did you mean 'GetCurrentProcess'?",
                "t.scenario:2:26: unknown function 'GetCurrentProcesId'; did you mean 'GetCurrentProcessId'?",
                "t.scenario:3:28: unknown function 'GetCurrentThred'; did you mean 'GetCurrentThread'?"),
                problems("""
                        CloseHandle(GetCurentProcess()) => TRUE
                        GetCurrentProcessId() => GetCurrentProcesId()
                        WaitForMultipleObjects(1, {GetCurrentThred()}, FALSE, 0)
                        """));
    }

    @Test
    @DisplayName("a wrong argument count shows the function's signature")
    void wrongArity() {
        assertEquals(List.of(
                "t.scenario:1:1: CloseHandle takes 1 argument, got 2: CloseHandle(h)",
                "t.scenario:2:1: GetLastError takes 0 arguments, got 1: GetLastError()",
                "t.scenario:3:1: DuplicateHandle takes 7 arguments, got 6: "
                        + "DuplicateHandle(hSrcProc, hSrc, hTgtProc, &hTgt, access, inherit, options)",
                "t.scenario:4:5: CreateEvent takes 4 arguments, got 0: "
                        + "CreateEvent(sa, manualReset, initialState, name)"),
                problems("""
                        CloseHandle(4, 8)
                        GetLastError(1)
                        DuplicateHandle(GetCurrentProcess(), 4, GetCurrentProcess(), &d, 0, FALSE)
                        h = CreateEvent()
                        """));
    }

    @Test
    @DisplayName("&name only where the function writes, and a written parameter needs &name or NULL")
    void outParameterMisuse() {
        assertEquals(List.of(
                "t.scenario:1:13: argument 1 of CloseHandle (h) takes a value, not &h",
                "t.scenario:2:25: argument 2 of GetHandleInformation (flags) is an out parameter: write &name or NULL",
                "t.scenario:3:38: argument 6 of CreateThread (tid) is an out parameter: write &name or NULL"),
                problems("""
                        CloseHandle(&h)
                        GetHandleInformation(4, flags)
                        CreateThread(NULL, 0, NULL, NULL, 0, 5)
                        """));
    }

    @Test
    @DisplayName("&name outside a call's arguments does not parse")
    void outParameterOutsideACall() {
        assertEquals(List.of("t.scenario:1:5: expected an expression, found '&'"), problems("x = &h"));
        assertEquals(List.of("t.scenario:1:19: expected an expression or 'valid', found '&'"),
                problems("CloseHandle(4) => &h"));
        assertEquals(List.of("t.scenario:1:28: expected an expression or '}', found '&'"),
                problems("WaitForMultipleObjects(1, {&h}, FALSE, 0)"));
    }

    @Test
    @DisplayName("NULL is accepted for an out parameter; pointers the model does not use must be NULL")
    void unusedPointers() {
        assertEquals(List.of("t.scenario:1:24: argument 5 of ReadFile (overlapped) must be NULL: the model does not use it"),
                problems("ReadFile(4, &d, 1, &r, 5)"));
        assertEquals(List.of(), run("GetHandleInformation(GetCurrentProcess(), NULL) => TRUE").problems());
    }

    @Test
    @DisplayName("an array of handles only for WaitForMultipleObjects, and it needs one")
    void handleArrays() {
        assertEquals(List.of(
                "t.scenario:1:13: {...} can only be an argument of WaitForMultipleObjects",
                "t.scenario:2:27: argument 2 of WaitForMultipleObjects (handles) takes an array of handles: {h1, h2, ...}"),
                problems("""
                        CloseHandle({4})
                        WaitForMultipleObjects(1, 4, FALSE, 0)
                        """));
    }

    @Test
    @DisplayName("a constant cannot be assigned, written through &, or used as a thread")
    void constantsAreNotVariables() {
        assertEquals(List.of(
                "t.scenario:1:1: 'TRUE' is a constant and cannot be assigned",
                "t.scenario:2:1: 'ERROR_SUCCESS' is a constant and cannot be assigned",
                "t.scenario:3:38: 'FALSE' is a constant and cannot be assigned",
                "t.scenario:4:2: 'NULL' is a constant, not a thread id variable"),
                problems("""
                        TRUE = 1
                        ERROR_SUCCESS = CloseHandle(4)
                        CreateThread(NULL, 0, NULL, NULL, 0, &FALSE)
                        @NULL: CloseHandle(4)
                        """));
    }

    @Test
    @DisplayName("every problem of the file is reported, in line order")
    void allProblemsReported() {
        List<String> problems = problems("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL) => valid
                CloseHandle(h, h)
                # a comment
                SetEvnt(h)
                INFINITE = 5
                """);
        assertEquals(List.of(
                "t.scenario:2:1: CloseHandle takes 1 argument, got 2: CloseHandle(h)",
                "t.scenario:4:1: unknown function 'SetEvnt'; did you mean 'SetEvent'?",
                "t.scenario:5:1: 'INFINITE' is a constant and cannot be assigned"), problems);
    }

    @Test
    @DisplayName("a parse error gives the line, the column and what was expected; no line runs")
    void parseError() {
        assertEquals(List.of("t.scenario:2:14: expected ')' or ',', found end of line"), problems("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL) => valid
                CloseHandle(h
                CloseHandle(h) => TRUE
                """));
        assertEquals(List.of("t.scenario:1:14: unterminated string literal"),
                problems("OpenEvent(1, \"Shared, FALSE)"));
        assertEquals(List.of("t.scenario:3:7: expected end of line (only a call can have an expectation), found '=>'"),
                problems("""
                        h = CreateEvent(NULL, TRUE, FALSE, NULL)
                        # fine so far
                        x = h => valid
                        """));
    }
}
