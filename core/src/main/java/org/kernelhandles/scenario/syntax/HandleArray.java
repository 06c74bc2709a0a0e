package org.kernelhandles.scenario.syntax;

import java.util.List;
import java.util.Objects;

/**
 * An array of handles {@code {a, b, c}} (possibly empty); only a whole call argument. The
 * elements are plain expressions (no {@code &name}, no nested arrays). {@code at} is the
 * <code>&#123;</code>.
 */
public record HandleArray(List<Expr> elements, Position at) implements Expr {

    public HandleArray {
        elements = List.copyOf(elements);
        Objects.requireNonNull(at, "at");
    }
}
