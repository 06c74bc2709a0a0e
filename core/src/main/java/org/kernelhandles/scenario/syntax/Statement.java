package org.kernelhandles.scenario.syntax;

import java.util.Objects;

/**
 * One statement: one non-blank line of a scenario.
 *
 * <ul>
 *   <li>{@link Kind#CALL} {@code Call(args) [=> e]}: {@code target} is null, {@code expr} is a
 *       {@link Call}, {@code expectation} may be null.</li>
 *   <li>{@link Kind#BIND_CALL} {@code name = Call(args) [=> e]}: {@code target} is the name,
 *       {@code expr} a {@link Call}, {@code expectation} may be null.</li>
 *   <li>{@link Kind#BIND_EXPR} {@code name = expr}: {@code target} is the name, {@code expr} is
 *       anything but a bare {@link Call} (for example {@code h}, {@code 0x12340},
 *       {@code GetLastError() | 1}), {@code expectation} is null.</li>
 *   <li>{@link Kind#CHECK} {@code name => e}: {@code target} is null, {@code expr} is the
 *       {@link Name}, {@code expectation} is not null.</li>
 * </ul>
 *
 * @param line        the 1-based line number
 * @param threadPrefix the {@code T} of a leading {@code @T:} (possibly {@code main}), or null
 * @param threadAt    the position of {@code T}, or null
 * @param target      the name bound by {@code name = ...}, or null
 * @param targetAt    the position of {@code target}, or null
 * @param expr        the call, the bound expression, or the checked name
 * @param expectation what follows {@code =>}, or null
 * @param text        the line's source text without its comment, trimmed (prefix included)
 */
public record Statement(int line, String threadPrefix, Position threadAt, String target,
        Position targetAt, Expr expr, Expectation expectation, String text) {

    /** The four statement forms. */
    public enum Kind {
        /** {@code Call(args) [=> e]}. */
        CALL,
        /** {@code name = Call(args) [=> e]}. */
        BIND_CALL,
        /** {@code name = expr}. */
        BIND_EXPR,
        /** {@code name => e}. */
        CHECK
    }

    public Statement {
        if (line < 1) {
            throw new IllegalArgumentException("line is 1-based: " + line);
        }
        if ((threadPrefix == null) != (threadAt == null)) {
            throw new IllegalArgumentException("threadPrefix and threadAt go together");
        }
        if ((target == null) != (targetAt == null)) {
            throw new IllegalArgumentException("target and targetAt go together");
        }
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(text, "text");
        if (target == null && !(expr instanceof Call)) {
            if (!(expr instanceof Name) || expectation == null) {
                throw new IllegalArgumentException(
                        "a statement without a target is a call or a check of a name");
            }
        }
        if (target != null && !(expr instanceof Call) && expectation != null) {
            throw new IllegalArgumentException("only a call can have an expectation");
        }
    }

    /** Which of the four forms this statement is. */
    public Kind kind() {
        if (target == null) {
            return expr instanceof Call ? Kind.CALL : Kind.CHECK;
        }
        return expr instanceof Call ? Kind.BIND_CALL : Kind.BIND_EXPR;
    }
}
