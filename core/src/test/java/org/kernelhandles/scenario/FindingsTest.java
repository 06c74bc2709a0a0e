package org.kernelhandles.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.scenario.RunReport.Failure;
import org.kernelhandles.scenario.RunReport.Finding;

/**
 * The verifier's findings in scenarios (R40, R41, issue 4): every kind, each with the line, the
 * related lines, the handle, the variable and the message exactly; none where nothing is wrong;
 * and {@code --strict} stopping only the thread that made the bad use.
 */
class FindingsTest {

    private static RunReport run(String text) {
        return run(text, false);
    }

    private static RunReport run(String text, boolean strict) {
        RunReport report = new ScenarioRunner(Kernel.Config.DEFAULT, strict).run("t.scenario", text);
        assertEquals(List.of(), report.problems(), "the file validates");
        return report;
    }

    /** Runs {@code text}, requires its expectations to hold, and returns its findings. */
    private static List<Finding> findings(String text) {
        RunReport report = run(text);
        assertTrue(report.passed(), () -> ScenarioFilesTest.describe(report));
        return report.findings();
    }

    private static Finding finding(String kind, int line, List<Integer> related, long handle, String variable,
            String message) {
        return new Finding(kind, line, related, "main.exe", handle, variable, message);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FindingsTest.class.getResourceAsStream("/findings/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code ../../shared/conformance} from {@code core/} (Maven), or {@code ../shared/conformance}; null when absent. */
    private static String conformance(String name) throws IOException {
        String property = System.getProperty("kh.conformance.dir");
        List<Path> dirs = property != null ? List.of(Path.of(property))
                : List.of(Path.of("../../shared/conformance"), Path.of("../shared/conformance"));
        for (Path dir : dirs) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return Files.readString(dir.resolve(name));
            }
        }
        assumeTrue(false, "no conformance folder with " + name);
        return null;
    }

    @Test
    @DisplayName("R41: a stale source handle of another process, duplicated out of it, is a USE_AFTER_CLOSE in that process")
    void staleSourceInAnotherProcess() {
        List<Finding> found = findings("""
                CreateProcess("child.exe", FALSE, &hp, &ht, &pid, &tid)                     => TRUE
                @tid: e = CreateEvent(NULL, TRUE, FALSE, NULL)                              => 0x4
                @tid: CloseHandle(e)                                                        => TRUE
                DuplicateHandle(hp, 0x4, GetCurrentProcess(), &out, 0, FALSE, DUPLICATE_SAME_ACCESS) => FALSE, ERROR_INVALID_HANDLE
                @tid: ExitProcess(0)
                CloseHandle(hp)                                                             => TRUE
                CloseHandle(ht)                                                             => TRUE
                """);
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals("USE_AFTER_CLOSE", f.kind());
        assertEquals("child.exe", f.process());
        assertEquals(4, f.line());
        assertEquals(List.of(3), f.related());
    }

    // ---------------------------------------------------------------- LEAK

    @Test
    @DisplayName("LEAK at the end of the run names the creating line and the variable")
    void leakAtEnd() {
        assertEquals(List.of(finding("LEAK", 1, List.of(), 0x4, "h",
                "0x4 (Event#3), made at line 1, is still open in main.exe")), findings("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)         => valid
                SetEvent(h)                                      => TRUE
                """));
    }

    @Test
    @DisplayName("R25 LEAK of a duplicate whose out value was dropped: no variable holds it")
    void leakOfDroppedDuplicate() {
        assertEquals(List.of(finding("LEAK", 2, List.of(), 0x8, null,
                "0x8 (Event#3), made at line 2, is still open in main.exe")), findings("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)                                                => valid
                DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), NULL, 0, FALSE, DUPLICATE_SAME_ACCESS) => TRUE
                CloseHandle(h)                                                                          => TRUE
                """));
    }

    @Test
    @DisplayName("R17 LEAK at process exit names where the handle was made and the exit line, in the child")
    void leakAtProcessExit() {
        List<Finding> f = findings("""
                CreateProcess("child.exe", FALSE, &hp, &ht, &pid, &tid)   => TRUE
                @tid: e = CreateEvent(NULL, TRUE, FALSE, NULL)            => valid
                @tid: ExitProcess(7)
                CloseHandle(hp)                                           => TRUE
                CloseHandle(ht)                                           => TRUE
                """);
        assertEquals(List.of(new Finding("LEAK", 2, List.of(3), "child.exe", 0x4, "e",
                "0x4 (Event#5), made at line 2, was still open when child.exe exited at line 3")), f);
    }

    @Test
    @DisplayName("a leak at a child's exit is attributed to the child's variable, not a parent's at the same value")
    void leakAttributedToItsOwnProcess() {
        // Both the parent's hp and the child's e are 0x4: the child's leak is e's (it was hp's before the fix).
        List<Finding> f = findings("""
                CreateProcess("child.exe", FALSE, &hp, &ht, &pid, &tid)   => TRUE
                @tid: e = CreateEvent(NULL, TRUE, FALSE, NULL)            => hp
                @tid: ExitProcess(0)
                """);
        assertEquals(List.of(
                new Finding("LEAK", 2, List.of(3), "child.exe", 0x4, "e",
                        "0x4 (Event#5), made at line 2, was still open when child.exe exited at line 3"),
                finding("LEAK", 1, List.of(), 0x4, "hp",
                        "0x4 (Process#3 (child.exe, pid 264)), made at line 1, is still open in main.exe"),
                finding("LEAK", 1, List.of(), 0x8, "ht",
                        "0x8 (Thread#4 (tid 268 of child.exe)), made at line 1, is still open in main.exe")), f);
    }

    @Test
    @DisplayName("an inherited copy leaked at the child's exit names the inheriting line and the parent's variable")
    void inheritedLeakAtExit() {
        List<Finding> f = findings("""
                h = CreateEvent(SA_INHERIT, TRUE, FALSE, NULL)            => valid
                CreateProcess("child.exe", TRUE, &hp, &ht, &pid, &tid)    => TRUE
                @tid: ExitProcess(0)
                CloseHandle(hp)                                           => TRUE
                CloseHandle(ht)                                           => TRUE
                CloseHandle(h)                                            => TRUE
                """);
        assertEquals(List.of(new Finding("LEAK", 2, List.of(3), "child.exe", 0x4, "h",
                "0x4 (Event#3), made at line 2, was still open when child.exe exited at line 3")), f);
    }

    // ---------------------------------------------------------------- closes and uses of closed values

    @Test
    @DisplayName("DOUBLE_CLOSE names the first close")
    void doubleClose() {
        assertEquals(List.of(finding("DOUBLE_CLOSE", 4, List.of(3), 0x4, "copy",
                "0x4 closed again after it was closed at line 3 (it named Event#3, made at line 1)")), findings("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)         => valid
                copy = h
                CloseHandle(h)                                   => TRUE
                CloseHandle(copy)                                => FALSE, ERROR_INVALID_HANDLE
                """));
    }

    @Test
    @DisplayName("USE_AFTER_CLOSE names the close")
    void useAfterClose() {
        assertEquals(List.of(finding("USE_AFTER_CLOSE", 3, List.of(2), 0x4, "h",
                "0x4 used after it was closed at line 2 (it named Event#3, made at line 1)")), findings("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)         => valid
                CloseHandle(h)                                   => TRUE
                WaitForSingleObject(h, 0)                        => WAIT_FAILED, ERROR_INVALID_HANDLE
                """));
    }

    @Test
    @DisplayName("R20 a handle closed by DUPLICATE_CLOSE_SOURCE and then used: USE_AFTER_CLOSE naming the duplicate line")
    void useAfterCloseSource() {
        List<Finding> f = findings("""
                CreateProcess("child.exe", FALSE, &hp, &ht, &pid, &tid)   => TRUE
                h = CreateEvent(NULL, TRUE, FALSE, NULL)                  => valid
                DuplicateHandle(GetCurrentProcess(), h, hp, &inChild, 0, FALSE, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE) => TRUE
                SetEvent(h)                                               => FALSE, ERROR_INVALID_HANDLE
                @tid: CloseHandle(inChild)                                => TRUE
                @tid: ExitProcess(0)
                CloseHandle(hp)                                           => TRUE
                CloseHandle(ht)                                           => TRUE
                """);
        assertEquals(List.of(finding("USE_AFTER_CLOSE", 4, List.of(3), 0xC, "h",
                "0xC used after it was closed at line 3 (it named Event#5, made at line 2)")), f);
    }

    @Test
    @DisplayName("R21 a same-process close-source duplicate gets the source's value back: using the source is a RECYCLED_USE of the same object")
    void closeSourceSameValue() {
        List<Finding> f = findings("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)                  => valid
                DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, FALSE, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE) => TRUE
                d                                                         => h
                SetEvent(h)                                               => TRUE
                CloseHandle(d)                                            => TRUE
                """);
        assertEquals(List.of(finding("RECYCLED_USE", 4, List.of(2, 2), 0x4, "h",
                "h = 0x4 used after its handle was closed at line 2; the value now names the same object, Event#3, "
                        + "through another handle, made at line 2")), f);
    }

    // ---------------------------------------------------------------- recycled values (R39)

    @Test
    @DisplayName("issue 4 must-show 2: RECYCLED_USE of a stale copy through Echo names the close and the new occupant's line; "
            + "the stale close is reported once; the fresh copy is never flagged")
    void recycledUseThroughEcho() throws IOException {
        RunReport report = run(resource("recycled-echo.scenario"));
        assertTrue(report.passed(), () -> ScenarioFilesTest.describe(report));
        assertEquals(List.of(
                finding("RECYCLED_USE", 8, List.of(5, 6), 0x4, "stale",
                        "stale = 0x4 used after its handle was closed at line 5; the value now names File#4 \"\\\\.\\Echo\", "
                                + "made at line 6"),
                finding("RECYCLED_USE", 11, List.of(5, 6), 0x4, "stale",
                        "stale = 0x4 closed after its handle was closed at line 5; the value now names File#4 \"\\\\.\\Echo\", "
                                + "made at line 6, and this closes that handle instead"),
                finding("USE_AFTER_CLOSE", 12, List.of(11), 0x4, "theirs",
                        "0x4 used after it was closed at line 11 (it named File#4 \"\\\\.\\Echo\", made at line 6)")),
                report.findings());
    }

    @Test
    @DisplayName("a stale copy that hits an object of another type is one RECYCLED_USE, not also a WRONG_TYPE")
    void recycledUseReportedOnce() {
        List<Finding> f = findings("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)                  => valid
                stale = h
                CloseHandle(h)                                            => TRUE
                s = CreateSemaphore(NULL, 0, 1, NULL)                     => stale
                SetEvent(stale)                                           => FALSE, ERROR_INVALID_HANDLE
                CloseHandle(s)                                            => TRUE
                """);
        assertEquals(List.of(finding("RECYCLED_USE", 5, List.of(3, 4), 0x4, "stale",
                "stale = 0x4 used after its handle was closed at line 3; the value now names Semaphore#4, made at line 4")),
                f);
    }

    @Test
    @DisplayName("a stale copy in a WaitForMultipleObjects array is checked like any handle argument")
    void recycledUseInHandleArray() {
        List<Finding> f = findings("""
                h = CreateEvent(NULL, TRUE, TRUE, NULL)                   => valid
                stale = h
                CloseHandle(h)                                            => TRUE
                theirs = CreateEvent(NULL, TRUE, TRUE, NULL)              => stale
                WaitForMultipleObjects(1, {stale}, FALSE, 0)              => WAIT_OBJECT_0
                WaitForMultipleObjects(1, {theirs}, FALSE, 0)             => WAIT_OBJECT_0
                CloseHandle(theirs)                                       => TRUE
                """);
        assertEquals(List.of(finding("RECYCLED_USE", 5, List.of(3, 4), 0x4, "stale",
                "stale = 0x4 used after its handle was closed at line 3; the value now names Event#4, made at line 4")), f);
    }

    // ---------------------------------------------------------------- protected, type, access, invalid

    @Test
    @DisplayName("R15 PROTECTED_CLOSE names where the handle was made")
    void protectedClose() {
        assertEquals(List.of(finding("PROTECTED_CLOSE", 3, List.of(1), 0x4, "h",
                "close of protected handle 0x4 (Event#3), made at line 1: it stays open")), findings("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)                                            => valid
                SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE) => TRUE
                CloseHandle(h)                                                                      => FALSE, ERROR_INVALID_HANDLE
                SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0)                          => TRUE
                CloseHandle(h)                                                                      => TRUE
                """));
    }

    @Test
    @DisplayName("R33 WRONG_TYPE names where the handle was made")
    void wrongType() {
        assertEquals(List.of(finding("WRONG_TYPE", 2, List.of(1), 0x4, "h",
                "wrong type: 0x4 names Event#3, made at line 1")), findings("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)         => valid
                ReleaseSemaphore(h, 1, NULL)                     => FALSE, ERROR_INVALID_HANDLE
                CloseHandle(h)                                   => TRUE
                """));
    }

    @Test
    @DisplayName("R32 ACCESS_DENIED names where the handle was made")
    void accessDenied() {
        assertEquals(List.of(finding("ACCESS_DENIED", 3, List.of(2), 0x8, "weak",
                "access denied: 0x8 (Event#3), made at line 2, was not granted the access the call needs")), findings("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)                                        => valid
                DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &weak, SYNCHRONIZE, FALSE, 0) => TRUE
                SetEvent(weak)                                                                  => FALSE, ERROR_ACCESS_DENIED
                CloseHandle(weak)                                                               => TRUE
                CloseHandle(h)                                                                  => TRUE
                """));
    }

    @Test
    @DisplayName("R14 INVALID_HANDLE: a value that never named a handle of the process")
    void invalidHandle() {
        assertEquals(List.of(
                finding("INVALID_HANDLE", 2, List.of(), 0x40, "v", "0x40 never named a handle of main.exe"),
                finding("INVALID_HANDLE", 3, List.of(), 0x0, null, "0x0 never named a handle of main.exe")), findings("""
                v = 0x40
                SetEvent(v)                                      => FALSE, ERROR_INVALID_HANDLE
                CloseHandle(NULL)                                => FALSE, ERROR_INVALID_HANDLE
                """));
    }

    @Test
    @DisplayName("R11 pseudo handles: closing one is no finding; a wrong-type use keeps its value -1")
    void pseudoHandles() {
        assertEquals(List.of(finding("WRONG_TYPE", 2, List.of(), -1, null,
                "wrong type: GetCurrentProcess() (-1) names Process#1 (main.exe, pid 256)")), findings("""
                CloseHandle(GetCurrentProcess())                 => TRUE
                SetEvent(GetCurrentProcess())                    => FALSE, ERROR_INVALID_HANDLE
                WaitForSingleObject(GetCurrentThread(), 0)       => WAIT_TIMEOUT
                CloseHandle(GetCurrentThread())                  => TRUE
                """));
    }

    // ---------------------------------------------------------------- nothing wrong, nothing found

    @Test
    @DisplayName("a fresh copy of a reused value is not flagged, nor is a value rebound by its own out parameter")
    void freshCopyNotFlagged() {
        assertEquals(List.of(), findings("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)         => valid
                CloseHandle(h)                                   => TRUE
                theirs = CreateEvent(NULL, TRUE, FALSE, NULL)    => h
                mine = theirs
                SetEvent(theirs)                                 => TRUE
                SetEvent(mine)                                   => TRUE
                DuplicateHandle(GetCurrentProcess(), theirs, GetCurrentProcess(), &theirs, 0, FALSE, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE) => TRUE
                SetEvent(theirs)                                 => TRUE
                CloseHandle(theirs)                              => TRUE
                """));
    }

    @Test
    @DisplayName("issue 4 must-show 1: makefred-right.scenario has no finding")
    void makeFredRight() throws IOException {
        assertEquals(List.of(), findings(conformance("makefred-right.scenario")));
    }

    @Test
    @DisplayName("issue 4 must-show 1: makefred-wrong.scenario has two LEAKs (hDup1, hDup2) and a DOUBLE_CLOSE naming the first close")
    void makeFredWrong() throws IOException {
        List<Finding> f = findings(conformance("makefred-wrong.scenario"));
        assertEquals(List.of(
                finding("USE_AFTER_CLOSE", 18, List.of(17), 0x4, "h",
                        "0x4 used after it was closed at line 17 (it named Event#3, made at line 3)"),
                finding("DOUBLE_CLOSE", 20, List.of(17), 0x4, "fred2",
                        "0x4 closed again after it was closed at line 17 (it named Event#3, made at line 3)"),
                finding("LEAK", 6, List.of(), 0x8, "hDup1", "0x8 (Event#3), made at line 6, is still open in main.exe"),
                finding("LEAK", 9, List.of(), 0xC, "hDup2", "0xC (Event#3), made at line 9, is still open in main.exe")),
                f);
    }

    // ---------------------------------------------------------------- --strict

    @Test
    @DisplayName("R40 --strict: the bad use stops its thread with the finding; its later lines are errors; other threads go on")
    void strict() {
        RunReport report = run("""
                h = CreateEvent(NULL, TRUE, FALSE, NULL)                  => valid
                ht = CreateThread(NULL, 0, NULL, NULL, 0, &tid)           => valid
                @tid: CloseHandle(h)                                      => TRUE
                @tid: SetEvent(h)                                         => FALSE, ERROR_INVALID_HANDLE
                @tid: SetEvent(h)                                         => FALSE, ERROR_INVALID_HANDLE
                x = CreateEvent(NULL, TRUE, FALSE, NULL)                  => valid
                WaitForSingleObject(ht, 0)                                => WAIT_OBJECT_0
                GetExitCodeThread(ht, &code)                              => TRUE
                code                                                      => STATUS_INVALID_HANDLE
                CloseHandle(ht)                                           => TRUE
                CloseHandle(x)                                            => TRUE
                """, true);
        String message = "0x4 used after it was closed at line 3 (it named Event#3, made at line 1)";
        assertEquals(List.of(finding("USE_AFTER_CLOSE", 4, List.of(3), 0x4, "h", message)), report.findings());
        assertEquals(List.of(
                new Failure(4, "@tid: SetEvent(h)                                         => FALSE, ERROR_INVALID_HANDLE", "",
                        "error: strict handle checks stopped thread tid (tid 264): " + message),
                new Failure(5, "@tid: SetEvent(h)                                         => FALSE, ERROR_INVALID_HANDLE", "",
                        "error: thread tid (tid 264) has ended")), report.failures());
        RunReport.LineRecord line4 = report.lines().stream().filter(l -> l.line() == 4).findFirst().orElseThrow();
        assertEquals("strict handle checks stopped thread tid (tid 264): " + message, line4.error());
    }

    @Test
    @DisplayName("R40 --strict: a stale copy is stopped before the call reaches the value's new occupant")
    void strictStopsRecycledUse() throws IOException {
        RunReport report = run(resource("recycled-echo.scenario"), true);
        Finding first = report.findings().get(0);
        assertEquals(finding("RECYCLED_USE", 8, List.of(5, 6), 0x4, "stale",
                "stale = 0x4 used after its handle was closed at line 5; the value now names File#4 \"\\\\.\\Echo\", "
                        + "made at line 6"), first);
        assertEquals(List.of(8, 9, 10, 11, 12), report.failures().stream().map(Failure::line).toList(),
                "main stopped at line 8: reached was never written (line 9), and every later line is an error");
    }
}
