package org.kernelhandles.scenario.syntax;

import java.util.List;
import java.util.Objects;

/**
 * A function call {@code Function(arg, ...)}. Arguments are expressions, out references
 * ({@link OutRef}) or handle arrays ({@link HandleArray}); the latter two only appear as whole
 * arguments. {@code at} is the function name.
 */
public record Call(String function, List<Expr> arguments, Position at) implements Expr {

    public Call {
        Objects.requireNonNull(function, "function");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(at, "at");
    }
}
