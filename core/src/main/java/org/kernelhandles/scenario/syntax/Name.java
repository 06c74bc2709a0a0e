package org.kernelhandles.scenario.syntax;

import java.util.Objects;

/**
 * An identifier used as a value: a constant if it names one, else a variable (decided by the
 * interpreter).
 */
public record Name(String identifier, Position at) implements Expr {

    public Name {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(at, "at");
    }
}
