package org.kernelhandles.scenario.syntax;

import java.util.Objects;

/**
 * {@code left | right} or {@code left + right}. Both operators have the same precedence and
 * associate to the left: {@code a | b + c} is {@code (a | b) + c}. {@code at} is the operator.
 */
public record BinaryOp(Op op, Expr left, Expr right, Position at) implements Expr {

    /** The operators. */
    public enum Op {
        /** {@code |}, bitwise or. */
        OR("|"),
        /** {@code +}, addition. */
        ADD("+");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written. */
        public String symbol() {
            return symbol;
        }
    }

    public BinaryOp {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(at, "at");
    }
}
