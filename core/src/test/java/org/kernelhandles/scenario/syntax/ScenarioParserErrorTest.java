package org.kernelhandles.scenario.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error path of the parser, with its exact message. */
class ScenarioParserErrorTest {

    private static ScenarioSyntaxException fail(String text) {
        return assertThrows(ScenarioSyntaxException.class, () -> ScenarioParser.parse("t.scenario", text));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                // statement start
                Arguments.of("5", "t.scenario:1:1: expected a call, an assignment or a check, found '5'"),
                Arguments.of("5 => 5", "t.scenario:1:1: expected a call, an assignment or a check, found '5'"),
                Arguments.of("  \"s\"", "t.scenario:1:3: expected a call, an assignment or a check, found string literal \"s\""),
                Arguments.of("&x", "t.scenario:1:1: expected a call, an assignment or a check, found '&'"),
                Arguments.of("=> 1", "t.scenario:1:1: expected a call, an assignment or a check, found '=>'"),
                Arguments.of("(f)", "t.scenario:1:1: expected a call, an assignment or a check, found '('"),
                Arguments.of("é = 1", "t.scenario:1:1: expected a call, an assignment or a check, found 'é'"),
                // a bare name
                Arguments.of("x", "t.scenario:1:1: expected a call, an assignment or a check, found 'x'"),
                Arguments.of("  hDup1   # the duplicate", "t.scenario:1:3: expected a call, an assignment or a check, found 'hDup1'"),
                // a name followed by something else
                Arguments.of("CloseHandle h", "t.scenario:1:13: expected '(', '=' or '=>', found 'h'"),
                Arguments.of("x | y", "t.scenario:1:3: expected '(', '=' or '=>', found '|'"),
                Arguments.of("x + 1 => 2", "t.scenario:1:3: expected '(', '=' or '=>', found '+'"),
                Arguments.of("x == 1", "t.scenario:1:4: expected an expression, found '='"),
                // thread prefix
                Arguments.of("@5: f()", "t.scenario:1:2: expected a thread name, found '5'"),
                Arguments.of("@", "t.scenario:1:2: expected a thread name, found end of line"),
                Arguments.of("@tid ExitThread(7)", "t.scenario:1:6: expected ':', found 'ExitThread'"),
                Arguments.of("@tid:", "t.scenario:1:6: expected a call, an assignment or a check, found end of line"),
                Arguments.of("@tid:   # nothing", "t.scenario:1:6: expected a call, an assignment or a check, found end of line"),
                Arguments.of("@t: @u: f()", "t.scenario:1:5: expected a call, an assignment or a check, found '@'"),
                Arguments.of("f(@t)", "t.scenario:1:3: expected an argument or ')', found '@'"),
                Arguments.of("x = a:b", "t.scenario:1:6: expected end of line, found ':'"),
                // call arguments
                Arguments.of("h = CreateEvent(NULL, TRUE", "t.scenario:1:27: expected ')' or ',', found end of line"),
                Arguments.of("f(a   # comment", "t.scenario:1:4: expected ')' or ',', found end of line"),
                Arguments.of("f(", "t.scenario:1:3: expected an argument or ')', found end of line"),
                Arguments.of("f(a,", "t.scenario:1:5: expected an argument, found end of line"),
                Arguments.of("f(a b)", "t.scenario:1:5: expected ')' or ',', found 'b'"),
                Arguments.of("f(,)", "t.scenario:1:3: expected an argument or ')', found ','"),
                Arguments.of("f(a,)", "t.scenario:1:5: expected an argument, found ')'"),
                Arguments.of("f(a))", "t.scenario:1:5: expected '=>' or end of line, found ')'"),
                Arguments.of("f(g(a)", "t.scenario:1:7: expected ')' or ',', found end of line"),
                Arguments.of("f(a}", "t.scenario:1:4: expected ')' or ',', found '}'"),
                // out references
                Arguments.of("f(&)", "t.scenario:1:4: expected a variable name, found ')'"),
                Arguments.of("f(&5)", "t.scenario:1:4: expected a variable name, found '5'"),
                Arguments.of("f(&g())", "t.scenario:1:5: expected ')' or ',', found '('"),
                Arguments.of("f(&x | 1)", "t.scenario:1:6: expected ')' or ',', found '|'"),
                Arguments.of("f(1 | &x)", "t.scenario:1:7: expected an expression, found '&'"),
                Arguments.of("x = &y", "t.scenario:1:5: expected an expression, found '&'"),
                Arguments.of("f() => &x", "t.scenario:1:8: expected an expression or 'valid', found '&'"),
                // handle arrays
                Arguments.of("W(2, {a b}, TRUE, 0)", "t.scenario:1:9: expected '}' or ',', found 'b'"),
                Arguments.of("W(2, {)", "t.scenario:1:7: expected an expression or '}', found ')'"),
                Arguments.of("W(2, {a,})", "t.scenario:1:9: expected an expression, found '}'"),
                Arguments.of("W(2, {&a})", "t.scenario:1:7: expected an expression or '}', found '&'"),
                Arguments.of("W(2, {{a}})", "t.scenario:1:7: expected an expression or '}', found '{'"),
                Arguments.of("W(2, {a", "t.scenario:1:8: expected '}' or ',', found end of line"),
                Arguments.of("x = {a}", "t.scenario:1:5: expected an expression, found '{'"),
                Arguments.of("f({a} | 1)", "t.scenario:1:7: expected ')' or ',', found '|'"),
                // after a call statement
                Arguments.of("CloseHandle(h) x", "t.scenario:1:16: expected '=>' or end of line, found 'x'"),
                Arguments.of("CloseHandle(h);", "t.scenario:1:15: expected '=>' or end of line, found ';'"),
                Arguments.of("f() | 1", "t.scenario:1:5: expected '=>' or end of line, found '|'"),
                Arguments.of("f() = > 1", "t.scenario:1:5: expected '=>' or end of line, found '='"),
                Arguments.of("f() / 2", "t.scenario:1:5: expected '=>' or end of line, found '/'"),
                // assignments
                Arguments.of("x =", "t.scenario:1:4: expected an expression, found end of line"),
                Arguments.of("x = # nothing", "t.scenario:1:4: expected an expression, found end of line"),
                Arguments.of("x = y z", "t.scenario:1:7: expected end of line, found 'z'"),
                Arguments.of("x = y => 1", "t.scenario:1:7: expected end of line (only a call can have an expectation), found '=>'"),
                Arguments.of("x = 5 => valid", "t.scenario:1:7: expected end of line (only a call can have an expectation), found '=>'"),
                Arguments.of("x = f() | 1 => 1", "t.scenario:1:13: expected end of line (only a call can have an expectation), found '=>'"),
                Arguments.of("x = f() g", "t.scenario:1:9: expected '=>' or end of line, found 'g'"),
                Arguments.of("x = y = z", "t.scenario:1:7: expected end of line, found '='"),
                Arguments.of("x = 5 -1", "t.scenario:1:7: expected end of line, found '-1'"),
                // expectations
                Arguments.of("f() =>", "t.scenario:1:7: expected an expression or 'valid', found end of line"),
                Arguments.of("x =>   // nothing", "t.scenario:1:5: expected an expression or 'valid', found end of line"),
                Arguments.of("f() => 1 2", "t.scenario:1:10: expected ',' or end of line, found '2'"),
                Arguments.of("f() => 1,", "t.scenario:1:10: expected an expression, found end of line"),
                Arguments.of("f() => 1, E F", "t.scenario:1:13: expected end of line, found 'F'"),
                Arguments.of("f() => 1, E, F", "t.scenario:1:12: expected end of line, found ','"),
                Arguments.of("f() => valid | 1", "t.scenario:1:14: expected ',' or end of line, found '|'"),
                Arguments.of("f() => valid(1)", "t.scenario:1:13: expected ',' or end of line, found '('"),
                Arguments.of("f() => valid,", "t.scenario:1:14: expected an expression, found end of line"),
                Arguments.of("f() => valid, valid x", "t.scenario:1:21: expected end of line, found 'x'"),
                Arguments.of("f() => 1 => 2", "t.scenario:1:10: expected ',' or end of line, found '=>'"),
                Arguments.of("x => 1 => 2", "t.scenario:1:8: expected ',' or end of line, found '=>'"),
                // operators
                Arguments.of("x = 1 |", "t.scenario:1:8: expected an expression, found end of line"),
                Arguments.of("x = 1 + + 2", "t.scenario:1:9: expected an expression, found '+'"),
                Arguments.of("x = | 1", "t.scenario:1:5: expected an expression, found '|'"),
                Arguments.of("f(a |)", "t.scenario:1:6: expected an expression, found ')'"),
                // characters that are no token
                Arguments.of("x = $", "t.scenario:1:5: expected an expression, found '$'"),
                Arguments.of("x = - 1", "t.scenario:1:5: expected an expression, found '-'"),
                Arguments.of("x = 'a'", "t.scenario:1:5: expected an expression, found '''"),
                Arguments.of("x = \u0001", "t.scenario:1:5: expected an expression, found character U+0001"),
                Arguments.of("x =\u00A01", "t.scenario:1:4: expected an expression, found character U+00A0"),
                Arguments.of("f()\r\r\n", "t.scenario:1:4: expected '=>' or end of line, found character U+000D"),
                Arguments.of("x = 😀", "t.scenario:1:5: expected an expression, found '😀'"),
                // integer literals
                Arguments.of("x = 99999999999999999999",
                        "t.scenario:1:5: expected an integer between -9223372036854775808 and 9223372036854775807, found '99999999999999999999'"),
                Arguments.of("x = 9223372036854775808",
                        "t.scenario:1:5: expected an integer between -9223372036854775808 and 9223372036854775807, found '9223372036854775808'"),
                Arguments.of("f(-9223372036854775809)",
                        "t.scenario:1:3: expected an integer between -9223372036854775808 and 9223372036854775807, found '-9223372036854775809'"),
                Arguments.of("x = 0x10000000000000000",
                        "t.scenario:1:5: expected a hexadecimal integer up to 0xFFFFFFFFFFFFFFFF, found '0x10000000000000000'"),
                Arguments.of("x = 0x", "t.scenario:1:7: expected a hexadecimal digit, found end of line"),
                Arguments.of("f(0x)", "t.scenario:1:5: expected a hexadecimal digit, found ')'"),
                Arguments.of("f(0x )", "t.scenario:1:5: expected a hexadecimal digit, found ' '"),
                Arguments.of("x = 0x#", "t.scenario:1:7: expected a hexadecimal digit, found end of line"),
                Arguments.of("x = 0xg", "t.scenario:1:7: expected a hexadecimal digit, found 'g'"),
                Arguments.of("x = 0x1G", "t.scenario:1:8: expected a hexadecimal digit, found 'G'"),
                Arguments.of("x = 12ab", "t.scenario:1:7: expected a decimal digit, found 'a'"),
                Arguments.of("x = 1_000", "t.scenario:1:6: expected a decimal digit, found '_'"),
                Arguments.of("x = -0x10", "t.scenario:1:7: expected a decimal digit, found 'x'"),
                Arguments.of("x = 00x1", "t.scenario:1:7: expected a decimal digit, found 'x'"),
                // string literals
                Arguments.of("x = \"abc", "t.scenario:1:5: unterminated string literal"),
                Arguments.of("f(NULL, \"abc)  # no end", "t.scenario:1:9: unterminated string literal"),
                Arguments.of("x = \"C:\\\"", "t.scenario:1:5: unterminated string literal"),
                Arguments.of("x = \"a\\", "t.scenario:1:5: unterminated string literal"),
                Arguments.of("x = \"a\\qb\"", "t.scenario:1:7: expected an escape \\\\, \\\", \\n or \\t, found '\\q'"),
                Arguments.of("x = \"C:\\data\"", "t.scenario:1:8: expected an escape \\\\, \\\", \\n or \\t, found '\\d'"),
                Arguments.of("x = \"a\\\tb\"",
                        "t.scenario:1:7: expected an escape \\\\, \\\", \\n or \\t, found '\\' followed by character U+0009"),
                Arguments.of("x = \"😀\\x\"", "t.scenario:1:7: expected an escape \\\\, \\\", \\n or \\t, found '\\x'"),
                Arguments.of("f(\"a\" \"b\")", "t.scenario:1:7: expected ')' or ',', found string literal \"b\""),
                // columns: tabs count one
                Arguments.of("\tf(\t1\t2)", "t.scenario:1:7: expected ')' or ',', found '2'"),
                // later lines, CRLF, and the first error wins
                Arguments.of("f()\n\n# c\ng(", "t.scenario:4:3: expected an argument or ')', found end of line"),
                Arguments.of("f()\r\ng(\r\n", "t.scenario:2:3: expected an argument or ')', found end of line"),
                Arguments.of("f() x\ng(", "t.scenario:1:5: expected '=>' or end of line, found 'x'"),
                Arguments.of("f(a b, 0xZZ)", "t.scenario:1:5: expected ')' or ',', found 'b'"),
                Arguments.of("f(a, 0xZZ, \"open", "t.scenario:1:8: expected a hexadecimal digit, found 'Z'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void errorMessage(String text, String message) {
        assertEquals(message, fail(text).getMessage());
    }

    @Test
    void accessorsOfAnExpectedFoundError() {
        ScenarioSyntaxException e = fail("# MakeFred\n\nh = CreateEvent(NULL, TRUE");
        assertEquals("t.scenario", e.sourceName());
        assertEquals(3, e.line());
        assertEquals(27, e.column());
        assertEquals(new Position(3, 27), e.position());
        assertEquals("')' or ','", e.expected());
        assertEquals("end of line", e.found());
        assertEquals("expected ')' or ',', found end of line", e.reason());
        assertEquals("t.scenario:3:27: expected ')' or ',', found end of line", e.getMessage());
    }

    @Test
    void accessorsOfAnUnterminatedString() {
        ScenarioSyntaxException e = fail("f()\n  x = \"abc");
        assertEquals(2, e.line());
        assertEquals(7, e.column());
        assertEquals("'\"'", e.expected());
        assertEquals("end of line", e.found());
        assertEquals("unterminated string literal", e.reason());
        assertEquals("t.scenario:2:7: unterminated string literal", e.getMessage());
    }

    @Test
    void theSourceNameIsUsedAsGiven() {
        ScenarioSyntaxException e = assertThrows(ScenarioSyntaxException.class,
                () -> ScenarioParser.parse("dir/makefred.scenario", "x"));
        assertEquals("dir/makefred.scenario:1:1: expected a call, an assignment or a check, found 'x'", e.getMessage());
    }
}
