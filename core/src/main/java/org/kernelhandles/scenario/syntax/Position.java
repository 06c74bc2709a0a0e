package org.kernelhandles.scenario.syntax;

/**
 * A place in a scenario file. Both numbers are 1-based; the column counts the characters
 * (Unicode code points) of the raw line, a tab counting as one.
 */
public record Position(int line, int column) {

    public Position {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
