package org.kernelhandles.scenario.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kernelhandles.scenario.syntax.Token.Type;

/**
 * Parses scenario files (docs: {@code scenario-language.md}). Purely syntactic: which names are
 * functions, constants or variables is the interpreter's business. The first error stops the
 * parse with a {@link ScenarioSyntaxException}.
 *
 * <p>The grammar, one line at a time ({@code \n} or {@code \r\n}; a leading byte order mark is
 * ignored; blank and comment-only lines are skipped):
 *
 * <pre>
 * line        = [ "@" IDENT ":" ] statement                     (thread prefix)
 * statement   = IDENT "(" [ args ] ")" [ expectation ]           CALL
 *             | IDENT "=" expr [ expectation ]                   BIND_CALL if expr is a bare call
 *                                                                (the only case allowed an
 *                                                                expectation), else BIND_EXPR
 *             | IDENT expectation                                CHECK
 * expectation = "=>" ( "valid" | expr ) [ "," expr ]            ("valid" is a keyword only here)
 * args        = arg { "," arg }
 * arg         = "&amp;" IDENT | "{" [ expr { "," expr } ] "}" | expr
 * expr        = operand { ( "|" | "+" ) operand }                (one precedence, left-associative)
 * operand     = INT | STRING | IDENT [ "(" [ args ] ")" ]
 * IDENT       = ( letter | "_" ) { letter | digit | "_" }        (ASCII letters)
 * INT         = [ "-" ] digit { digit } | "0" ( "x" | "X" ) hexdigit { hexdigit }
 * STRING      = '"' { char | "\\" | "\"" | "\n" | "\t" } '"'
 * </pre>
 *
 * <p>Spaces and tabs separate tokens; {@code #} or {@code //} outside a string literal starts a
 * comment to the end of the line. A {@code -} is part of a literal only when a digit follows it
 * directly; there is no negative hexadecimal literal. Decimal literals may have leading zeros
 * (they are not octal) and must fit in a signed 64-bit integer; hexadecimal literals may go up to
 * {@code 0xFFFFFFFFFFFFFFFF} and wrap to negative values. A number may not be directly followed
 * by a letter or {@code _}.
 *
 * <p>An error at the end of a line is reported at the column just after the line's last token.
 */
public final class ScenarioParser {

    private static final String STATEMENT = "a call, an assignment or a check";

    private final Lexer lexer;

    private ScenarioParser(Lexer lexer) {
        this.lexer = lexer;
    }

    /**
     * Parses a whole scenario.
     *
     * @param sourceName the file name used in error messages (e.g. {@code makefred.scenario})
     * @param text       the file's content
     * @throws ScenarioSyntaxException at the first line that does not parse
     */
    public static Scenario parse(String sourceName, String text) throws ScenarioSyntaxException {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(text, "text");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Statement> statements = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start <= text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            lineNumber++;
            Statement s = new ScenarioParser(new Lexer(sourceName, lineNumber, line)).statement(lineNumber);
            if (s != null) {
                statements.add(s);
            }
            if (newline < 0) {
                break;
            }
            start = newline + 1;
        }
        return new Scenario(sourceName, statements);
    }

    /** The statement of one line, or null for a blank or comment-only line. */
    private Statement statement(int lineNumber) throws ScenarioSyntaxException {
        if (lexer.peek().is(Type.EOL)) {
            return null;
        }
        String thread = null;
        Position threadAt = null;
        if (lexer.peek().is(Type.AT)) {
            lexer.next();
            Token t = expect(Type.IDENT, "a thread name");
            thread = t.text();
            threadAt = lexer.position(t);
            expect(Type.COLON, "':'");
        }
        Token first = lexer.peek();
        if (!first.is(Type.IDENT)) {
            throw lexer.error(first, STATEMENT);
        }
        lexer.next();
        Position firstAt = lexer.position(first);
        Token second = lexer.peek();
        String target = null;
        Position targetAt = null;
        Expr expr;
        Expectation expectation = null;
        switch (second.type()) {
            case LPAREN -> {
                expr = callRest(first);
                expectation = optionalExpectation("'=>' or end of line");
            }
            case ASSIGN -> {
                lexer.next();
                target = first.text();
                targetAt = firstAt;
                expr = expr("an expression");
                if (expr instanceof Call) {
                    expectation = optionalExpectation("'=>' or end of line");
                } else {
                    Token after = lexer.peek();
                    if (after.is(Type.ARROW)) {
                        throw lexer.error(after, "end of line (only a call can have an expectation)");
                    }
                    expectEndOfLine("end of line");
                }
            }
            case ARROW -> {
                expr = new Name(first.text(), firstAt);
                expectation = expectation();
            }
            case EOL -> throw lexer.error(first, STATEMENT);
            default -> throw lexer.error(second, "'(', '=' or '=>'");
        }
        return new Statement(lineNumber, thread, threadAt, target, targetAt, expr, expectation,
                lexer.text());
    }

    private Expectation optionalExpectation(String expected) throws ScenarioSyntaxException {
        Token t = lexer.peek();
        if (t.is(Type.ARROW)) {
            return expectation();
        }
        expectEndOfLine(expected);
        return null;
    }

    private Expectation expectation() throws ScenarioSyntaxException {
        Position at = lexer.position(expect(Type.ARROW, "'=>'"));
        Token t = lexer.peek();
        boolean valid = t.is(Type.IDENT) && t.text().equals("valid");
        Expr value = null;
        if (valid) {
            lexer.next();
        } else {
            value = expr("an expression or 'valid'");
        }
        Expr lastError = null;
        Token after = lexer.peek();
        if (after.is(Type.COMMA)) {
            lexer.next();
            lastError = expr("an expression");
            expectEndOfLine("end of line");
        } else {
            expectEndOfLine("',' or end of line");
        }
        return valid ? new ExpectValid(lastError, at) : new ExpectValue(value, lastError, at);
    }

    private Expr expr(String expected) throws ScenarioSyntaxException {
        Expr left = operand(expected);
        while (true) {
            Token t = lexer.peek();
            BinaryOp.Op op;
            if (t.is(Type.PIPE)) {
                op = BinaryOp.Op.OR;
            } else if (t.is(Type.PLUS)) {
                op = BinaryOp.Op.ADD;
            } else {
                return left;
            }
            lexer.next();
            Expr right = operand("an expression");
            left = new BinaryOp(op, left, right, lexer.position(t));
        }
    }

    private Expr operand(String expected) throws ScenarioSyntaxException {
        Token t = lexer.peek();
        return switch (t.type()) {
            case INT -> {
                lexer.next();
                yield new IntLiteral(t.intValue(), lexer.position(t));
            }
            case STRING -> {
                lexer.next();
                yield new StringLiteral(t.stringValue(), lexer.position(t));
            }
            case IDENT -> {
                lexer.next();
                if (lexer.peek().is(Type.LPAREN)) {
                    yield callRest(t);
                }
                yield new Name(t.text(), lexer.position(t));
            }
            default -> throw lexer.error(t, expected);
        };
    }

    /** The rest of a call whose name has been read; the next token is {@code (}. */
    private Call callRest(Token name) throws ScenarioSyntaxException {
        expect(Type.LPAREN, "'('");
        List<Expr> args = new ArrayList<>();
        if (lexer.peek().is(Type.RPAREN)) {
            lexer.next();
        } else {
            while (true) {
                args.add(argument(args.isEmpty() ? "an argument or ')'" : "an argument"));
                Token t = lexer.next();
                if (t.is(Type.RPAREN)) {
                    break;
                }
                if (!t.is(Type.COMMA)) {
                    throw lexer.error(t, "')' or ','");
                }
            }
        }
        return new Call(name.text(), args, lexer.position(name));
    }

    private Expr argument(String expected) throws ScenarioSyntaxException {
        Token t = lexer.peek();
        if (t.is(Type.AMP)) {
            lexer.next();
            Token v = expect(Type.IDENT, "a variable name");
            return new OutRef(v.text(), lexer.position(t));
        }
        if (t.is(Type.LBRACE)) {
            lexer.next();
            List<Expr> elements = new ArrayList<>();
            if (lexer.peek().is(Type.RBRACE)) {
                lexer.next();
            } else {
                while (true) {
                    elements.add(expr(elements.isEmpty() ? "an expression or '}'" : "an expression"));
                    Token after = lexer.next();
                    if (after.is(Type.RBRACE)) {
                        break;
                    }
                    if (!after.is(Type.COMMA)) {
                        throw lexer.error(after, "'}' or ','");
                    }
                }
            }
            return new HandleArray(elements, lexer.position(t));
        }
        return expr(expected);
    }

    private Token expect(Type type, String expected) throws ScenarioSyntaxException {
        Token t = lexer.peek();
        if (!t.is(type)) {
            throw lexer.error(t, expected);
        }
        return lexer.next();
    }

    private void expectEndOfLine(String expected) throws ScenarioSyntaxException {
        Token t = lexer.peek();
        if (!t.is(Type.EOL)) {
            throw lexer.error(t, expected);
        }
    }
}
