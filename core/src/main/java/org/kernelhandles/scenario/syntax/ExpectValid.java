package org.kernelhandles.scenario.syntax;

import java.util.Objects;

/**
 * {@code => valid} or {@code => valid, ERROR_X}: the result is a handle value that is neither 0
 * nor -1 (and the last error is {@code lastError}, when given). {@code at} is the {@code =>}.
 */
public record ExpectValid(Expr lastError, Position at) implements Expectation {

    public ExpectValid {
        Objects.requireNonNull(at, "at");
    }
}
