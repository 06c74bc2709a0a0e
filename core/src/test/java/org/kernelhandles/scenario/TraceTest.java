package org.kernelhandles.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.scenario.RunReport.LineRecord;
import org.kernelhandles.scenario.RunReport.OpenHandle;

/**
 * What {@code kh run} prints comes from the report's line records: the call with its arguments
 * resolved, the result, the last error where the call failed, out parameters, and the effects on
 * handles and objects (created or closed with their values, counts after the call, names removed,
 * objects deleted, values reused naming what they named before and the line that closed it).
 * Object numbers are read through {@code QueryObjectId} so that the tests do not depend on them.
 */
class TraceTest {

    private static final String SCRIPT = """
            h = CreateEvent(NULL, TRUE, FALSE, "Named")                                   => valid
            ev = QueryObjectId(h)
            DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, TRUE, DUPLICATE_SAME_ACCESS) => TRUE
            CloseHandle(d)                                                                => TRUE
            CloseHandle(h)                                                                => TRUE
            m = CreateMutex(NULL, FALSE, NULL)                                            => valid
            mu = QueryObjectId(m)
            CloseHandle(h)                                                                => TRUE
            CloseHandle(h)                                                                => FALSE, ERROR_INVALID_HANDLE
            CreateProcess("c.exe", FALSE, &hP, &hT, &pid, &tid)                           => TRUE
            pr = QueryObjectId(hP)
            th = QueryObjectId(hT)
            @tid: e = CreateEvent(NULL, FALSE, FALSE, NULL)                               => valid
            @tid: ce = QueryObjectId(e)
            @tid: ExitThread(4)
            """;

    private static final RunReport REPORT = new ScenarioRunner(Kernel.Config.DEFAULT).run("t.scenario", SCRIPT);

    private static LineRecord line(int number) {
        return REPORT.lines().stream().filter(l -> l.line() == number).findFirst().orElseThrow();
    }

    private static String result(int number) {
        return line(number).result();
    }

    @Test
    void theScriptPasses() {
        assertTrue(REPORT.passed(), () -> ScenarioFilesTest.describe(REPORT));
        assertEquals(15, REPORT.lines().size());
    }

    @Test
    @DisplayName("a create: the call resolved, its result, the new handle with its value and access, the counts")
    void create() {
        LineRecord l = line(1);
        assertEquals("main (tid " + mainTid() + ")", l.thread());
        assertEquals("CreateEvent(NULL, TRUE, FALSE, \"Named\")", l.call());
        assertEquals("0x4", l.result());
        assertNull(l.lastError());
        assertEquals(List.of(), l.outputs());
        String event = "Event#" + result(2) + " \"Named\"";
        assertEquals(List.of(
                "+ main.exe 0x4 -> " + event + " (created, access 0x1F0003)",
                "  " + event + ": handles 1, pointers 1"), l.effects());
    }

    @Test
    @DisplayName("R26: a duplicate: a new value, its flags, the out parameter, one more handle and pointer")
    void duplicate() {
        LineRecord l = line(3);
        assertEquals("DuplicateHandle(-1, 0x4, -1, &d, 0x0, TRUE, DUPLICATE_SAME_ACCESS)", l.call());
        assertEquals("TRUE", l.result());
        assertEquals(List.of("d = 0x8"), l.outputs());
        String event = "Event#" + result(2) + " \"Named\"";
        assertEquals(List.of(
                "+ main.exe 0x8 -> " + event + " (duplicated, access 0x1F0003, flags 1)",
                "  " + event + ": handles 2, pointers 2"), l.effects());
    }

    @Test
    @DisplayName("R16: a close: the value closed and the counts after it")
    void close() {
        String event = "Event#" + result(2) + " \"Named\"";
        assertEquals(List.of(
                "- main.exe 0x8 -> " + event + " (closed)",
                "  " + event + ": handles 1, pointers 1"), line(4).effects());
    }

    @Test
    @DisplayName("R2, R3: the last close: the name removed, then the object deleted, no counts")
    void lastClose() {
        String event = "Event#" + result(2) + " \"Named\"";
        assertEquals(List.of(
                "- main.exe 0x4 -> " + event + " (closed)",
                "  name \"Named\" removed from the namespace",
                "x " + event + " deleted"), line(5).effects());
    }

    @Test
    @DisplayName("R8: a reused value names what it named before and the line that closed it")
    void valueReused() {
        String event = "Event#" + result(2) + " \"Named\"";
        String mutant = "Mutant#" + result(7);
        assertEquals(List.of(
                "+ main.exe 0x4 -> " + mutant + " (created, access 0x1F0001)",
                "! value 0x4 reused: it named " + event + " until line 5",
                "  " + mutant + ": handles 1, pointers 1"), line(6).effects());
    }

    @Test
    @DisplayName("the story: a stale close succeeds and the trace shows whose object it closed")
    void staleClose() {
        String mutant = "Mutant#" + result(7);
        assertEquals("CloseHandle(0x4)", line(8).call());
        assertEquals("TRUE", line(8).result());
        assertEquals(List.of(
                "- main.exe 0x4 -> " + mutant + " (closed)",
                "x " + mutant + " deleted"), line(8).effects());
    }

    @Test
    @DisplayName("R14: a failed call: its last error, and no effects")
    void failedCall() {
        LineRecord l = line(9);
        assertEquals("FALSE", l.result());
        assertEquals("ERROR_INVALID_HANDLE", l.lastError());
        assertEquals(List.of(), l.effects());
        assertNull(l.error());
    }

    @Test
    @DisplayName("CreateProcess: every out parameter, both handles, reuses, and the counts of both objects")
    void createProcess() {
        LineRecord l = line(10);
        String pid = output(l, "pid");
        String tid = output(l, "tid");
        assertEquals(List.of("hP = 0x4", "hT = 0x8", "pid = " + pid, "tid = " + tid), l.outputs());
        String process = "Process#" + result(11) + " (c.exe, pid " + pid + ")";
        String thread = "Thread#" + result(12) + " (tid " + tid + " of c.exe)";
        String mutant = "Mutant#" + result(7);
        String event = "Event#" + result(2) + " \"Named\"";
        assertEquals(List.of(
                "+ main.exe 0x4 -> " + process + " (created, access 0x1FFFFF)",
                "! value 0x4 reused: it named " + mutant + " until line 8",
                "+ main.exe 0x8 -> " + thread + " (created, access 0x1FFFFF)",
                "! value 0x8 reused: it named " + event + " until line 4",
                "  " + process + ": handles 1, pointers 2",
                "  " + thread + ": handles 1, pointers 2"), l.effects());
    }

    @Test
    @DisplayName("R17: a thread line is labelled with its thread and process; the last thread ending ends the process")
    void processExit() {
        String tid = output(line(10), "tid");
        String pid = output(line(10), "pid");
        assertEquals("tid (tid " + tid + ", c.exe)", line(13).thread());
        assertEquals("+ c.exe 0x4 -> Event#" + result(14) + " (created, access 0x1F0003)", line(13).effects().get(0));
        String event = "Event#" + result(14);
        assertEquals(List.of(
                "  thread " + tid + " ended with exit code 4",
                "- c.exe 0x4 -> " + event + " (closed by process exit)",
                "x " + event + " deleted",
                "  process c.exe (pid " + pid + ") exited with code 4"), line(15).effects());
        assertEquals("(no value)", line(15).result());
    }

    @Test
    @DisplayName("the handles open at the end, with the line that made each")
    void openAtEnd() {
        String pid = output(line(10), "pid");
        String tid = output(line(10), "tid");
        List<OpenHandle> open = REPORT.openAtEnd();
        assertEquals(2, open.size());
        String main = open.get(0).process();
        assertTrue(main.startsWith("main.exe (pid "), main);
        assertEquals(List.of(
                new OpenHandle(main, 4, "Process#" + result(11) + " (c.exe, pid " + pid + ")", 10),
                new OpenHandle(main, 8, "Thread#" + result(12) + " (tid " + tid + " of c.exe)", 10)), open);
    }

    @Test
    @DisplayName("a script error keeps the statement's text as its call and records the error")
    void scriptErrorLine() {
        RunReport report = new ScenarioRunner(Kernel.Config.DEFAULT).run("e.scenario", "CloseHandle(nope) => TRUE\n");
        LineRecord l = report.lines().get(0);
        assertEquals("CloseHandle(nope) => TRUE", l.call());
        assertNull(l.result());
        assertEquals("unbound variable 'nope'", l.error());
        assertEquals(List.of(), l.effects());
    }

    private static String mainTid() {
        String label = line(2).thread();
        return label.substring("main (tid ".length(), label.length() - 1);
    }

    private static String output(LineRecord l, String name) {
        return l.outputs().stream().filter(o -> o.startsWith(name + " = ")).findFirst().orElseThrow()
                .substring(name.length() + 3);
    }
}
