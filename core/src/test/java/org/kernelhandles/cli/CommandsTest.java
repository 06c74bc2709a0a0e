package org.kernelhandles.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands' output and exit codes, as the scenario contract's "kh check" and "kh run" sections fix them. */
class CommandsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kh(String... args) {
        return Kh.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    @DisplayName("kh check prints PASS or FAIL per file, each failure with line, text, expected and actual, then the count")
    void checkReportsEachFileAndTheCount() throws IOException {
        write("a-good.scenario", "h = CreateEvent(NULL, TRUE, FALSE, NULL) => valid\nCloseHandle(h) => TRUE\n");
        write("b-bad.scenario", "h = CreateEvent(NULL, TRUE, FALSE, NULL) => valid\n"
                + "CloseHandle(h) => TRUE\nCloseHandle(h) => TRUE\n");
        write("c-broken.scenario", "CloseHandle(h\n");
        assertEquals(1, kh("check", dir.toString()));
        String text = out.toString();
        assertTrue(text.contains("PASS " + dir.resolve("a-good.scenario")), text);
        assertTrue(text.contains("FAIL " + dir.resolve("b-bad.scenario") + "\n"
                + "  line 3: CloseHandle(h) => TRUE\n"
                + "    expected: TRUE\n"
                + "    actual:   FALSE, ERROR_INVALID_HANDLE\n"), text);
        assertTrue(text.contains("FAIL " + dir.resolve("c-broken.scenario") + "\n  " + dir.resolve("c-broken.scenario")
                + ":1:14: expected ')' or ',', found end of line\n"), text);
        assertTrue(text.endsWith("1 passed, 2 failed\n"), text);
    }

    @Test
    @DisplayName("kh check exits 0 when every file passes")
    void checkPassing() throws IOException {
        Path f = write("ok.scenario", "GetCurrentProcess() => -1\n");
        assertEquals(0, kh("check", f.toString()));
        assertEquals("PASS " + f + "\n1 passed, 0 failed\n", out.toString());
    }

    @Test
    @DisplayName("kh check: a missing file is a usage error (exit 2) naming it")
    void checkMissingFile() {
        assertEquals(2, kh("check", dir.resolve("nope.scenario").toString()));
        assertTrue(err.toString().contains("no such file or directory: " + dir.resolve("nope.scenario")), err.toString());
    }

    @Test
    @DisplayName("kh run --reuse fifo: no value comes back until 100 are free (R8)")
    void runWithReusePolicy() throws IOException {
        Path f = write("fifo.scenario", "a = CreateEvent(NULL, TRUE, FALSE, NULL) => 0x4\nCloseHandle(a) => TRUE\n"
                + "b = CreateEvent(NULL, TRUE, FALSE, NULL) => 0x8\n");
        assertEquals(0, kh("run", "--reuse", "fifo", f.toString()));
        assertEquals(1, kh("run", f.toString()), "under LIFO the freed 0x4 comes back at once");
    }

    @Test
    @DisplayName("kh run --max-handles: a full table refuses the create with ERROR_NO_SYSTEM_RESOURCES (R9)")
    void runWithQuota() throws IOException {
        Path f = write("quota.scenario", "CreateEvent(NULL, TRUE, FALSE, NULL) => valid\n"
                + "CreateEvent(NULL, TRUE, FALSE, NULL) => NULL, ERROR_NO_SYSTEM_RESOURCES\n");
        assertEquals(0, kh("run", "--max-handles", "1", f.toString()), out.toString());
    }

    @Test
    @DisplayName("kh run: bad option values are usage errors that name the value")
    void runBadOptions() throws IOException {
        Path f = write("x.scenario", "GetCurrentProcess() => -1\n");
        assertEquals(2, kh("run", "--reuse", "random", f.toString()));
        assertTrue(err.toString().contains("'random' (expected lifo, fifo, lowest or never)"), err.toString());
        assertEquals(2, kh("run", "--max-handles", "0", f.toString()));
        assertTrue(err.toString().contains("--max-handles': 0 (expected a number from 1 to 16777215)"), err.toString());
    }

    @Test
    @DisplayName("kh run traces each call with resolved arguments, result, last error and handle effects")
    void runTrace() throws IOException {
        Path f = write("t.scenario", "h = CreateEvent(NULL, TRUE, FALSE, \"E\") => valid\n"
                + "CloseHandle(h) => TRUE\nCloseHandle(h) => TRUE\n");
        assertEquals(1, kh("run", f.toString()));
        String text = out.toString();
        assertTrue(text.contains("CreateEvent(NULL, TRUE, FALSE, \"E\") = 0x4"), text);
        assertTrue(text.contains("+ main.exe 0x4 -> Event#3 \"E\" (created, access 0x1F0003)"), text);
        assertTrue(text.contains("- main.exe 0x4 -> Event#3 \"E\" (closed)"), text);
        assertTrue(text.contains("name \"E\" removed from the namespace"), text);
        assertTrue(text.contains("x Event#3 \"E\" deleted"), text);
        assertTrue(text.contains("CloseHandle(0x4) = FALSE  ERROR_INVALID_HANDLE"), text);
        assertTrue(text.contains("EXPECTATION FAILED: expected TRUE, got FALSE, ERROR_INVALID_HANDLE"), text);
    }

    @Test
    @DisplayName("kh run --format json prints one document with lines, failures and leaks")
    void runJson() throws IOException {
        Path f = write("j.scenario", "h = CreateEvent(NULL, TRUE, FALSE, NULL) => valid\n");
        assertEquals(0, kh("run", "--format", "json", f.toString()));
        String json = out.toString();
        assertTrue(json.startsWith("{\"source\": "), json);
        assertTrue(json.contains("\"call\": \"CreateEvent(NULL, TRUE, FALSE, NULL)\", \"result\": \"0x4\""), json);
        assertTrue(json.contains("\"leaks\": [\n  {\"process\": \"main.exe (pid 256)\", \"handle\": \"0x4\""), json);
        assertTrue(json.trim().endsWith("]}"), json);
    }

    @Test
    @DisplayName("kh demo tells the four acts and exits 0 when every act's expectations hold")
    void demo() {
        assertEquals(0, kh("demo"), out.toString());
        String text = out.toString();
        for (String act : new String[] {"Act 1", "Act 2", "Act 3", "Act 4"}) {
            assertTrue(text.contains("== " + act), act);
        }
        assertTrue(text.contains("! value 0x4 reused"), text);
    }
}
