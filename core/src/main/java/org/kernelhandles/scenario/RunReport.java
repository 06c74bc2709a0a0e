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
     * @param snapshot the kernel's handle tables and objects right after the line, or null when the
     *     run was not asked for snapshots ({@link ScenarioRunner#withSnapshots(boolean)})
     */
    public record LineRecord(int line, String thread, String call, String result, String lastError,
            List<String> outputs, List<String> effects, String error, Snapshot snapshot) {
        public LineRecord {
            outputs = List.copyOf(outputs);
            effects = List.copyOf(effects);
        }

        /** A record without a snapshot. */
        public LineRecord(int line, String thread, String call, String result, String lastError,
                List<String> outputs, List<String> effects, String error) {
            this(line, thread, call, result, lastError, outputs, effects, error, null);
        }
    }

    /**
     * The kernel as a line left it: every process with its handle table, and the objects those
     * handles refer to.
     *
     * @param processes the processes whose objects still exist, by process id
     * @param objects every object some handle refers to, by id; then the objects that lost their
     *     last handle during the line (handle count 0, {@code deleted} or still held by pointer
     *     references)
     */
    public record Snapshot(List<ProcessState> processes, List<ObjectState> objects) {
        public Snapshot {
            processes = List.copyOf(processes);
            objects = List.copyOf(objects);
        }

        /**
         * A process and its handle table.
         *
         * @param pid the process id
         * @param image the image name ({@code main.exe})
         * @param objectId the id of the process object
         * @param exited true once its last thread has ended and its handles are closed (R17)
         * @param threads its threads, ended ones included, in creation order
         * @param handles its handle table's entries, in value order
         */
        public record ProcessState(long pid, String image, long objectId, boolean exited, List<ThreadState> threads,
                List<HandleState> handles) {
            public ProcessState {
                threads = List.copyOf(threads);
                handles = List.copyOf(handles);
            }
        }

        /**
         * A thread of a process.
         *
         * @param tid the thread id
         * @param objectId the id of the thread object
         * @param state {@code running} or {@code ended, exit code N}
         */
        public record ThreadState(long tid, long objectId, String state) {}

        /**
         * One entry of a handle table (R10: access and flags belong to the handle).
         *
         * @param value the handle value
         * @param objectId the id of the object it refers to
         * @param object the object's description ({@code Event#3 "name"})
         * @param grantedAccess the access granted through it
         * @param attributes its flags: 1 {@code HANDLE_FLAG_INHERIT}, 2 {@code HANDLE_FLAG_PROTECT_FROM_CLOSE}
         */
        public record HandleState(long value, long objectId, String object, int grantedAccess, int attributes) {}

        /**
         * A kernel object and its counts.
         *
         * @param id the object's id ({@code QueryObjectId})
         * @param type its type's name ({@code Event}, {@code File}, {@code Thread}, ...)
         * @param name the name it was created with, or null
         * @param description how traces name it ({@code Event#3 "name"})
         * @param handleCount its handle count
         * @param pointerCount its pointer count
         * @param state for a thread or process: {@code running}, {@code ended, exit code N} or
         *     {@code exited, exit code N}; null for other objects
         * @param deleted true when its last reference went during the line (R3)
         */
        public record ObjectState(long id, String type, String name, String description, int handleCount,
                int pointerCount, String state, boolean deleted) {}
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
