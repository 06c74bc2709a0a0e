package org.kernelhandles.scenario.syntax;

import java.util.Objects;

/**
 * A string literal with its escapes ({@code \\ \" \n \t}) decoded. {@code at} is the opening quote.
 */
public record StringLiteral(String value, Position at) implements Expr {

    public StringLiteral {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
    }
}
