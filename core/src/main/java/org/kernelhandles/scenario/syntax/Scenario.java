package org.kernelhandles.scenario.syntax;

import java.util.List;
import java.util.Objects;

/** A parsed scenario file: its statements in order (blank and comment lines dropped). */
public record Scenario(String sourceName, List<Statement> statements) {

    public Scenario {
        Objects.requireNonNull(sourceName, "sourceName");
        statements = List.copyOf(statements);
    }
}
