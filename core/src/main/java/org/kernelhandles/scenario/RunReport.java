package org.kernelhandles.scenario;

import java.util.List;

/**
 * Everything a scenario run produced: a record per executed statement, the expectations that did
 * not hold, and the handles still open when it ended. A file that did not parse or validate has
 * {@link #problems()} and no lines: none of its lines ran.
 *
 * @param source the file's name as given
 * @param problems parse or validation errors ({@code file:LINE:COL: message}); none when it ran
 * @param lines one record per statement, in order
 * @param failures expectations that did not hold and errors in the script, in line order
 * @param openAtEnd handles still open in some process when the run ended
 * @param findings what the verifier found (R41), in the order found, leaks at the end last
 * @param blockedAtEnd the waits still blocked when the run ended, one sentence each
 */
public record RunReport(String source, List<String> problems, List<LineRecord> lines, List<Failure> failures,
        List<OpenHandle> openAtEnd, List<Finding> findings, List<String> blockedAtEnd) {

    public RunReport {
        problems = List.copyOf(problems);
        lines = List.copyOf(lines);
        failures = List.copyOf(failures);
        openAtEnd = List.copyOf(openAtEnd);
        findings = List.copyOf(findings);
        blockedAtEnd = List.copyOf(blockedAtEnd);
    }

    /** A report of a file that did not parse or validate: none of its lines ran. */
    static RunReport notRun(String source, List<String> problems) {
        return new RunReport(source, problems, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** True when the file ran and every expectation held. */
    public boolean passed() {
        return problems.isEmpty() && failures.isEmpty();
    }

    /**
     * One executed statement.
     *
     * @param line its line number
     * @param thread who ran it: {@code main} or the prefix variable, with the thread id
     * @param call the call with its arguments resolved (handles in hex), or the statement's text
     * @param result the result as the function's type shows it, or null when it has none
     * @param lastError the last error's name when the call failed, or null
     * @param outputs out parameters and bindings the statement made ({@code hDup1 = 0x8})
     * @param effects what happened to handles and objects, in order
     * @param error an error in the script at this line, or null
     */
    public record LineRecord(int line, String thread, String call, String result, String lastError,
            List<String> outputs, List<String> effects, String error) {
        public LineRecord {
            outputs = List.copyOf(outputs);
            effects = List.copyOf(effects);
        }
    }

    /**
     * An expectation that did not hold, or an error in the script.
     *
     * @param line the line number
     * @param text the line as written
     * @param expected what the line expected (empty for an error in the script)
     * @param actual what happened
     */
    public record Failure(int line, String text, String expected, String actual) {}

    /**
     * A misuse the verifier found (R41), with both places involved.
     *
     * @param kind {@code LEAK}, {@code DOUBLE_CLOSE}, {@code USE_AFTER_CLOSE}, {@code RECYCLED_USE},
     *     {@code PROTECTED_CLOSE}, {@code WRONG_TYPE}, {@code ACCESS_DENIED} or {@code INVALID_HANDLE}
     * @param line where it happened (for a leak: the line that made the handle)
     * @param related the other lines involved (the first close, the close and the new occupant's
     *     creation, ...), 0 for a place outside the script
     * @param process the image of the process whose handle it is
     * @param handle the handle value
     * @param variable the variable the value came from, or null
     * @param message what happened, naming both places
     */
    public record Finding(String kind, int line, List<Integer> related, String process, long handle,
            String variable, String message) {
        public Finding {
            related = List.copyOf(related);
        }
    }

    /** A handle still open at the end: where it lives, what it names, and the line that made it. */
    public record OpenHandle(String process, long value, String object, int createdAtLine) {}
}
