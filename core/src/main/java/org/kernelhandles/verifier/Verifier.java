package org.kernelhandles.verifier;

import static org.kernelhandles.executive.NtStatus.STATUS_ACCESS_DENIED;
import static org.kernelhandles.executive.NtStatus.STATUS_HANDLE_NOT_CLOSABLE;
import static org.kernelhandles.executive.NtStatus.STATUS_OBJECT_TYPE_MISMATCH;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.kernelhandles.executive.KProcess;
import org.kernelhandles.executive.KThread;
import org.kernelhandles.executive.KernelListener;
import org.kernelhandles.executive.KernelObject;
import org.kernelhandles.verifier.Finding.Kind;

/**
 * Application Verifier's handle checks, and more (R40, R41): it listens to the executive, writes
 * down where each handle was made and where each was closed, and turns every bad reference into a
 * finding that names both places: a double close names the first close, a use after close names
 * the close, a leak names where the handle was made.
 *
 * <p>It holds no reference to any kernel object, only descriptions, so it never keeps anything
 * alive; and it keeps at most {@value #MAX_CLOSED_RECORDS} close records, the most recent ones
 * (Netty's leak detector's habits). Where a site comes from is up to the caller: the scenario
 * interpreter supplies its current line, Java code gets the caller's stack frames.
 *
 * <p>Whether a value used now is a stale copy of a closed handle that the value's new occupant
 * happens to answer to cannot be seen from the kernel: the value is valid. Whoever holds the copy
 * can tell, if it remembers which handle it copied: {@link #stamp} gives that identity, and
 * {@link #checkStamp} turns a stale one into a {@code RECYCLED_USE} or {@code USE_AFTER_CLOSE}
 * finding. The scenario interpreter does this for every variable.
 */
public final class Verifier implements KernelListener {
    /** The most frames a Java site keeps. */
    public static final int MAX_FRAMES = 8;
    /** The most close records kept; older ones are forgotten first. */
    public static final int MAX_CLOSED_RECORDS = 4096;
    /** The most findings kept; past it they are counted, not kept, so a long run stays bounded. */
    public static final int MAX_FINDINGS = 10_000;

    /** Thrown by a call through a bad handle when strict handle checks are on (R40). */
    public static final class StrictHandleCheckException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Finding finding;

        StrictHandleCheckException(Finding finding) {
            super(finding.message());
            this.finding = finding;
        }

        public Finding finding() {
            return finding;
        }
    }

    /** Which handle a copy of a value was taken from: its process, value and generation. */
    public record Stamp(long processId, long value, long generation) {}

    private record Slot(long processId, long value) {}

    private record Live(long generation, String object, Site created, String process) {}

    private record Closed(long generation, String object, Site created, Site closed) {}

    private final Supplier<Site> sites;
    private final Map<Slot, Live> live = new HashMap<>();
    private final Map<Slot, Closed> closed = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Slot, Closed> eldest) {
            return size() > MAX_CLOSED_RECORDS;
        }
    };
    private final List<Finding> findings = new ArrayList<>();
    private long droppedFindings;
    /** The value and site of the last RECYCLED_USE: the kernel's own report of that call is its consequence. */
    private Slot recycledSlot;
    private Site recycledSite;
    private long nextGeneration = 1;
    private volatile boolean strict;

    /** A verifier whose sites come from {@code sites} (the scenario interpreter's current line). */
    public Verifier(Supplier<Site> sites) {
        this.sites = Objects.requireNonNull(sites, "sites");
    }

    /** A verifier for Java code: each site is the calling code's stack frames. */
    public static Verifier forJava() {
        return new Verifier(Verifier::javaSite);
    }

    /** With strict checks on, a call through a bad handle throws instead of failing (R40). */
    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    private static Slot slot(KProcess process, long value) {
        return new Slot(process.processId(), value & ~3L);
    }

    // ---------------------------------------------------------------- what the kernel reports

    @Override
    public synchronized void handleCreated(KProcess process, long value, KernelObject object, int grantedAccess,
            int attributes, Origin origin) {
        Slot s = slot(process, value);
        live.put(s, new Live(nextGeneration++, object.describe(), sites.get(), process.imageName()));
    }

    @Override
    public synchronized void handleClosed(KProcess process, long value, KernelObject object, boolean atExit) {
        Slot s = slot(process, value);
        Live l = live.remove(s);
        Site here = sites.get();
        Site created = l != null ? l.created() : here;
        closed.remove(s); // re-inserted last: the most recent close is the last one forgotten
        closed.put(s, new Closed(l != null ? l.generation() : 0, object.describe(), created, here));
        if (atExit) {
            Finding leak = new Finding(Kind.LEAK, created, List.of(here), process.imageName(), s.value(), null,
                    hex(value) + " (" + object.describe() + "), made at " + created + ", was still open when "
                            + process.imageName() + " exited at " + here,
                    l != null ? new Stamp(s.processId(), s.value(), l.generation()) : null);
            keep(leak);
        }
    }

    @Override
    public synchronized void badHandle(KThread caller, KProcess table, long value, KernelObject object, int status) {
        Slot s = slot(table, value);
        Site here = sites.get();
        String process = table.imageName();
        if (explainedByRecycledUse(s, here)) {
            return;
        }
        Finding f;
        if (status == STATUS_OBJECT_TYPE_MISMATCH) {
            f = aboutLiveHandle(Kind.WRONG_TYPE, s, here, process, value,
                    l -> "wrong type: " + hex(value) + " names " + describe(object) + made(l));
        } else if (status == STATUS_ACCESS_DENIED) {
            f = aboutLiveHandle(Kind.ACCESS_DENIED, s, here, process, value,
                    l -> "access denied: " + hex(value) + " (" + describe(object) + ")" + made(l)
                            + ", was not granted the access the call needs");
        } else {
            f = staleOrInvalid(Kind.USE_AFTER_CLOSE, s, here, process, value, "used");
        }
        raiseIfStrict(f);
    }

    @Override
    public synchronized void badClose(KThread caller, long value, KernelObject object, int status) {
        Slot s = slot(caller.process(), value);
        Site here = sites.get();
        String process = caller.process().imageName();
        if (explainedByRecycledUse(s, here)) {
            return;
        }
        Finding f;
        if (status == STATUS_HANDLE_NOT_CLOSABLE) {
            f = aboutLiveHandle(Kind.PROTECTED_CLOSE, s, here, process, value,
                    l -> "close of protected handle " + hex(value) + " (" + describe(object) + ")" + made(l)
                            + ": it stays open");
        } else {
            f = staleOrInvalid(Kind.DOUBLE_CLOSE, s, here, process, value, "closed again");
        }
        raiseIfStrict(f);
    }

    /** A finding about a handle that exists: the other place it names is where the handle was made. */
    private Finding aboutLiveHandle(Kind kind, Slot s, Site here, String process, long value,
            java.util.function.Function<Live, String> message) {
        Live l = live.get(s);
        return add(kind, here, l != null ? List.of(l.created()) : List.of(), process, value, null, message.apply(l));
    }

    /** A value that names nothing now: stale if it was closed before (naming the close), else invalid. */
    private Finding staleOrInvalid(Kind staleKind, Slot s, Site here, String process, long value, String what) {
        Closed c = closed.get(s);
        if (c != null) {
            return add(staleKind, here, List.of(c.closed()), process, value, null,
                    hex(value) + " " + what + " after it was closed at " + c.closed() + " (it named " + c.object()
                            + ", made at " + c.created() + ")");
        }
        return add(Kind.INVALID_HANDLE, here, List.of(), process, value, null,
                hex(value) + " never named a handle of " + process);
    }

    /**
     * True when the call through {@code s} at {@code here} was already reported as a RECYCLED_USE:
     * whatever the value's new occupant makes the call fail with (a wrong type, missing access, a
     * protected handle) is that misuse's consequence, not a second one.
     */
    private boolean explainedByRecycledUse(Slot s, Site here) {
        return s.equals(recycledSlot) && here.equals(recycledSite);
    }

    /**
     * Strict handle checks raise where Windows raises: on a use or close of a value that is not a
     * valid handle of the caller's (or was a stale copy), and on a protected close; a wrong type or
     * missing access is an ordinary error return there too.
     */
    private void raiseIfStrict(Finding f) {
        boolean invalidHandleUse = switch (f.kind()) {
            case INVALID_HANDLE, USE_AFTER_CLOSE, DOUBLE_CLOSE, RECYCLED_USE, PROTECTED_CLOSE -> true;
            default -> false;
        };
        if (strict && invalidHandleUse) {
            throw new StrictHandleCheckException(f);
        }
    }

    // ---------------------------------------------------------------- stale copies

    /** The last handle closed at a value: what it named and where it was closed. */
    public record Closure(String object, Site closedAt) {}

    /** Where the handle {@code value} of {@code process} was made, while it is open; null otherwise. */
    public synchronized Site createdAt(KProcess process, long value) {
        Live l = live.get(slot(process, value));
        return l == null ? null : l.created();
    }

    /**
     * The last handle closed at {@code value} in {@code process} (among the most recent
     * {@value #MAX_CLOSED_RECORDS} closes), or null.
     */
    public synchronized Closure lastClosure(KProcess process, long value) {
        Closed c = closed.get(slot(process, value));
        return c == null ? null : new Closure(c.object(), c.closed());
    }

    /** The identity of the handle {@code value} names in {@code process} now, or null when none. */
    public synchronized Stamp stamp(KProcess process, long value) {
        Live l = live.get(slot(process, value));
        return l == null ? null : new Stamp(process.processId(), value & ~3L, l.generation());
    }

    /**
     * Checks a copy of a value before it is used: when the handle it was copied from has been
     * closed, the use is a {@code RECYCLED_USE} (the value names another handle now, made elsewhere)
     * or a {@code USE_AFTER_CLOSE} ({@code DOUBLE_CLOSE} for a close) naming the close; the kernel
     * will report a use of a value that names nothing as well, so this reports only the recycled
     * case and returns the finding, or null when the copy is current.
     *
     * @param variable the name the copy goes by, for the message, or null
     */
    public synchronized Finding checkStamp(Stamp stamp, String variable, boolean isClose) {
        Slot s = new Slot(stamp.processId(), stamp.value());
        Live now = live.get(s);
        if (now == null || now.generation() == stamp.generation()) {
            return null; // current, or names nothing (the kernel's own report covers that)
        }
        Closed c = closed.get(s);
        Site here = sites.get();
        List<Site> related = new ArrayList<>();
        String closedAt = "an earlier close";
        if (c != null && c.generation() == stamp.generation()) {
            related.add(c.closed());
            closedAt = c.closed().toString();
        }
        related.add(now.created());
        Finding f = add(Kind.RECYCLED_USE, here, related, now.process(), stamp.value(), variable,
                (variable != null ? variable + " = " : "") + hex(stamp.value())
                        + (isClose ? " closed" : " used") + " after its handle was closed at " + closedAt
                        + "; the value now names " + (c != null && c.generation() == stamp.generation()
                                && c.object().equals(now.object()) ? "the same object, " + now.object()
                                        + ", through another handle" : now.object())
                        + ", made at " + now.created()
                        + (isClose ? ", and this closes that handle instead" : ""));
        recycledSlot = s;
        recycledSite = here;
        raiseIfStrict(f);
        return f;
    }

    // ---------------------------------------------------------------- reports

    private Finding add(Kind kind, Site site, List<Site> related, String process, long value, String variable,
            String message) {
        Finding f = new Finding(kind, site, related, process, value < 0 ? value : value & ~3L, variable, message);
        keep(f);
        return f;
    }

    private void keep(Finding f) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(f);
        } else {
            droppedFindings++;
        }
    }

    /** How many findings were counted but not kept, past {@link #MAX_FINDINGS}. */
    public synchronized long droppedFindings() {
        return droppedFindings;
    }

    /** Every finding so far, in the order seen (the first {@link #MAX_FINDINGS}). */
    public synchronized List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** The handles open now, as leaks: each names where it was made. */
    public synchronized List<Finding> openHandles() {
        List<Finding> leaks = new ArrayList<>();
        live.forEach((s, l) -> leaks.add(new Finding(Kind.LEAK, l.created(), List.of(), l.process(), s.value(), null,
                hex(s.value()) + " (" + l.object() + "), made at " + l.created() + ", is still open in "
                        + l.process(), new Stamp(s.processId(), s.value(), l.generation()))));
        leaks.sort(java.util.Comparator.comparingLong(Finding::handle));
        return leaks;
    }

    /**
     * The presence check for tests: fails, listing each one and where it was made, when any handle
     * is still open or any handle was leaked at a process exit.
     */
    public void assertNoLeaks() {
        List<Finding> leaks = new ArrayList<>(openHandles());
        for (Finding f : findings()) {
            if (f.kind() == Kind.LEAK) {
                leaks.add(f);
            }
        }
        if (!leaks.isEmpty()) {
            StringBuilder b = new StringBuilder(leaks.size() + " handle" + (leaks.size() == 1 ? "" : "s") + " leaked:");
            for (Finding f : leaks) {
                b.append("\n  ").append(f.message());
            }
            throw new AssertionError(b.toString());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String made(Live l) {
        return l == null ? "" : ", made at " + l.created();
    }

    private static String describe(KernelObject object) {
        return object == null ? "nothing" : object.describe();
    }

    static String hex(long value) {
        if (value < 0) {
            return value == -1 ? "GetCurrentProcess() (-1)" : value == -2 ? "GetCurrentThread() (-2)" : Long.toString(value);
        }
        return "0x" + Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    }

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final java.security.CodeSource OWN_CODE = Verifier.class.getProtectionDomain().getCodeSource();
    /** Whether a class is kernel-handles' own, decided once per class: asking its code source is slow. */
    private static final ClassValue<Boolean> OWN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return Objects.equals(type.getProtectionDomain().getCodeSource(), OWN_CODE);
        }
    };

    /** The frames of the code that called into kernel-handles (not its own classes), innermost first. */
    static Site javaSite() {
        List<StackTraceElement> frames = WALKER.walk(s -> s
                .filter(f -> !OWN.get(f.getDeclaringClass()))
                .limit(MAX_FRAMES)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toList());
        return new Site(0, frames);
    }
}
