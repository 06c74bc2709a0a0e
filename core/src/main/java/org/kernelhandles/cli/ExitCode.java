package org.kernelhandles.cli;

/**
 * The exit status of {@code kh}. {@link Kh} shows this list under "Exit Codes:" in {@code --help}.
 */
public enum ExitCode {

    /** Everything passed. */
    OK(0, "OK: everything passed"),

    /** A scenario failed or an expectation did not hold. */
    FAILED(1, "FAILED: a scenario failed or an expectation did not hold"),

    /** Usage error: unknown option or command, missing or bad argument, no such file. */
    USAGE(2, "USAGE: usage error (unknown option or command, no such file)"),

    /** Returned by the {@code ./kh} launcher, never by the Java program: no JDK 21+ was found. */
    NO_JDK(3, "NO_JDK: (./kh launcher) no JDK 21 or newer found to run kh"),

    /** Returned by the {@code ./kh} launcher, never by the Java program: building kh.jar failed. */
    BUILD_FAILED(4, "BUILD_FAILED: (./kh launcher) mvn is missing or building kh failed");

    private final int code;
    private final String description;

    ExitCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** One line for the help's exit-code list. */
    public String description() {
        return description;
    }
}
