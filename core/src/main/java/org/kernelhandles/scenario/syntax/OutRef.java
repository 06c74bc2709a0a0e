package org.kernelhandles.scenario.syntax;

import java.util.Objects;

/**
 * An out parameter {@code &name}; only a whole call argument. {@code at} is the {@code &}.
 */
public record OutRef(String variable, Position at) implements Expr {

    public OutRef {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(at, "at");
    }
}
