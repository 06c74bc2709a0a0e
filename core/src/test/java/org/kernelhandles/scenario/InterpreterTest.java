package org.kernelhandles.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.scenario.RunReport.Failure;
import org.kernelhandles.scenario.RunReport.LineRecord;

/**
 * The interpreter against the scenario contract: errors in the script fail their line and the run
 * goes on; expectations compare the result and the calling thread's last error right after the
 * call; out parameters, strings, threads and the values the contract defines.
 */
class InterpreterTest {

    private static RunReport run(String text) {
        RunReport report = new ScenarioRunner(Kernel.Config.DEFAULT).run("t.scenario", text);
        assertEquals(List.of(), report.problems(), "the file validates");
        return report;
    }

    private static void assertPasses(String text) {
        RunReport report = run(text);
        assertTrue(report.passed(), () -> ScenarioFilesTest.describe(report));
    }

    private static LineRecord line(RunReport report, int number) {
        return report.lines().stream().filter(l -> l.line() == number).findFirst().orElseThrow();
    }

    /** The value an out parameter or binding {@code name} got on {@code number}, as the trace shows it. */
    private static String output(RunReport report, int number, String name) {
        for (String o : line(report, number).outputs()) {
            if (o.startsWith(name + " = ")) {
                return o.substring(name.length() + 3);
            }
        }
        throw new AssertionError("no output " + name + " on line " + number);
    }

    private static Failure scriptError(int line, String text, String message) {
        return new Failure(line, text, "", "error: " + message);
    }

    // ---------------------------------------------------------------- errors in the script

    @Test
    @DisplayName("an unbound variable names itself; its line fails and later lines still run and pass")
    void unboundVariable() {
        RunReport report = run("""
                CloseHandle(nope)                                   => TRUE
                h = CreateEvent(NULL, TRUE, FALSE, NULL)            => valid
                SetEvent(h)                                         => TRUE
                h                                                   => alsoUnbound
                WaitForSingleObject(h, 0)                           => WAIT_OBJECT_0
                """);
        assertEquals(List.of(
                scriptError(1, "CloseHandle(nope)                                   => TRUE", "unbound variable 'nope'"),
                scriptError(4, "h                                                   => alsoUnbound",
                        "unbound variable 'alsoUnbound'")),
                report.failures());
        assertEquals(5, report.lines().size());
        assertEquals("unbound variable 'nope'", line(report, 1).error());
        assertNull(line(report, 1).result(), "the call was not made");
        assertEquals("WAIT_OBJECT_0", line(report, 5).result());
        assertNull(line(report, 5).error());
    }

    @Test
    @DisplayName("an unbound variable in a thread prefix, an expression, or an array")
    void unboundVariableElsewhere() {
        RunReport report = run("""
                @ghost: GetCurrentThreadId()
                x = missing | 1
                WaitForMultipleObjects(1, {absent}, FALSE, 0)
                GetCurrentProcess()                                 => -1
                """);
        assertEquals(List.of(
                scriptError(1, "@ghost: GetCurrentThreadId()", "unbound variable 'ghost'"),
                scriptError(2, "x = missing | 1", "unbound variable 'missing'"),
                scriptError(3, "WaitForMultipleObjects(1, {absent}, FALSE, 0)", "unbound variable 'absent'")),
                report.failures());
        assertEquals(4, report.lines().size());
    }

    @Test
    @DisplayName("a line addressed to an unknown thread id is an error")
    void unknownThreadId() {
        RunReport report = run("""
                tid = 12345
                @tid: GetCurrentThreadId()
                """);
        assertEquals(List.of(scriptError(2, "@tid: GetCurrentThreadId()", "no thread has id 12345 ('tid')")),
                report.failures());
    }

    @Test
    @DisplayName("a line addressed to a thread that has ended is an error (R4: it makes no more calls)")
    void endedThread() {
        RunReport report = run("""
                hT = CreateThread(NULL, 0, NULL, NULL, 0, &t)       => valid
                @t: ExitThread(3)
                @t: SetLastError(0)
                GetExitCodeThread(hT, &code)                        => TRUE
                code                                                => 3
                """);
        String tid = output(report, 1, "t");
        assertEquals(List.of(scriptError(3, "@t: SetLastError(0)", "thread t (tid " + tid + ") has ended")),
                report.failures());
        assertEquals(5, report.lines().size());
    }

    @Test
    @DisplayName("lines without a prefix fail once main has ended; other threads go on")
    void mainEnded() {
        RunReport report = run("""
                hT = CreateThread(NULL, 0, NULL, NULL, 0, &t)       => valid
                mainTid = GetCurrentThreadId()
                @main: ExitThread(0)
                GetCurrentThreadId()
                @main: GetCurrentThreadId()
                @t: GetCurrentThreadId()                            => t
                """);
        String mainTid = line(report, 2).result();
        assertEquals(List.of(
                scriptError(4, "GetCurrentThreadId()", "thread main (tid " + mainTid + ") has ended"),
                scriptError(5, "@main: GetCurrentThreadId()", "thread main (tid " + mainTid + ") has ended")),
                report.failures());
    }

    @Test
    @DisplayName("a string where a number is expected, and a number where a string is expected")
    void wrongValueKinds() {
        RunReport report = run("""
                s = "text"
                CloseHandle("text")                                 => FALSE
                CloseHandle(s)                                      => FALSE
                x = s | 1
                OpenEvent(SYNCHRONIZE, FALSE, 5)
                @s: GetCurrentThreadId()
                WaitForMultipleObjects(1, {s}, FALSE, 0)
                """);
        assertEquals(List.of(
                scriptError(2, "CloseHandle(\"text\")                                 => FALSE",
                        "argument 1 of CloseHandle (h) takes a number, got the string \"text\""),
                scriptError(3, "CloseHandle(s)                                      => FALSE",
                        "argument 1 of CloseHandle (h) takes a number, got the string \"text\""),
                scriptError(4, "x = s | 1", "'|' takes numbers, not strings"),
                scriptError(5, "OpenEvent(SYNCHRONIZE, FALSE, 5)",
                        "argument 3 of OpenEvent (name) takes a string or NULL, got 5"),
                scriptError(6, "@s: GetCurrentThreadId()", "'s' holds a string, not a thread id"),
                scriptError(7, "WaitForMultipleObjects(1, {s}, FALSE, 0)",
                        "argument 2 of WaitForMultipleObjects (handles) takes a number, got the string \"text\"")),
                report.failures());
    }

    // ---------------------------------------------------------------- expectations

    @Test
    @DisplayName("a failed expectation shows what was expected and what happened, and the run goes on")
    void failedExpectation() {
        RunReport report = run("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)            => valid
                other = 0x8
                SetEvent(h)                                         => FALSE
                SetEvent(0x12340)                                   => TRUE
                SetEvent(h)                                         => TRUE, ERROR_ACCESS_DENIED
                WaitForSingleObject(h, 0)                           => WAIT_TIMEOUT
                h                                                   => 0x8
                h                                                   => other
                CloseHandle(h)                                      => TRUE
                """);
        assertEquals(List.of(
                new Failure(3, "SetEvent(h)                                         => FALSE", "FALSE", "TRUE"),
                new Failure(4, "SetEvent(0x12340)                                   => TRUE", "TRUE",
                        "FALSE, ERROR_INVALID_HANDLE"),
                new Failure(5, "SetEvent(h)                                         => TRUE, ERROR_ACCESS_DENIED",
                        "TRUE, ERROR_ACCESS_DENIED", "TRUE, ERROR_INVALID_HANDLE"),
                new Failure(6, "WaitForSingleObject(h, 0)                           => WAIT_TIMEOUT",
                        "WAIT_TIMEOUT", "WAIT_OBJECT_0"),
                new Failure(7, "h                                                   => 0x8", "0x8", "0x4"),
                new Failure(8, "h                                                   => other", "other  (0x8)", "0x4")),
                report.failures());
        assertEquals(9, report.lines().size());
    }

    @Test
    @DisplayName("=> value, ERROR_X compares GetLastError() of the calling thread right after the call")
    void lastErrorIsTheCallersRightAfterTheCall() {
        assertPasses("""
                hT = CreateThread(NULL, 0, NULL, NULL, 0, &t)                           => valid
                SetLastError(ERROR_ACCESS_DENIED)
                # the failure on t sets t's last error, not main's
                @t: CloseHandle(0x12340)                                                => FALSE, ERROR_INVALID_HANDLE
                GetLastError()                                                          => ERROR_ACCESS_DENIED
                @t: GetLastError()                                                      => ERROR_INVALID_HANDLE
                # evaluating the expectation (a failing query) does not change what is compared
                SetLastError(0)
                h = CreateEvent(NULL, TRUE, FALSE, NULL)                                => QueryHandleCount(0x12340) + 0x8, ERROR_SUCCESS
                GetLastError()                                                          => ERROR_INVALID_HANDLE
                # a check of a variable compares the thread's current last error
                x = 5
                x                                                                       => 5, ERROR_INVALID_HANDLE
                @t: x                                                                   => 5, ERROR_INVALID_HANDLE
                @main: CloseHandle(h)                                                   => TRUE
                """);
    }

    @Test
    @DisplayName("=> valid: neither 0 nor -1, with an optional last error, on calls and on variables")
    void expectValid() {
        assertPasses("""
                a = CreateEvent(NULL, TRUE, FALSE, "n")                                 => valid, ERROR_SUCCESS
                b = CreateEvent(NULL, TRUE, FALSE, "n")                                 => valid, ERROR_ALREADY_EXISTS
                a                                                                       => valid
                b                                                                       => valid, ERROR_ALREADY_EXISTS
                """);
        RunReport report = run("""
                h = OpenEvent(SYNCHRONIZE, FALSE, "missing")                            => valid
                h                                                                       => valid
                f = CreateFile("C:\\\\none", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL) => valid
                f                                                                       => valid
                a = CreateEvent(NULL, TRUE, FALSE, NULL)                                => valid, ERROR_ALREADY_EXISTS
                """);
        List<Failure> failures = report.failures();
        assertEquals(5, failures.size());
        assertEquals(List.of("valid", "valid", "valid", "valid", "valid, ERROR_ALREADY_EXISTS"),
                failures.stream().map(Failure::expected).toList());
        assertEquals(List.of("NULL, ERROR_FILE_NOT_FOUND", "NULL", "INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND",
                "-1", "0x4, ERROR_SUCCESS"), failures.stream().map(Failure::actual).toList());
    }

    @Test
    @DisplayName("sums and ors in expressions: WAIT_OBJECT_0 + 1, flag | flag")
    void expressions() {
        assertPasses("""
                a = CreateEvent(NULL, TRUE, FALSE, NULL)                                => valid
                b = CreateEvent(NULL, TRUE, TRUE, NULL)                                 => valid
                WaitForMultipleObjects(2, {a, b}, FALSE, 0)                             => WAIT_OBJECT_0 + 1
                WaitForMultipleObjects(2, {a, b}, FALSE, 0)                             => 1
                SetHandleInformation(a, HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE, 3) => TRUE
                GetHandleInformation(a, &flags)                                         => TRUE
                flags                                                                   => HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE
                flags                                                                   => 1 + 2
                x = a + 4
                x                                                                       => b
                y = 0x10 | 0x1 + 0x1
                y                                                                       => 0x12
                """);
    }

    @Test
    @DisplayName("the contract's values: TRUE, FALSE, NULL, INFINITE, INVALID_HANDLE_VALUE, 32-bit results")
    void contractValues() {
        assertPasses("""
                x = TRUE
                x                                                                       => 1
                x = FALSE
                x                                                                       => 0
                x = NULL
                x                                                                       => 0
                x = INFINITE
                x                                                                       => 0xFFFFFFFF
                x = INVALID_HANDLE_VALUE
                x                                                                       => -1
                x = WAIT_FAILED
                # a DWORD result compares with -1 as C would see it
                x                                                                       => -1
                GetCurrentProcess()                                                     => INVALID_HANDLE_VALUE
                CreateFile("C:\\\\none", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL)    => INVALID_HANDLE_VALUE, ERROR_FILE_NOT_FOUND
                CreateFile("C:\\\\none", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL)    => -1, ERROR_FILE_NOT_FOUND
                """);
    }

    // ---------------------------------------------------------------- threads

    @Test
    @DisplayName("@main: names the first thread; @T: runs on T, and GetCurrentThread/Process mean T's own")
    void threadPrefixes() {
        assertPasses("""
                mainTid = GetCurrentThreadId()
                @main: GetCurrentThreadId()                                             => mainTid
                CreateProcess("c.exe", FALSE, &hP, &hT, &pid, &tid)                     => TRUE
                @tid: GetCurrentThreadId()                                              => tid
                @tid: GetCurrentProcessId()                                             => pid
                @tid: GetThreadId(GetCurrentThread())                                   => tid
                @tid: me = GetCurrentThreadId()
                @me: GetCurrentProcessId()                                              => pid
                @main: GetCurrentProcessId()                                            => GetProcessId(GetCurrentProcess())
                """);
    }

    // ---------------------------------------------------------------- out parameters and strings

    @Test
    @DisplayName("&name binds a new variable; NULL out parameters are accepted everywhere")
    void outParameters() {
        assertPasses("""
                hT = CreateThread(NULL, 0, NULL, NULL, 0, NULL)                         => valid
                CreateProcess("c.exe", FALSE, NULL, NULL, NULL, NULL)                   => TRUE
                GetExitCodeThread(hT, NULL)                                             => TRUE
                GetExitCodeProcess(GetCurrentProcess(), NULL)                           => TRUE
                GetHandleInformation(hT, NULL)                                          => TRUE
                DuplicateHandle(GetCurrentProcess(), hT, GetCurrentProcess(), NULL, 0, FALSE, DUPLICATE_SAME_ACCESS) => TRUE
                QueryHandleCount(hT)                                                    => 2
                NtDuplicateObject(GetCurrentProcess(), hT, GetCurrentProcess(), NULL, 0, 0, DUPLICATE_SAME_ACCESS) => STATUS_SUCCESS
                s = CreateSemaphore(NULL, 0, 2, NULL)                                   => valid
                ReleaseSemaphore(s, 1, NULL)                                            => TRUE
                f = CreateFile("\\\\\\\\.\\\\Echo", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL) => valid
                WriteFile(f, "abc", 3, NULL, NULL)                                      => TRUE
                ReadFile(f, NULL, 1, NULL, NULL)                                        => TRUE
                DeviceIoControl(f, IOCTL_ECHO_OBJECT_ID, NULL, 0, NULL, 8, NULL, NULL)  => TRUE
                ReadFile(f, &data, 5, &read, NULL)                                      => TRUE
                data                                                                    => "bc"
                read                                                                    => 2
                """);
    }

    @Test
    @DisplayName("&name is the variable's address: a call that writes nothing leaves it as it was")
    void outParameterUnwritten() {
        assertPasses("""
                code = 42
                GetExitCodeThread(0x12340, &code)                                       => FALSE, ERROR_INVALID_HANDLE
                code                                                                    => 42
                previous = 7
                ReleaseSemaphore(0x12340, 1, &previous)                                 => FALSE, ERROR_INVALID_HANDLE
                previous                                                                => 7
                # ... while DuplicateHandle zeroes *lpTarget on failure (R18)
                out = 0x44
                DuplicateHandle(GetCurrentProcess(), 0x12340, GetCurrentProcess(), &out, 0, FALSE, DUPLICATE_SAME_ACCESS) => FALSE, ERROR_INVALID_HANDLE
                out                                                                     => 0
                # a new variable written by nothing is bound to 0
                GetExitCodeThread(0x12340, &fresh)                                      => FALSE
                fresh                                                                   => 0
                """);
    }

    @Test
    @DisplayName("ReadFile's buffer receives a string; expectations compare it with string literals")
    void readFileStrings() {
        RunReport report = run("""
                f = CreateFile("C:\\\\s.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL) => valid
                WriteFile(f, "say \\"hi\\"\\n\\tok", 12, &written, NULL)                  => TRUE
                SetFilePointer(f, 0, NULL, FILE_BEGIN)                                  => 0
                ReadFile(f, &data, 100, &read, NULL)                                    => TRUE
                data                                                                    => "say \\"hi\\"\\n\\tok"
                read                                                                    => 12
                data                                                                    => "something else"
                data                                                                    => 12
                copy = data
                copy                                                                    => "say \\"hi\\"\\n\\tok"
                """);
        assertEquals(List.of(
                new Failure(7, "data                                                                    => \"something else\"",
                        "\"something else\"", "\"say \\\"hi\\\"\\n\\tok\""),
                new Failure(8, "data                                                                    => 12",
                        "12", "\"say \\\"hi\\\"\\n\\tok\"")),
                report.failures());
        assertEquals(List.of("data = \"say \\\"hi\\\"\\n\\tok\"", "read = 12"), line(report, 4).outputs());
    }

    @Test
    @DisplayName("an NTSTATUS is its own report: a failed Nt call shows no last error")
    void ntCallsShowNoLastError() {
        RunReport report = run("""
                NtClose(0x12340)                                                        => STATUS_INVALID_HANDLE
                NtClose(0x12340)                                                        => STATUS_SUCCESS
                CloseHandle(0x12340)                                                    => FALSE
                """);
        assertEquals("STATUS_INVALID_HANDLE", line(report, 1).result());
        assertNull(line(report, 1).lastError());
        assertEquals(List.of(new Failure(2,
                "NtClose(0x12340)                                                        => STATUS_SUCCESS",
                "STATUS_SUCCESS", "STATUS_INVALID_HANDLE")), report.failures());
        assertEquals("ERROR_INVALID_HANDLE", line(report, 3).lastError());
    }

    @Test
    @DisplayName("R34/R35: a wait that blocks parks its thread; a line addressed to it is an error naming the wait; "
            + "it completes at the line that signals it, where its expectation is checked")
    void blockingWaitParksItsThread() {
        RunReport report = run("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)                                => valid
                CreateThread(NULL, 0, NULL, NULL, 0, &tid)                              => valid
                @tid: r = WaitForSingleObject(h, INFINITE)                              => WAIT_OBJECT_0
                @tid: SetEvent(h)                                                       => TRUE
                SetEvent(h)                                                             => TRUE
                r                                                                       => WAIT_OBJECT_0
                """);
        assertEquals(1, report.failures().size(), report.failures().toString());
        Failure f = report.failures().get(0);
        assertEquals(4, f.line());
        assertTrue(f.actual().matches("error: thread tid \\(tid \\d+\\) is blocked in the wait at line 3: .*"),
                f.actual());
        assertEquals("(blocked)", line(report, 3).result());
        assertTrue(line(report, 5).effects().stream()
                .anyMatch(e -> e.matches("~ the wait of line 3 on thread tid \\(tid \\d+\\) returns WAIT_OBJECT_0")),
                line(report, 5).effects().toString());
        assertEquals("0", line(report, 6).result());
    }
}
