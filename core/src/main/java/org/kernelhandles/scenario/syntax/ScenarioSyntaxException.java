package org.kernelhandles.scenario.syntax;

import java.util.Objects;

/**
 * A scenario file does not parse. The message is {@code file:LINE:COL: expected EXPECTED, found
 * FOUND}, or {@code file:LINE:COL: unterminated string literal} (pointing at the opening quote).
 * FOUND is {@code end of line}, a token in single quotes ({@code ')'}, {@code '&'},
 * {@code 'CloseHandle'}, {@code '0x3C'}), {@code string literal "..."}, or for a character that
 * cannot be shown {@code character U+XXXX}.
 */
public final class ScenarioSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final int line;
    private final int column;
    private final String expected;
    private final String found;
    private final String reason;

    private ScenarioSyntaxException(String sourceName, int line, int column, String expected,
            String found, String reason) {
        super(sourceName + ":" + line + ":" + column + ": " + reason);
        this.sourceName = sourceName;
        this.line = line;
        this.column = column;
        this.expected = expected;
        this.found = found;
        this.reason = reason;
    }

    static ScenarioSyntaxException expected(String sourceName, Position at, String expected,
            String found) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
        return new ScenarioSyntaxException(sourceName, at.line(), at.column(), expected, found,
                "expected " + expected + ", found " + found);
    }

    static ScenarioSyntaxException unterminatedString(String sourceName, Position openingQuote) {
        return new ScenarioSyntaxException(sourceName, openingQuote.line(), openingQuote.column(),
                "'\"'", "end of line", "unterminated string literal");
    }

    /** The name of the file, as given to the parser. */
    public String sourceName() {
        return sourceName;
    }

    /** The 1-based line of the error. */
    public int line() {
        return line;
    }

    /** The 1-based column of the error, in characters of the raw line. */
    public int column() {
        return column;
    }

    /** Line and column together. */
    public Position position() {
        return new Position(line, column);
    }

    /**
     * What was expected there, e.g. {@code ')' or ','}; for an unterminated string literal,
     * {@code '"'}.
     */
    public String expected() {
        return expected;
    }

    /** What was found there instead, e.g. {@code end of line} or {@code '&'}. */
    public String found() {
        return found;
    }

    /**
     * The message without the location: {@code expected X, found Y} or
     * {@code unterminated string literal}.
     */
    public String reason() {
        return reason;
    }
}
