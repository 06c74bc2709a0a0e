package org.kernelhandles.scenario;

import org.kernelhandles.scenario.syntax.Position;

/** An error in the script found while running a line: the line fails and the run goes on. */
final class ScriptError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Position at;

    ScriptError(Position at, String message) {
        super(message, null, false, false);
        this.at = at;
    }

    Position at() {
        return at;
    }
}
