package org.kernelhandles.scenario.syntax;

import java.util.Objects;

/**
 * {@code => value} or {@code => value, ERROR_X}: the result equals {@code value} (any expression)
 * and, when {@code lastError} is not {@code null}, the last error equals it. {@code at} is the
 * {@code =>}.
 */
public record ExpectValue(Expr value, Expr lastError, Position at) implements Expectation {

    public ExpectValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
    }
}
