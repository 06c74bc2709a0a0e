package org.kernelhandles.scenario.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kernelhandles.scenario.syntax.BinaryOp.Op;
import org.kernelhandles.scenario.syntax.Statement.Kind;

class ScenarioParserTest {

    static Statement one(String line) throws ScenarioSyntaxException {
        Scenario s = ScenarioParser.parse("t.scenario", line);
        assertEquals(1, s.statements().size());
        return s.statements().get(0);
    }

    static Expr bound(String expr) throws ScenarioSyntaxException {
        Statement s = one("x = " + expr);
        return s.expr();
    }

    static Position at(int column) {
        return new Position(1, column);
    }

    @Test
    void theSpecExample() throws ScenarioSyntaxException {
        String text = """
                # The bug: MakeFred duplicates h, then hands the ORIGINAL h to the new object.
                h = CreateEvent(NULL, TRUE, FALSE, NULL)                                        => valid
                DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &hDup1, 0, FALSE, DUPLICATE_SAME_ACCESS) => TRUE
                fred1 = h
                DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &hDup2, 0, FALSE, DUPLICATE_SAME_ACCESS) => TRUE
                fred2 = h
                QueryHandleCount(h)                                                             => 3
                CloseHandle(fred1)                                                              => TRUE
                CloseHandle(fred2)                                                              => FALSE, ERROR_INVALID_HANDLE
                SetEvent(h)                                                                     => FALSE, ERROR_INVALID_HANDLE
                QueryHandleCount(hDup1)                                                         => 2
                """;
        Scenario s = ScenarioParser.parse("makefred.scenario", text);
        assertEquals("makefred.scenario", s.sourceName());
        assertEquals(List.of(Kind.BIND_CALL, Kind.CALL, Kind.BIND_EXPR, Kind.CALL, Kind.BIND_EXPR,
                Kind.CALL, Kind.CALL, Kind.CALL, Kind.CALL, Kind.CALL),
                s.statements().stream().map(Statement::kind).toList());
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
                s.statements().stream().map(Statement::line).toList());
        Statement dup = s.statements().get(1);
        Call call = assertInstanceOf(Call.class, dup.expr());
        assertEquals("DuplicateHandle", call.function());
        assertEquals(7, call.arguments().size());
        assertEquals(new Call("GetCurrentProcess", List.of(), new Position(3, 17)), call.arguments().get(0));
        assertEquals(new OutRef("hDup1", new Position(3, 62)), call.arguments().get(3));
        assertEquals(new IntLiteral(0, new Position(3, 70)), call.arguments().get(4));
    }

    @Nested
    class StatementForms {

        @Test
        void callWithoutArgumentsOrExpectation() throws ScenarioSyntaxException {
            Statement s = one("GetCurrentProcess()");
            assertEquals(Kind.CALL, s.kind());
            assertEquals(new Call("GetCurrentProcess", List.of(), at(1)), s.expr());
            assertNull(s.target());
            assertNull(s.targetAt());
            assertNull(s.expectation());
            assertNull(s.threadPrefix());
            assertNull(s.threadAt());
            assertEquals(1, s.line());
            assertEquals("GetCurrentProcess()", s.text());
        }

        @Test
        void callWithValueExpectation() throws ScenarioSyntaxException {
            Statement s = one("CloseHandle(h) => TRUE");
            assertEquals(Kind.CALL, s.kind());
            assertEquals(new Call("CloseHandle", List.of(new Name("h", at(13))), at(1)), s.expr());
            assertEquals(new ExpectValue(new Name("TRUE", at(19)), null, at(16)), s.expectation());
        }

        @Test
        void callWithValueAndLastError() throws ScenarioSyntaxException {
            Statement s = one("SetEvent(h) => FALSE, ERROR_INVALID_HANDLE");
            assertEquals(new ExpectValue(new Name("FALSE", at(16)),
                    new Name("ERROR_INVALID_HANDLE", at(23)), at(13)), s.expectation());
        }

        @Test
        void callExpectingValid() throws ScenarioSyntaxException {
            Statement s = one("OpenEvent(SYNCHRONIZE, FALSE, \"x\") => valid");
            assertEquals(Kind.CALL, s.kind());
            assertEquals(new ExpectValid(null, at(36)), s.expectation());
        }

        @Test
        void callExpectingValidAndLastError() throws ScenarioSyntaxException {
            Statement s = one("a = CreateEvent(NULL, TRUE, FALSE, \"S\") => valid, ERROR_ALREADY_EXISTS");
            assertEquals(new ExpectValid(new Name("ERROR_ALREADY_EXISTS", at(51)), at(41)), s.expectation());
        }

        @Test
        void bindCall() throws ScenarioSyntaxException {
            Statement s = one("mine = QueryObjectId(h)");
            assertEquals(Kind.BIND_CALL, s.kind());
            assertEquals("mine", s.target());
            assertEquals(at(1), s.targetAt());
            assertEquals(new Call("QueryObjectId", List.of(new Name("h", at(22))), at(8)), s.expr());
            assertNull(s.expectation());
        }

        @Test
        void bindCallWithExpectation() throws ScenarioSyntaxException {
            Statement s = one("h = CreateEvent(NULL, TRUE, FALSE, NULL) => valid");
            assertEquals(Kind.BIND_CALL, s.kind());
            assertEquals("h", s.target());
            assertEquals(new ExpectValid(null, at(42)), s.expectation());
        }

        @Test
        void bindName() throws ScenarioSyntaxException {
            Statement s = one("fred1 = h");
            assertEquals(Kind.BIND_EXPR, s.kind());
            assertEquals("fred1", s.target());
            assertEquals(new Name("h", at(9)), s.expr());
            assertNull(s.expectation());
        }

        @Test
        void bindLiteralsAndOperators() throws ScenarioSyntaxException {
            assertEquals(Kind.BIND_EXPR, one("bogus = 0x12340").kind());
            assertEquals(Kind.BIND_EXPR, one("s = \"text\"").kind());
            Statement s = one("x = GetLastError() | 1");
            assertEquals(Kind.BIND_EXPR, s.kind());
            assertInstanceOf(BinaryOp.class, s.expr());
        }

        @Test
        void check() throws ScenarioSyntaxException {
            Statement s = one("moved => h");
            assertEquals(Kind.CHECK, s.kind());
            assertNull(s.target());
            assertEquals(new Name("moved", at(1)), s.expr());
            assertEquals(new ExpectValue(new Name("h", at(10)), null, at(7)), s.expectation());
        }

        @Test
        void checkOfAStringAndOfValid() throws ScenarioSyntaxException {
            Statement s = one("data => \"hello\"");
            assertEquals(Kind.CHECK, s.kind());
            assertEquals(new ExpectValue(new StringLiteral("hello", at(9)), null, at(6)), s.expectation());
            assertEquals(new ExpectValid(null, at(3)), one("h => valid").expectation());
            assertEquals(new ExpectValue(new IntLiteral(0, at(8)), new Name("E", at(11)), at(5)),
                    one("out => 0, E").expectation());
        }

        @Test
        void validIsAKeywordOnlyAfterTheArrow() throws ScenarioSyntaxException {
            Statement bind = one("valid = 1");
            assertEquals("valid", bind.target());
            assertEquals(new Call("f", List.of(new Name("valid", at(3))), at(1)), one("f(valid)").expr());
            Statement check = one("valid => valid");
            assertEquals(Kind.CHECK, check.kind());
            assertEquals(new Name("valid", at(1)), check.expr());
            assertEquals(new ExpectValid(null, at(7)), check.expectation());
            assertEquals(new ExpectValid(new Name("valid", at(15)), at(5)), one("x() => valid, valid").expectation());
        }

        @Test
        void anExpressionCanBeAnExpectedValue() throws ScenarioSyntaxException {
            Statement s = one("GetProcessId(GetCurrentProcess()) => GetCurrentProcessId()");
            ExpectValue e = assertInstanceOf(ExpectValue.class, s.expectation());
            assertEquals(new Call("GetCurrentProcessId", List.of(), at(38)), e.value());
            Statement w = one("WaitForSingleObject(h, 0) => WAIT_OBJECT_0 + 1, ERROR_SUCCESS | 0");
            ExpectValue we = assertInstanceOf(ExpectValue.class, w.expectation());
            assertEquals(new BinaryOp(Op.ADD, new Name("WAIT_OBJECT_0", at(30)), new IntLiteral(1, at(46)), at(44)),
                    we.value());
            assertEquals(Op.OR, assertInstanceOf(BinaryOp.class, we.lastError()).op());
        }

        @Test
        void textIsTrimmedAndWithoutComment() throws ScenarioSyntaxException {
            assertEquals("CloseHandle(h)    => TRUE", one("  \t CloseHandle(h)    => TRUE   # closes it  ").text());
            assertEquals("@t: f()", one("\t@t: f()  // comment").text());
            assertEquals("s = \"a # b\"", one("s = \"a # b\"").text());
        }

        @Test
        void statementIsValidated() {
            Name n = new Name("x", at(1));
            Call c = new Call("f", List.of(), at(1));
            ExpectValid v = new ExpectValid(null, at(3));
            assertThrows(IllegalArgumentException.class, () -> new Statement(1, null, null, null, null, n, null, "x"));
            assertThrows(IllegalArgumentException.class,
                    () -> new Statement(1, null, null, null, null, new IntLiteral(1, at(1)), v, "1 => valid"));
            assertThrows(IllegalArgumentException.class, () -> new Statement(1, null, null, "y", at(1), n, v, "y = x => valid"));
            assertThrows(IllegalArgumentException.class, () -> new Statement(1, "t", null, null, null, c, null, "f()"));
            assertThrows(IllegalArgumentException.class, () -> new Statement(1, null, null, "y", null, c, null, "f()"));
            assertThrows(IllegalArgumentException.class, () -> new Statement(0, null, null, null, null, c, null, "f()"));
            assertEquals(Kind.CALL, new Statement(1, null, null, null, null, c, v, "f() => valid").kind());
        }
    }

    @Nested
    class Expressions {

        @Test
        void nestedCallsAndArguments() throws ScenarioSyntaxException {
            assertEquals(new Call("CloseHandle", List.of(new Call("GetCurrentThread", List.of(), at(17))), at(5)),
                    bound("CloseHandle(GetCurrentThread())"));
            assertEquals(new Call("f", List.of(new IntLiteral(1, at(7)), new StringLiteral("s", at(10)),
                    new Name("N", at(15)), new Call("g", List.of(new Name("a", at(20))), at(18))), at(5)),
                    bound("f(1, \"s\", N, g(a))"));
        }

        @Test
        void outReference() throws ScenarioSyntaxException {
            assertEquals(new Call("GetHandleInformation", List.of(new Name("h", at(22)), new OutRef("flags", at(25))), at(1)),
                    one("GetHandleInformation(h, &flags)").expr());
        }

        @Test
        void handleArrays() throws ScenarioSyntaxException {
            Call c = assertInstanceOf(Call.class, one("WaitForMultipleObjects(2, {a, b | 0}, TRUE, INFINITE)").expr());
            assertEquals(new HandleArray(List.of(new Name("a", at(28)),
                    new BinaryOp(Op.OR, new Name("b", at(31)), new IntLiteral(0, at(35)), at(33))), at(27)),
                    c.arguments().get(1));
            Call empty = assertInstanceOf(Call.class, one("W(0, {}, TRUE, 0)").expr());
            assertEquals(new HandleArray(List.of(), at(6)), empty.arguments().get(1));
        }

        @Test
        void operatorsAreLeftAssociativeWithOnePrecedence() throws ScenarioSyntaxException {
            Expr e = bound("A | B + C | 1");
            Name a = new Name("A", at(5));
            Name b = new Name("B", at(9));
            Name c = new Name("C", at(13));
            assertEquals(new BinaryOp(Op.OR,
                    new BinaryOp(Op.ADD, new BinaryOp(Op.OR, a, b, at(7)), c, at(11)),
                    new IntLiteral(1, at(17)), at(15)), e);
        }

        @Test
        void operatorsInArguments() throws ScenarioSyntaxException {
            Call c = assertInstanceOf(Call.class,
                    one("D(p, h, p, &o, 0, TRUE, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE)").expr());
            BinaryOp or = assertInstanceOf(BinaryOp.class, c.arguments().get(6));
            assertEquals(Op.OR, or.op());
            assertEquals("|", or.op().symbol());
            assertEquals("+", Op.ADD.symbol());
        }

        @Test
        void spacingIsFree() throws ScenarioSyntaxException {
            assertEquals(one("f(a,&b,{c},1|2)=>1,E").expr(), one("f(a,&b,{c},1|2)=>1,E").expr());
            Statement tight = one("x=f(1)=>valid,E");
            assertEquals(Kind.BIND_CALL, tight.kind());
            assertEquals(new ExpectValid(new Name("E", at(15)), at(7)), tight.expectation());
            Statement loose = one("f ( & o , { a } )");
            assertEquals(new Call("f", List.of(new OutRef("o", at(5)), new HandleArray(List.of(new Name("a", at(13))), at(11))), at(1)),
                    loose.expr());
        }

        @Test
        void identifiers() throws ScenarioSyntaxException {
            assertEquals(new Name("_a1_B2", at(5)), bound("_a1_B2"));
            assertEquals(new Name("__", at(5)), bound("__"));
        }

        @Test
        void listsAreImmutable() throws ScenarioSyntaxException {
            Call c = assertInstanceOf(Call.class, one("f(a)").expr());
            assertThrows(UnsupportedOperationException.class, () -> c.arguments().add(c));
            List<Expr> args = new ArrayList<>(List.of(c));
            Call copy = new Call("g", args, at(1));
            args.clear();
            assertEquals(1, copy.arguments().size());
            Scenario s = ScenarioParser.parse("t", "f()");
            assertThrows(UnsupportedOperationException.class, () -> s.statements().clear());
        }
    }

    @Nested
    class Literals {

        long value(String literal) throws ScenarioSyntaxException {
            return assertInstanceOf(IntLiteral.class, bound(literal)).value();
        }

        @Test
        void decimal() throws ScenarioSyntaxException {
            assertEquals(42, value("42"));
            assertEquals(0, value("0"));
            assertEquals(7, value("007"));
            assertEquals(Long.MAX_VALUE, value("9223372036854775807"));
        }

        @Test
        void negative() throws ScenarioSyntaxException {
            assertEquals(new IntLiteral(-1, at(5)), bound("-1"));
            assertEquals(Long.MIN_VALUE, value("-9223372036854775808"));
            assertEquals(0, value("-0"));
            assertEquals(new ExpectValue(new IntLiteral(-2, at(23)), null, at(20)),
                    one("GetCurrentThread() => -2").expectation());
            assertEquals(new Call("f", List.of(new IntLiteral(-5, at(3))), at(1)), one("f(-5)").expr());
        }

        @Test
        void hexadecimal() throws ScenarioSyntaxException {
            assertEquals(0x3C, value("0x3C"));
            assertEquals(0x3C, value("0x3c"));
            assertEquals(0xABCDEF, value("0XaBcDeF"));
            assertEquals(0xFFFFFFFFL, value("0xFFFFFFFF"));
            assertEquals(0, value("0x0"));
            assertEquals(1, value("0x00000000000000000000001"));
        }

        @Test
        void hexadecimalWrapsToNegative() throws ScenarioSyntaxException {
            assertEquals(-1, value("0xFFFFFFFFFFFFFFFF"));
            assertEquals(-1, value("0xffffffffffffffff"));
            assertEquals(Long.MIN_VALUE, value("0x8000000000000000"));
            assertEquals(Long.MAX_VALUE, value("0x7FFFFFFFFFFFFFFF"));
        }

        @Test
        void strings() throws ScenarioSyntaxException {
            assertEquals(new StringLiteral("hello", at(5)), bound("\"hello\""));
            assertEquals("", ((StringLiteral) bound("\"\"")).value());
            assertEquals("C:\\data\\log.txt", ((StringLiteral) bound("\"C:\\\\data\\\\log.txt\"")).value());
            assertEquals("\\\\.\\Echo", ((StringLiteral) bound("\"\\\\\\\\.\\\\Echo\"")).value());
            assertEquals("say \"hi\"\n\tbye", ((StringLiteral) bound("\"say \\\"hi\\\"\\n\\tbye\"")).value());
            assertEquals("tab\there é 😀", ((StringLiteral) bound("\"tab\there é 😀\"")).value());
        }
    }

    @Nested
    class Comments {

        @Test
        void commentLinesAndBlankLinesAreSkipped() throws ScenarioSyntaxException {
            Scenario s = ScenarioParser.parse("t", "# a comment\n\n   \n\t\n// another\n  # indented\nf()\n\n");
            assertEquals(1, s.statements().size());
            assertEquals(7, s.statements().get(0).line());
        }

        @Test
        void trailingComments() throws ScenarioSyntaxException {
            assertEquals(new ExpectValue(new IntLiteral(3, at(8)), null, at(5)), one("f() => 3 # three").expectation());
            assertEquals(new ExpectValue(new IntLiteral(3, at(8)), null, at(5)), one("f() => 3// three").expectation());
            assertEquals(new IntLiteral(5, at(3)), one("x=5#c").expr());
        }

        @Test
        void commentMarkersInsideStringLiterals() throws ScenarioSyntaxException {
            Statement s = one("CreateEvent(NULL, TRUE, FALSE, \"a#b//c\") => valid # real comment");
            Call c = assertInstanceOf(Call.class, s.expr());
            assertEquals(new StringLiteral("a#b//c", at(32)), c.arguments().get(3));
            assertInstanceOf(ExpectValid.class, s.expectation());
            assertEquals("CreateEvent(NULL, TRUE, FALSE, \"a#b//c\") => valid", s.text());
        }

        @Test
        void emptyTexts() throws ScenarioSyntaxException {
            assertTrue(ScenarioParser.parse("t", "").statements().isEmpty());
            assertTrue(ScenarioParser.parse("t", "\n").statements().isEmpty());
            assertTrue(ScenarioParser.parse("t", "# only\r\n").statements().isEmpty());
        }
    }

    @Nested
    class Lines {

        @Test
        void crlfAndLfAndNoFinalNewline() throws ScenarioSyntaxException {
            Scenario s = ScenarioParser.parse("t", "a()\r\nb() => 1\r\n\r\nc = 2\nd => 2");
            assertEquals(List.of(1, 2, 4, 5), s.statements().stream().map(Statement::line).toList());
            assertEquals("b() => 1", s.statements().get(1).text());
            assertEquals(new IntLiteral(2, new Position(4, 5)), s.statements().get(2).expr());
        }

        @Test
        void byteOrderMarkIsIgnored() throws ScenarioSyntaxException {
            Statement s = ScenarioParser.parse("t", "\uFEFFf()").statements().get(0);
            assertEquals(at(1), s.expr().at());
        }

        @Test
        void columnsCountCharactersTabsAsOne() throws ScenarioSyntaxException {
            Statement s = one("\tx\t=\t\"😀é\"\t");
            assertEquals(at(2), s.targetAt());
            assertEquals(at(6), s.expr().at());
            Call c = assertInstanceOf(Call.class, one("f(\"😀\", a)").expr());
            assertEquals(new Name("a", at(8)), c.arguments().get(1));
        }
    }

    @Nested
    class Threads {

        @Test
        void prefixOnACall() throws ScenarioSyntaxException {
            Statement s = one("@tid: ExitThread(7)");
            assertEquals("tid", s.threadPrefix());
            assertEquals(at(2), s.threadAt());
            assertEquals(new Call("ExitThread", List.of(new IntLiteral(7, at(18))), at(7)), s.expr());
            assertEquals("@tid: ExitThread(7)", s.text());
        }

        @Test
        void mainAndEveryStatementForm() throws ScenarioSyntaxException {
            Statement main = one("@main: x = GetCurrentThreadId()");
            assertEquals("main", main.threadPrefix());
            assertEquals(Kind.BIND_CALL, main.kind());
            assertEquals(Kind.BIND_EXPR, one("@t: x = y").kind());
            assertEquals(Kind.CHECK, one("@t: x => 1").kind());
            assertEquals(Kind.CALL, one("@t:f()").kind());
        }

        @Test
        void spacingAroundThePrefix() throws ScenarioSyntaxException {
            Statement s = one("  @t2:    WaitForSingleObject(h, 0)   => WAIT_TIMEOUT");
            assertEquals("t2", s.threadPrefix());
            assertEquals(at(4), s.threadAt());
            assertEquals(at(11), s.expr().at());
            assertEquals("@t2:    WaitForSingleObject(h, 0)   => WAIT_TIMEOUT", s.text());
            Statement spaced = one("@ t : f()");
            assertEquals("t", spaced.threadPrefix());
            assertEquals(at(3), spaced.threadAt());
        }
    }
}
