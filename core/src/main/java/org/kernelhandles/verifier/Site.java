package org.kernelhandles.verifier;

import java.util.List;

/**
 * Where something happened: a scenario line, or the Java frames of the call that did it (the
 * caller's frames, kernel-handles' own left out, at most {@link Verifier#MAX_FRAMES}).
 *
 * @param line the scenario line, or 0 for Java code
 * @param frames the Java frames, innermost first; empty for a scenario line
 */
public record Site(int line, List<StackTraceElement> frames) {

    public Site {
        frames = List.copyOf(frames);
    }

    public static Site line(int line) {
        return new Site(line, List.of());
    }

    /** {@code line 17}, or the innermost frame outside kernel-handles. */
    @Override
    public String toString() {
        if (line > 0) {
            return "line " + line;
        }
        return frames.isEmpty() ? "(unknown)" : frames.get(0).toString();
    }
}
