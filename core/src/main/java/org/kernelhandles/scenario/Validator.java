package org.kernelhandles.scenario;

import java.util.ArrayList;
import java.util.List;
import org.kernelhandles.scenario.ScenarioFunction.Kind;
import org.kernelhandles.scenario.ScenarioFunction.Param;
import org.kernelhandles.scenario.syntax.BinaryOp;
import org.kernelhandles.scenario.syntax.Call;
import org.kernelhandles.scenario.syntax.ExpectValue;
import org.kernelhandles.scenario.syntax.Expr;
import org.kernelhandles.scenario.syntax.HandleArray;
import org.kernelhandles.scenario.syntax.IntLiteral;
import org.kernelhandles.scenario.syntax.Name;
import org.kernelhandles.scenario.syntax.OutRef;
import org.kernelhandles.scenario.syntax.Position;
import org.kernelhandles.scenario.syntax.Scenario;
import org.kernelhandles.scenario.syntax.Statement;

/**
 * Checks a parsed scenario against the function table before anything runs: every function
 * exists (or the nearest one is named), has the right number of arguments (or its signature is
 * shown), and gets {@code &name} exactly where it writes a result; no constant is assigned to.
 * Problems read {@code file:LINE:COL: message}, like parse errors, and a file with any does not run.
 */
final class Validator {
    private final String source;
    private final List<String> problems = new ArrayList<>();

    private Validator(String source) {
        this.source = source;
    }

    static List<String> validate(Scenario scenario) {
        Validator v = new Validator(scenario.sourceName());
        for (Statement s : scenario.statements()) {
            v.statement(s);
        }
        return v.problems;
    }

    private void problem(Position at, String message) {
        problems.add(source + ":" + at.line() + ":" + at.column() + ": " + message);
    }

    private void statement(Statement s) {
        if (s.threadPrefix() != null && !s.threadPrefix().equals("main")
                && ScenarioConstants.isConstant(s.threadPrefix())) {
            problem(s.threadAt(), "'" + s.threadPrefix() + "' is a constant, not a thread id variable");
        }
        if (s.target() != null) {
            assignable(s.target(), s.targetAt());
        }
        if (s.expr() instanceof Call call) {
            call(call);
        } else {
            expression(s.expr());
        }
        if (s.expectation() != null) {
            if (s.expectation() instanceof ExpectValue ev) {
                expression(ev.value());
            }
            if (s.expectation().lastError() != null) {
                expression(s.expectation().lastError());
            }
        }
    }

    private void assignable(String name, Position at) {
        if (ScenarioConstants.isConstant(name)) {
            problem(at, "'" + name + "' is a constant and cannot be assigned");
        }
    }

    /** Any expression but a whole argument: no {@code &name} and no {@code {...}} here. */
    private void expression(Expr e) {
        switch (e) {
            case Call c -> call(c);
            case BinaryOp b -> {
                expression(b.left());
                expression(b.right());
            }
            case OutRef o -> problem(o.at(), "&" + o.variable() + " can only be a whole argument of a call");
            case HandleArray a -> problem(a.at(), "{...} can only be an argument of WaitForMultipleObjects");
            default -> { }
        }
    }

    private void call(Call call) {
        ScenarioFunction f = Functions.find(call.function());
        if (f == null) {
            problem(call.at(), "unknown function '" + call.function() + "'; did you mean '"
                    + Functions.nearest(call.function()) + "'?");
            return;
        }
        List<Expr> args = call.arguments();
        if (args.size() != f.params().size()) {
            problem(call.at(), f.name() + " takes " + f.params().size() + " argument"
                    + (f.params().size() == 1 ? "" : "s") + ", got " + args.size() + ": " + f.signature());
            return;
        }
        for (int i = 0; i < args.size(); i++) {
            argument(f, i, args.get(i));
        }
    }

    private void argument(ScenarioFunction f, int index, Expr arg) {
        Param p = f.params().get(index);
        String which = "argument " + (index + 1) + " of " + f.name() + " (" + p.name() + ")";
        if (p.isOut()) {
            if (arg instanceof OutRef o) {
                assignable(o.variable(), o.at());
            } else if (!isNull(arg)) {
                problem(arg.at(), which + " is an out parameter: write &name or NULL");
            }
            return;
        }
        if (p.kind() == Kind.HANDLES) {
            if (arg instanceof HandleArray a) {
                a.elements().forEach(this::expression);
            } else {
                problem(arg.at(), which + " takes an array of handles: {h1, h2, ...}");
            }
            return;
        }
        if (p.kind() == Kind.UNUSED_POINTER) {
            if (!isNull(arg)) {
                problem(arg.at(), which + " must be NULL: the model does not use it");
            }
            return;
        }
        if (arg instanceof OutRef o) {
            problem(o.at(), which + " takes a value, not &" + o.variable());
            return;
        }
        expression(arg);
    }

    private static boolean isNull(Expr e) {
        return (e instanceof Name n && n.identifier().equals("NULL"))
                || (e instanceof IntLiteral i && i.value() == 0);
    }
}
