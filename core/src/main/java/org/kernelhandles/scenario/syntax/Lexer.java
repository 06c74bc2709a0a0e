package org.kernelhandles.scenario.syntax;

import org.kernelhandles.scenario.syntax.Token.Type;

/**
 * Splits one line into tokens, on demand, so that errors come out in reading order. Spaces and
 * tabs separate tokens; {@code #} or {@code //} outside a string literal ends the line. End of
 * line is reported as an {@link Type#EOL} token placed just after the last token of the line
 * (column 1 on an empty line); once reached, it is returned forever.
 */
final class Lexer {

    private final String sourceName;
    private final int lineNumber;
    private final String line;
    private int pos;
    private int firstStart = -1;
    private int lastEnd;
    private Token peeked;

    Lexer(String sourceName, int lineNumber, String line) {
        this.sourceName = sourceName;
        this.lineNumber = lineNumber;
        this.line = line;
    }

    Token peek() throws ScenarioSyntaxException {
        if (peeked == null) {
            peeked = scan();
        }
        return peeked;
    }

    Token next() throws ScenarioSyntaxException {
        Token t = peek();
        if (!t.is(Type.EOL)) {
            peeked = null;
        }
        return t;
    }

    Position position(int index) {
        return new Position(lineNumber, line.codePointCount(0, index) + 1);
    }

    Position position(Token t) {
        return position(t.start());
    }

    /** The text from the first token to the last token read so far. */
    String text() {
        return firstStart < 0 ? "" : line.substring(firstStart, lastEnd);
    }

    ScenarioSyntaxException error(Token at, String expected) {
        return ScenarioSyntaxException.expected(sourceName, position(at), expected, at.describe());
    }

    private ScenarioSyntaxException error(int index, String expected, String found) {
        return ScenarioSyntaxException.expected(sourceName, position(index), expected, found);
    }

    private Token scan() throws ScenarioSyntaxException {
        while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
            pos++;
        }
        if (atLineEnd(pos)) {
            return Token.simple(Type.EOL, "", lastEnd, lastEnd);
        }
        int start = pos;
        Token t = scanToken(start);
        pos = t.end();
        if (firstStart < 0) {
            firstStart = start;
        }
        lastEnd = t.end();
        return t;
    }

    private boolean atLineEnd(int p) {
        return p >= line.length() || line.charAt(p) == '#'
                || (line.charAt(p) == '/' && p + 1 < line.length() && line.charAt(p + 1) == '/');
    }

    private Token scanToken(int start) throws ScenarioSyntaxException {
        char c = line.charAt(start);
        if (isIdentStart(c)) {
            int p = start + 1;
            while (p < line.length() && isIdentPart(line.charAt(p))) {
                p++;
            }
            return Token.simple(Type.IDENT, line.substring(start, p), start, p);
        }
        if (isDigit(c) || (c == '-' && start + 1 < line.length() && isDigit(line.charAt(start + 1)))) {
            return number(start);
        }
        if (c == '"') {
            return string(start);
        }
        if (c == '=' && start + 1 < line.length() && line.charAt(start + 1) == '>') {
            return Token.simple(Type.ARROW, "=>", start, start + 2);
        }
        Type single = switch (c) {
            case '=' -> Type.ASSIGN;
            case '(' -> Type.LPAREN;
            case ')' -> Type.RPAREN;
            case '{' -> Type.LBRACE;
            case '}' -> Type.RBRACE;
            case ',' -> Type.COMMA;
            case '&' -> Type.AMP;
            case '|' -> Type.PIPE;
            case '+' -> Type.PLUS;
            case '@' -> Type.AT;
            case ':' -> Type.COLON;
            default -> Type.INVALID;
        };
        int end = start + Character.charCount(line.codePointAt(start));
        return Token.simple(single, line.substring(start, end), start, end);
    }

    private Token number(int start) throws ScenarioSyntaxException {
        int p = start;
        boolean negative = line.charAt(p) == '-';
        if (negative) {
            p++;
        }
        boolean hex = !negative && line.charAt(p) == '0' && p + 1 < line.length()
                && (line.charAt(p + 1) == 'x' || line.charAt(p + 1) == 'X');
        if (hex) {
            p += 2;
            int digits = p;
            while (p < line.length() && Character.digit(line.charAt(p), 16) >= 0 && line.charAt(p) < 128) {
                p++;
            }
            if (p == digits || (p < line.length() && isIdentPart(line.charAt(p)))) {
                throw error(p, "a hexadecimal digit", describeAt(p));
            }
            String text = line.substring(start, p);
            try {
                long value = Long.parseUnsignedLong(line.substring(digits, p), 16);
                return new Token(Type.INT, text, start, p, value, null);
            } catch (NumberFormatException e) {
                throw error(start, "a hexadecimal integer up to 0xFFFFFFFFFFFFFFFF", "'" + text + "'");
            }
        }
        while (p < line.length() && isDigit(line.charAt(p))) {
            p++;
        }
        if (p < line.length() && isIdentPart(line.charAt(p))) {
            throw error(p, "a decimal digit", describeAt(p));
        }
        String text = line.substring(start, p);
        try {
            return new Token(Type.INT, text, start, p, Long.parseLong(text), null);
        } catch (NumberFormatException e) {
            throw error(start, "an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE,
                    "'" + text + "'");
        }
    }

    private Token string(int start) throws ScenarioSyntaxException {
        StringBuilder value = new StringBuilder();
        int p = start + 1;
        while (true) {
            if (p >= line.length()) {
                throw ScenarioSyntaxException.unterminatedString(sourceName, position(start));
            }
            char c = line.charAt(p);
            if (c == '"') {
                p++;
                break;
            }
            if (c == '\\') {
                if (p + 1 >= line.length()) {
                    throw ScenarioSyntaxException.unterminatedString(sourceName, position(start));
                }
                int e = line.codePointAt(p + 1);
                switch (e) {
                    case '\\' -> value.append('\\');
                    case '"' -> value.append('"');
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    default -> throw error(p, "an escape \\\\, \\\", \\n or \\t", describeEscape(e));
                }
                p += 2;
            } else {
                value.append(c);
                p++;
            }
        }
        return new Token(Type.STRING, line.substring(start, p), start, p, 0, value.toString());
    }

    private String describeAt(int p) {
        return atLineEnd(p) ? "end of line" : describeChar(line.codePointAt(p));
    }

    private static String describeEscape(int cp) {
        return isShown(cp) ? "'\\" + Character.toString(cp) + "'"
                : "'\\' followed by " + describeChar(cp);
    }

    /** {@code 'c'} for a character that can be shown (space included), else {@code character U+XXXX}. */
    static String describeChar(int cp) {
        return isShown(cp) ? "'" + Character.toString(cp) + "'" : String.format("character U+%04X", cp);
    }

    private static boolean isShown(int cp) {
        if (cp == ' ') {
            return true;
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.FORMAT && type != Character.SURROGATE && type != Character.PRIVATE_USE
                && type != Character.UNASSIGNED;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }
}
