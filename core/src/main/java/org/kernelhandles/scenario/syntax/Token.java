package org.kernelhandles.scenario.syntax;

/**
 * A token of one line. {@code start} and {@code end} are char indexes into the line;
 * {@code text} is the raw source text (empty for end of line).
 */
record Token(Type type, String text, int start, int end, long intValue, String stringValue) {

    enum Type {
        IDENT, INT, STRING, LPAREN, RPAREN, LBRACE, RBRACE, COMMA, AMP, PIPE, PLUS, ASSIGN, ARROW,
        AT, COLON, INVALID, EOL
    }

    static Token simple(Type type, String text, int start, int end) {
        return new Token(type, text, start, end, 0, null);
    }

    boolean is(Type t) {
        return type == t;
    }

    /** How the token appears in a "found ..." message. */
    String describe() {
        return switch (type) {
            case EOL -> "end of line";
            case STRING -> "string literal " + text;
            case INVALID -> Lexer.describeChar(text.codePointAt(0));
            default -> "'" + text + "'";
        };
    }
}
