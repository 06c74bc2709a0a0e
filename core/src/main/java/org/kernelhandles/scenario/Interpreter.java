package org.kernelhandles.scenario;

import static org.kernelhandles.scenario.ValueText.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.kernelhandles.executive.KProcess;
import org.kernelhandles.executive.KThread;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.executive.KernelListener;
import org.kernelhandles.executive.KernelObject;
import org.kernelhandles.executive.NtStatus;
import org.kernelhandles.executive.VirtualClock;
import org.kernelhandles.executive.Wait;
import org.kernelhandles.verifier.Site;
import org.kernelhandles.verifier.Verifier;
import org.kernelhandles.executive.handles.HandleEntry;
import org.kernelhandles.nt.LongRef;
import org.kernelhandles.scenario.RunReport.Failure;
import org.kernelhandles.scenario.ValueText.Display;
import org.kernelhandles.scenario.RunReport.LineRecord;
import org.kernelhandles.scenario.RunReport.OpenHandle;
import org.kernelhandles.scenario.ScenarioFunction.Kind;
import org.kernelhandles.scenario.ScenarioFunction.Param;
import org.kernelhandles.scenario.ScenarioFunction.Result;
import org.kernelhandles.scenario.syntax.BinaryOp;
import org.kernelhandles.scenario.syntax.Call;
import org.kernelhandles.scenario.syntax.ExpectValid;
import org.kernelhandles.scenario.syntax.ExpectValue;
import org.kernelhandles.scenario.syntax.Expectation;
import org.kernelhandles.scenario.syntax.Expr;
import org.kernelhandles.scenario.syntax.HandleArray;
import org.kernelhandles.scenario.syntax.IntLiteral;
import org.kernelhandles.scenario.syntax.Name;
import org.kernelhandles.scenario.syntax.OutRef;
import org.kernelhandles.scenario.syntax.Scenario;
import org.kernelhandles.scenario.syntax.Statement;
import org.kernelhandles.scenario.syntax.StringLiteral;
import org.kernelhandles.win32.Kernel32;
import org.kernelhandles.win32.Win32Error;

/**
 * Runs one validated scenario against a fresh kernel, line by line, as the contract says: each
 * line on its thread, out parameters bound after the call, expectations checked against the
 * result and the thread's last error right after the call. A failed expectation or an error in
 * the script fails that line only; the run goes on.
 *
 * <p>Time is virtual: a wait that cannot complete at once parks its thread, the run goes on, and
 * the wait completes at the line that satisfies it (or when {@code Sleep} passes its timeout),
 * where its expectation is checked. The verifier watches the whole run; each variable remembers
 * which handle its value was copied from, so a stale copy that a recycled value now answers to is
 * told from a fresh one (RECYCLED_USE).
 */
final class Interpreter {

    /** A variable: its value, how it reads, and for a handle which handle it was copied from. */
    private record Variable(Object value, Display display, Verifier.Stamp stamp) {}

    /** A thread parked in a wait: the statement that waits, to finish when the wait completes. */
    private record Blocked(Statement statement, String thread, Kernel32 k32) {}

    /** A finished call: its value, how to show it, and the caller's last error right after it. */
    private record Outcome(long value, Result kind, int lastError, String text, List<String> outputs) {}

    private final Scenario scenario;
    private final Kernel kernel;
    private final KThread mainThread;
    private final TraceRecorder recorder;
    private final Map<String, Variable> variables = new HashMap<>();
    private final Map<KThread, Kernel32> facades = new HashMap<>();
    private final List<LineRecord> lines = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final Verifier verifier;
    private final boolean strict;
    private final Map<KThread, Blocked> blocked = new LinkedHashMap<>();
    private final List<Wait> completedWaits = new ArrayList<>();
    private final List<RunReport.Finding> findings = new ArrayList<>();
    private int currentLine;
    /** The thread the current line runs on, once it has been resolved. */
    private KThread lineThread;
    private int findingsSeen;
    private SnapshotTaker snapshots; // null unless the run was asked for snapshots

    Interpreter(Scenario scenario, Kernel.Config config, boolean strict) {
        this.scenario = scenario;
        this.strict = strict;
        this.kernel = new Kernel(config, new VirtualClock());
        this.verifier = new Verifier(() -> Site.line(currentLine));
        verifier.setStrict(strict);
        this.recorder = new TraceRecorder(verifier);
        KernelListener waits = new KernelListener() {
            @Override
            public void waitCompleted(Wait wait) {
                completedWaits.add(wait); // finished after the call that completed it returns
            }
        };
        // The recorder first: it reads what a value named before from the verifier, before the verifier moves on.
        kernel.setListener(KernelListener.both(recorder, KernelListener.both(verifier, waits)));
        Kernel.Started main = kernel.createProcess("main.exe", null);
        kernel.objects().dereference(main.process());
        kernel.objects().dereference(main.thread());
        this.mainThread = main.thread();
    }

    /** Asks for a snapshot of the handle tables and objects after every line (for {@code kh run --html}). */
    Interpreter withSnapshots(boolean on) {
        snapshots = on ? new SnapshotTaker(kernel) : null;
        return this;
    }

    RunReport run() {
        for (Statement s : scenario.statements()) {
            execute(s);
        }
        List<String> stillBlocked = new ArrayList<>();
        for (Blocked b : blocked.values()) {
            stillBlocked.add("thread " + b.thread() + " is still blocked in the wait at line " + b.statement().line());
            if (b.statement().expectation() != null) {
                failures.add(new Failure(b.statement().line(), b.statement().text(), expectationText(b.statement()),
                        "still blocked at the end of the run"));
            }
        }
        for (org.kernelhandles.verifier.Finding leak : verifier.openHandles()) {
            findings.add(toFinding(leak, variableHolding(leak)));
        }
        failures.sort(java.util.Comparator.comparingInt(Failure::line));
        return new RunReport(scenario.sourceName(), List.of(), lines, failures, openHandles(), findings, stillBlocked);
    }

    private void execute(Statement s) {
        currentLine = s.line();
        recorder.startLine();
        String thread = s.threadPrefix() == null ? "main" : s.threadPrefix();
        String callText = s.text();
        String result = null;
        String lastError = null;
        List<String> outputs = new ArrayList<>();
        String error = null;
        try {
            KThread t = threadFor(s);
            lineThread = t;
            thread = label(s, t);
            Kernel32 k32 = facade(t);
            switch (s.kind()) {
                case CALL, BIND_CALL -> {
                    Outcome o = call((Call) s.expr(), k32);
                    callText = o.text();
                    outputs.addAll(o.outputs());
                    if (o.kind() == Result.WAIT && o.value() == Kernel32.WAIT_PENDING) {
                        blocked.put(t, new Blocked(s, thread, k32));
                        result = "(blocked)";
                        break; // its result, binding and expectation come when the wait completes
                    }
                    result = render(o.value(), o.kind());
                    if (failed(o.value(), o.kind()) && setsLastError(o.kind())) {
                        lastError = Win32Error.name(o.lastError());
                    }
                    if (s.target() != null) {
                        bind(s.target(), o.value(), displayOf(o.kind()), k32);
                    }
                    if (s.expectation() != null) {
                        check(s, s.expectation(), o.value(), o.kind(), o.lastError(), k32);
                    }
                }
                case BIND_EXPR -> {
                    Object value = eval(s.expr(), k32);
                    // A plain copy (fred1 = h) is a copy of the same handle: it keeps h's identity.
                    Variable source = s.expr() instanceof Name n ? variables.get(n.identifier()) : null;
                    Display d = source != null ? source.display()
                            : value instanceof String ? Display.TEXT : Display.DECIMAL;
                    variables.put(s.target(), new Variable(value, d, source != null ? source.stamp() : null));
                    result = show(value, d);
                }
                case CHECK -> {
                    Name n = (Name) s.expr();
                    Object value = eval(n, k32);
                    Display d = variables.containsKey(n.identifier()) ? variables.get(n.identifier()).display()
                            : Display.DECIMAL;
                    result = show(value, d);
                    check(s, s.expectation(), value, d, k32.GetLastError(), k32);
                }
            }
        } catch (ScriptError e) {
            error = e.getMessage();
            failures.add(new Failure(s.line(), s.text(), "", "error: " + e.getMessage()));
        } catch (Verifier.StrictHandleCheckException e) {
            // R40: strict handle checks raise; nothing handles the exception, so the thread dies of it.
            kernel.endThread(lineThread, NtStatus.STATUS_INVALID_HANDLE);
            error = "strict handle checks stopped thread " + thread + ": " + e.getMessage();
            failures.add(new Failure(s.line(), s.text(), "", "error: " + error));
        } catch (RuntimeException e) {
            // A fault in the model, not in the script: report it on the line and go on, never throw.
            error = "internal error: " + e;
            failures.add(new Failure(s.line(), s.text(), "", "error: " + error));
        }
        finishCompletedWaits();
        attributeFindings(s);
        lines.add(new LineRecord(s.line(), thread, callText, result, lastError, outputs, recorder.finishLine(), error,
                snapshots != null ? snapshots.take() : null));
    }

    // ---------------------------------------------------------------- waits that completed on this line

    /**
     * Finishes the statements whose waits completed during the line just run: the wait's result
     * as the Win32 call returns it, its last error, its binding and its expectation, and a note in
     * this line's trace, where the completion happened.
     */
    private void finishCompletedWaits() {
        while (!completedWaits.isEmpty()) {
            Wait w = completedWaits.remove(0);
            Blocked b = blocked.remove(w.thread());
            if (b == null) {
                continue;
            }
            Statement s = b.statement();
            if (w.status() == NtStatus.STATUS_THREAD_IS_TERMINATING) {
                recorder.note("the wait of line " + s.line() + " on thread " + b.thread()
                        + " never returns: its thread ended");
                if (s.expectation() != null) {
                    failures.add(new Failure(s.line(), s.text(), expectationText(s),
                            "never returned: its thread ended at line " + currentLine));
                }
                continue;
            }
            long value = Integer.toUnsignedLong(b.k32().waitResult(w.status()));
            int lastError = b.k32().GetLastError();
            recorder.note("the wait of line " + s.line() + " on thread " + b.thread() + " returns "
                    + render(value, Result.WAIT) + (failed(value, Result.WAIT) ? ", " + Win32Error.name(lastError) : ""));
            if (s.target() != null) {
                bind(s.target(), value, Display.DECIMAL, b.k32());
            }
            if (s.expectation() != null) {
                try {
                    check(s, s.expectation(), value, Result.WAIT, lastError, b.k32());
                } catch (ScriptError e) {
                    failures.add(new Failure(s.line(), s.text(), "", "error: " + e.getMessage()));
                }
            }
        }
    }

    // ---------------------------------------------------------------- findings

    /**
     * Takes the findings the verifier made during this line, naming the variable a handle came from
     * where the line passed one whose value is the handle.
     */
    private void attributeFindings(Statement s) {
        List<org.kernelhandles.verifier.Finding> all = verifier.findings();
        for (int i = findingsSeen; i < all.size(); i++) {
            org.kernelhandles.verifier.Finding f = all.get(i);
            String variable = f.variable();
            if (variable == null && f.kind() != org.kernelhandles.verifier.Finding.Kind.LEAK
                    && s.expr() instanceof Call call) {
                variable = handleArgumentWithValue(call, f.handle());
            }
            if (variable == null && f.kind() == org.kernelhandles.verifier.Finding.Kind.LEAK) {
                variable = variableHolding(f);
            }
            findings.add(toFinding(f, variable));
        }
        findingsSeen = all.size();
    }

    /**
     * The name passed for a handle parameter of {@code call} (or in its handle array) whose value is
     * {@code handle}, or null.
     */
    private String handleArgumentWithValue(Call call, long handle) {
        for (Name n : handleArguments(call)) {
            if (variables.get(n.identifier()) instanceof Variable v && v.value() instanceof Long value
                    && (value < 0 ? value : value & ~3L) == handle) {
                return n.identifier();
            }
        }
        return null;
    }

    /** The variables {@code call} passes as handles: its handle parameters and the elements of {@code {...}}. */
    private static List<Name> handleArguments(Call call) {
        ScenarioFunction f = Functions.find(call.function());
        List<Name> names = new ArrayList<>();
        for (int i = 0; i < call.arguments().size(); i++) {
            Kind kind = f.params().get(i).kind();
            Expr arg = call.arguments().get(i);
            if (kind == Kind.HANDLE && arg instanceof Name n) {
                names.add(n);
            } else if (kind == Kind.HANDLES && arg instanceof HandleArray a) {
                for (Expr element : a.elements()) {
                    if (element instanceof Name n) {
                        names.add(n);
                    }
                }
            }
        }
        return names;
    }

    /**
     * The variable a leaked handle was copied from: the one whose stamp is that very handle (in its
     * own process, also when the process has just exited and closed it); failing that, one holding
     * the value whose stamp is current in the process; else any holding the value (a copy inherited
     * at the same value, R37); or null.
     */
    private String variableHolding(org.kernelhandles.verifier.Finding leak) {
        long value = leak.handle();
        if (leak.identity() != null) {
            for (Map.Entry<String, Variable> e : variables.entrySet()) {
                if (leak.identity().equals(e.getValue().stamp())) {
                    return e.getKey();
                }
            }
        }
        String any = null;
        for (Map.Entry<String, Variable> e : variables.entrySet()) {
            Variable v = e.getValue();
            if (v.display() == Display.HANDLE && v.value() instanceof Long n && (n & ~3L) == value) {
                if (v.stamp() != null && isCurrent(v.stamp()) && (leak.identity() == null
                        || v.stamp().processId() == leak.identity().processId())) {
                    return e.getKey();
                }
                if (any == null) {
                    any = e.getKey();
                }
            }
        }
        return any;
    }

    private boolean isCurrent(Verifier.Stamp stamp) {
        for (KProcess p : kernel.processes()) {
            if (p.processId() == stamp.processId()) {
                Verifier.Stamp now = verifier.stamp(p, stamp.value());
                return now != null && now.generation() == stamp.generation();
            }
        }
        return false;
    }

    private static RunReport.Finding toFinding(org.kernelhandles.verifier.Finding f, String variable) {
        List<Integer> related = new ArrayList<>();
        for (Site s : f.related()) {
            related.add(s.line());
        }
        return new RunReport.Finding(f.kind().name(), f.site().line(), related, f.process(), f.handle(), variable,
                f.message());
    }

    // ---------------------------------------------------------------- threads

    private KThread threadFor(Statement s) {
        if (s.threadPrefix() == null || s.threadPrefix().equals("main")) {
            if (mainThread.hasEnded()) {
                throw new ScriptError(s.threadAt(), "thread main (tid " + mainThread.threadId() + ") has ended");
            }
            refuseIfBlocked(s, mainThread);
            return mainThread;
        }
        Variable v = variables.get(s.threadPrefix());
        if (v == null) {
            throw new ScriptError(s.threadAt(), "unbound variable '" + s.threadPrefix() + "'");
        }
        if (!(v.value() instanceof Long tid)) {
            throw new ScriptError(s.threadAt(), "'" + s.threadPrefix() + "' holds a string, not a thread id");
        }
        KThread t = kernel.findThread(tid);
        if (t == null) {
            throw new ScriptError(s.threadAt(), "no thread has id " + tid + " ('" + s.threadPrefix() + "')");
        }
        if (t.hasEnded()) {
            throw new ScriptError(s.threadAt(), "thread " + s.threadPrefix() + " (tid " + tid + ") has ended");
        }
        refuseIfBlocked(s, t);
        return t;
    }

    /** A line addressed to a thread parked in a wait is an error in the script, naming the wait. */
    private void refuseIfBlocked(Statement s, KThread t) {
        Blocked b = blocked.get(t);
        if (b != null) {
            throw new ScriptError(s.threadAt(), "thread " + b.thread() + " is blocked in the wait at line "
                    + b.statement().line() + ": " + b.statement().text().replaceAll("\\s{2,}", " "));
        }
    }

    private static String label(Statement s, KThread t) {
        String name = s.threadPrefix() == null ? "main" : s.threadPrefix();
        return name + " (tid " + t.threadId() + (t.process().imageName().equals("main.exe") ? ""
                : ", " + t.process().imageName()) + ")";
    }

    private Kernel32 facade(KThread t) {
        return facades.computeIfAbsent(t, thread -> new Kernel32(kernel, thread));
    }

    // ---------------------------------------------------------------- calls

    private Outcome call(Call call, Kernel32 k32) {
        ScenarioFunction f = Functions.find(call.function());
        List<Param> params = f.params();
        Object[] values = new Object[params.size()];
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            Expr arg = call.arguments().get(i);
            values[i] = argument(f, i, p, arg, k32);
            shown.add(showArgument(p, arg, values[i]));
        }
        checkStaleCopies(call, f, k32);
        long value = f.body().call(k32, new Arguments(values));
        int lastError = k32.GetLastError();
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            if (call.arguments().get(i) instanceof OutRef out && values[i] != null) {
                Param p = params.get(i);
                if (p.kind() == Kind.OUT_TEXT) {
                    bind(out.variable(), values[i].toString(), Display.TEXT, k32);
                } else {
                    bind(out.variable(), ((LongRef) values[i]).value, displayOfOut(p), k32);
                }
                outputs.add(out.variable() + " = " + show(variables.get(out.variable()).value(),
                        variables.get(out.variable()).display()));
            }
        }
        return new Outcome(value, f.result(), lastError, f.name() + "(" + String.join(", ", shown) + ")", outputs);
    }

    /**
     * Before a call, checks each handle argument that is a variable against the handle it was
     * copied from: if that handle was closed and the value names another one now, the call is a
     * recycled use (the verifier reports it, naming the close and the new occupant's line).
     */
    private void checkStaleCopies(Call call, ScenarioFunction f, Kernel32 k32) {
        boolean isClose = f.name().equals("CloseHandle") || f.name().equals("NtClose");
        for (Name n : handleArguments(call)) {
            if (variables.get(n.identifier()) instanceof Variable v && v.stamp() != null
                    && v.stamp().processId() == k32.thread().process().processId()) {
                verifier.checkStamp(v.stamp(), n.identifier(), isClose);
            }
        }
    }

    private Object argument(ScenarioFunction f, int index, Param p, Expr arg, Kernel32 k32) {
        switch (p.kind()) {
            case OUT: {
                if (!(arg instanceof OutRef o)) {
                    return null;
                }
                // &name is the variable's address, as in C: a call that writes nothing leaves it as it was.
                LongRef ref = new LongRef();
                if (variables.get(o.variable()) instanceof Variable v && v.value() instanceof Long n) {
                    ref.value = n;
                }
                return ref;
            }
            case OUT_TEXT: {
                if (!(arg instanceof OutRef o)) {
                    return null;
                }
                StringBuilder text = new StringBuilder();
                if (variables.get(o.variable()) instanceof Variable v && v.value() instanceof String old) {
                    text.append(old);
                }
                return text;
            }
            case UNUSED_POINTER:
                return null;
            case HANDLES: {
                List<Expr> elements = ((HandleArray) arg).elements();
                long[] handles = new long[elements.size()];
                for (int i = 0; i < handles.length; i++) {
                    handles[i] = number(elements.get(i), k32, f, index, p);
                }
                return handles;
            }
            case STRING: {
                Object v = eval(arg, k32);
                if (v instanceof Long n) {
                    if (n != 0) {
                        throw new ScriptError(arg.at(), "argument " + (index + 1) + " of " + f.name() + " ("
                                + p.name() + ") takes a string or NULL, got " + n);
                    }
                    return null;
                }
                return v;
            }
            default:
                return number(arg, k32, f, index, p);
        }
    }

    private long number(Expr arg, Kernel32 k32, ScenarioFunction f, int index, Param p) {
        Object v = eval(arg, k32);
        if (v instanceof Long n) {
            return n;
        }
        throw new ScriptError(arg.at(), "argument " + (index + 1) + " of " + f.name() + " (" + p.name()
                + ") takes a number, got the string \"" + v + "\"");
    }

    private Object eval(Expr e, Kernel32 k32) {
        return switch (e) {
            case IntLiteral i -> i.value();
            case StringLiteral s -> s.value();
            case Name n -> {
                Variable v = variables.get(n.identifier());
                if (v != null) {
                    yield v.value();
                }
                yield ScenarioConstants.value(n.identifier()).orElseThrow(
                        () -> new ScriptError(n.at(), "unbound variable '" + n.identifier() + "'"));
            }
            case Call c -> {
                Outcome o = call(c, k32);
                if (o.kind() == Result.WAIT && o.value() == Kernel32.WAIT_PENDING) {
                    throw new ScriptError(c.at(), c.function() + " would block here: a wait that blocks must be the "
                            + "whole statement, so the run can go on without its value");
                }
                yield o.value();
            }
            case BinaryOp b -> {
                Object l = eval(b.left(), k32);
                Object r = eval(b.right(), k32);
                if (!(l instanceof Long x) || !(r instanceof Long y)) {
                    throw new ScriptError(b.at(), "'" + (b.op() == BinaryOp.Op.OR ? "|" : "+")
                            + "' takes numbers, not strings");
                }
                yield b.op() == BinaryOp.Op.OR ? x | y : x + y;
            }
            case OutRef o -> throw new ScriptError(o.at(), "&" + o.variable() + " is not a value");
            case HandleArray a -> throw new ScriptError(a.at(), "{...} is not a value");
        };
    }

    /** Binds a variable; a handle value remembers which handle of the caller's process it copies. */
    private void bind(String name, Object value, Display display, Kernel32 k32) {
        Verifier.Stamp stamp = display == Display.HANDLE && value instanceof Long h && h > 0
                ? verifier.stamp(k32.thread().process(), h) : null;
        variables.put(name, new Variable(value, display, stamp));
    }

    // ---------------------------------------------------------------- expectations

    private void check(Statement s, Expectation expectation, Object actual, Object kindOrDisplay, int lastError,
            Kernel32 k32) {
        String expectedText = expectationText(s);
        boolean ok;
        String expectedShown = expectedText;
        if (expectation instanceof ExpectValid) {
            ok = actual instanceof Long v && v != 0 && v != -1;
        } else {
            Object expected = eval(((ExpectValue) expectation).value(), k32);
            ok = same(expected, actual);
            if (!ok && mentionsVariableOrCall(((ExpectValue) expectation).value())) {
                expectedShown = expectedText + "  (" + show(expected, displayFor(kindOrDisplay)) + ")";
            }
        }
        boolean errorChecked = expectation.lastError() != null;
        if (errorChecked) {
            Object expectedError = eval(expectation.lastError(), k32);
            ok &= same(expectedError, Integer.toUnsignedLong(lastError));
        }
        if (!ok) {
            String actualShown = kindOrDisplay instanceof Result r ? render((Long) actual, r)
                    : show(actual, (Display) kindOrDisplay);
            boolean callFailed = kindOrDisplay instanceof Result r && failed((Long) actual, r) && setsLastError(r);
            if (errorChecked || callFailed) {
                actualShown += ", " + Win32Error.name(lastError);
            }
            failures.add(new Failure(s.line(), s.text(), expectedShown, actualShown));
        }
    }

    /** True when an expression's value is not plain from its text: it reads a variable or calls. */
    private boolean mentionsVariableOrCall(Expr e) {
        return switch (e) {
            case Name n -> variables.containsKey(n.identifier());
            case Call c -> true;
            case BinaryOp b -> mentionsVariableOrCall(b.left()) || mentionsVariableOrCall(b.right());
            default -> false;
        };
    }

    /** The expectation as written: what follows the line's {@code =>} outside string literals. */
    private static String expectationText(Statement s) {
        String text = s.text();
        boolean inString = false;
        for (int i = 0; i + 1 < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && inString) {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && c == '=' && text.charAt(i + 1) == '>') {
                return text.substring(i + 2).trim();
            }
        }
        return text;
    }


    // ---------------------------------------------------------------- the end of the run

    private int createdLine(KProcess p, long value) {
        Site made = verifier.createdAt(p, value);
        return made == null ? 0 : made.line();
    }

    private List<OpenHandle> openHandles() {
        List<OpenHandle> open = new ArrayList<>();
        for (KProcess p : kernel.processes()) {
            for (HandleEntry<KernelObject> e : kernel.handles(p)) {
                open.add(new OpenHandle(p.imageName() + " (pid " + p.processId() + ")", e.value(),
                        e.object().describe(), createdLine(p, e.value())));
            }
        }
        return open;
    }
}
