package org.kernelhandles.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class KhTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kh(String... args) {
        return Kh.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void helpListsTheExitCodes() {
        assertEquals(0, kh("--help"));
        String help = out.toString();
        assertTrue(help.contains("Exit Codes:"), help);
        for (ExitCode code : ExitCode.values()) {
            assertTrue(help.contains(code.description()), () -> code + " missing from:\n" + help);
        }
        assertEquals("", err.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, kh("--no-such-option"));
        assertTrue(err.toString().contains("--no-such-option"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertEquals(2, kh("nosuchcmd"));
    }
}
