package org.kernelhandles.scenario.syntax;

import java.util.Objects;

/**
 * An integer literal: decimal ({@code 42}, {@code -1}) or hexadecimal ({@code 0x3C}), as a
 * 64-bit signed value (hex literals above {@code 0x7FFFFFFFFFFFFFFF} wrap to negative values).
 * {@code at} is the literal's first character (the {@code -} of a negative literal).
 */
public record IntLiteral(long value, Position at) implements Expr {

    public IntLiteral {
        Objects.requireNonNull(at, "at");
    }
}
