package org.kernelhandles.scenario.syntax;

/**
 * An expression as written. The parser does not know which names are constants or functions:
 * a {@link Name} is resolved by the interpreter (a constant if it names one, else a variable),
 * and a {@link Call}'s function name and arity are validated there too.
 */
public sealed interface Expr
        permits IntLiteral, StringLiteral, Name, Call, OutRef, HandleArray, BinaryOp {

    /** Where the expression is written; see each record for which token that is. */
    Position at();
}
