package org.kernelhandles.scenario.syntax;

/**
 * What follows {@code =>}: {@code valid} or a value, either optionally followed by
 * {@code , lastError}.
 */
public sealed interface Expectation permits ExpectValid, ExpectValue {

    /** The expected {@code GetLastError()} after the call (any expression), or {@code null}. */
    Expr lastError();

    /** The {@code =>} arrow. */
    Position at();
}
