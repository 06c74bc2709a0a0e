package org.kernelhandles.executive.model;

import static org.kernelhandles.executive.model.ReferenceModel.GENERIC_ALL;
import static org.kernelhandles.executive.model.ReferenceModel.GENERIC_READ;
import static org.kernelhandles.executive.model.ReferenceModel.MAXIMUM_ALLOWED;
import static org.kernelhandles.executive.model.ReferenceModel.PROCESS_DUP_HANDLE;
import static org.kernelhandles.executive.model.ReferenceModel.PROCESS_QUERY_INFORMATION;
import static org.kernelhandles.executive.model.ReferenceModel.PROCESS_QUERY_LIMITED_INFORMATION;
import static org.kernelhandles.executive.model.ReferenceModel.PROCESS_TERMINATE;
import static org.kernelhandles.executive.model.ReferenceModel.SYNCHRONIZE;
import static org.kernelhandles.executive.model.ReferenceModel.THREAD_QUERY_LIMITED_INFORMATION;
import static org.kernelhandles.executive.model.ReferenceModel.THREAD_TERMINATE;
import static org.kernelhandles.win32.Win32Error.ERROR_FILE_NOT_FOUND;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kernelhandles.executive.Event;
import org.kernelhandles.executive.KProcess;
import org.kernelhandles.executive.KThread;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.executive.KernelListener;
import org.kernelhandles.executive.KernelObject;
import org.kernelhandles.executive.Mutant;
import org.kernelhandles.executive.Semaphore;
import org.kernelhandles.executive.VirtualClock;
import org.kernelhandles.executive.Wait;
import org.kernelhandles.executive.handles.HandleEntry;
import org.kernelhandles.executive.handles.HandleTable;
import org.kernelhandles.executive.handles.ReusePolicy;
import org.kernelhandles.executive.model.ReferenceModel.Kind;
import org.kernelhandles.executive.model.ReferenceModel.MObject;
import org.kernelhandles.executive.model.ReferenceModel.MProcess;
import org.kernelhandles.executive.model.ReferenceModel.MThread;
import org.kernelhandles.executive.model.ReferenceModel.MWait;
import org.kernelhandles.nt.LongRef;
import org.kernelhandles.nt.ObjectBasicInformation;
import org.kernelhandles.win32.Kernel32;
import org.kernelhandles.win32.SecurityAttributes;
import org.kernelhandles.win32.Win32Constants;
import org.kernelhandles.win32.Win32Error;

/**
 * The model-based random test (design.md, Testing): seeded random sequences of creates, opens,
 * duplicates, closes, flag changes, inheritance, thread and process starts and ends, opens by id,
 * waits and the signals they observe (the object state all handles share, R26), run against the
 * executive through each thread's own {@link Kernel32} and against {@link ReferenceModel}.
 *
 * <p>The kernel runs on a {@link VirtualClock}, so waits block (R34-R36): WaitForSingleObject and
 * WaitForMultipleObjects (any, all, one object twice, pseudo and bad handles) with timeouts 0,
 * INFINITE or finite on events, mutexes, semaphores, threads and processes; a wait that cannot
 * complete parks its thread ({@code WAIT_PENDING}), which then makes no call until it completes.
 * Steps wake them: SetEvent, ReleaseSemaphore, ReleaseMutex by the owner, the owner's end
 * (abandonment), a thread's or process's end, Sleep (time for everyone) and, when every thread is
 * parked, the driver advancing the clock to the next deadline; ending a parked thread cancels its
 * wait; closing the handles of waited objects leaves the wait alone. After every step the waits
 * the executive completed (the listener's waitCompleted, read with waitResult) are the model's, in
 * order and with the same result, and the waits still parked are the model's, in order.
 *
 * <p>After every call the result, the out values and the caller's last error must be the model's
 * prediction: the handle value included, which pins the reuse policy (R8) and R21. After every
 * step: every table equals the model's, entry for entry (value, object, access, flags); every
 * live object's handle count equals the entries pointing at it in all tables; its pointer count
 * is those handles plus R1's other holders (a running thread on itself, each thread object on its
 * process, each pending wait on each object it names), both as the model derives it and as
 * counted from the executive's own state; nothing
 * is deleted while referenced (the listener checks both counts are 0 at each deletion, and that no
 * object is deleted twice); exactly the objects the model dropped were deleted in that step,
 * and nothing it keeps is; as many handles were made, closed, and closed at exit as the model
 * says (a failed call leaves none behind, R9); names vanish exactly when the model's handle count
 * reaches 0 (R2); events, semaphores, mutexes, threads and processes are in the modelled state.
 *
 * <p>Each run uses fixed seeds plus one more: {@code -Dkh.seed=N} or, by default, the clock's. A
 * failure names the seed, the setup, the step and the last steps; replay it with
 * {@code mvn -pl core test -Dtest=KernelModelRandomTest -Dkh.seed=N '-Dkh.setup=FIFO max 16'}
 * ({@code kh.setup} keeps one setup). {@code -Dkh.steps=N} changes the number of steps per run,
 * and {@code -Dkh.stats=true} prints how often each call ended with each error.
 */
class KernelModelRandomTest {

    private static final long[] FIXED_SEEDS = {1, 0x5EED, 20_240_611};
    private static final int STEPS = Integer.getInteger("kh.steps", 1_500);
    private static final int HISTORY = 20;

    private static final String[] NAMES = {"A", "B", "C", "a"};

    /** Access masks requests are drawn from (GENERIC_WRITE and _EXECUTE excluded: see Kind.map). */
    private static final int[] ACCESS = {
        0, SYNCHRONIZE, 0x1, 0x2, 0x3, PROCESS_DUP_HANDLE, PROCESS_DUP_HANDLE | SYNCHRONIZE,
        PROCESS_QUERY_LIMITED_INFORMATION, PROCESS_QUERY_INFORMATION | PROCESS_TERMINATE,
        THREAD_QUERY_LIMITED_INFORMATION, THREAD_TERMINATE | SYNCHRONIZE, 0x1F_FFFF, GENERIC_READ,
        GENERIC_ALL, MAXIMUM_ALLOWED, 0x0020_0000, 0x0800_0000 | SYNCHRONIZE,
    };

    record Setup(ReusePolicy policy, int maxHandles) {
        @Override
        public String toString() {
            return policy + (maxHandles == HandleTable.MAX_ENTRIES ? "" : " max " + maxHandles);
        }
    }

    static List<Setup> setups() {
        List<Setup> list = new ArrayList<>();
        for (int max : new int[] {HandleTable.MAX_ENTRIES, 16}) {
            for (ReusePolicy p : ReusePolicy.values()) {
                list.add(new Setup(p, max));
            }
        }
        return list;
    }

    @TestFactory
    Stream<DynamicTest> randomRuns() {
        Long given = Long.getLong("kh.seed");
        long extra = given != null ? given : System.nanoTime();
        System.out.println("KernelModelRandomTest: seeds " + java.util.Arrays.toString(FIXED_SEEDS)
                + " and kh.seed=" + extra + (given != null ? " (given)" : " (from the clock)") + ", " + STEPS
                + " steps per run");
        List<Long> seeds = new ArrayList<>();
        for (long s : FIXED_SEEDS) {
            seeds.add(s);
        }
        seeds.add(extra);
        String only = System.getProperty("kh.setup"); // e.g. -Dkh.setup="FIFO max 16"
        List<DynamicTest> tests = new ArrayList<>();
        for (Setup setup : setups()) {
            if (only != null && !only.equalsIgnoreCase(setup.toString())) {
                continue;
            }
            for (long seed : seeds) {
                tests.add(DynamicTest.dynamicTest(setup + ", kh.seed=" + seed, () -> new Run(setup, seed, STEPS).run()));
            }
        }
        return tests.stream();
    }

    /** One seeded run: a kernel, its model, and the random steps. */
    static final class Run implements KernelListener {
        private final Setup setup;
        private final long seed;
        private final int steps;
        private final Random rnd;
        private final VirtualClock clock = new VirtualClock();
        private final Kernel k;
        private final ReferenceModel m;
        /** The parked waits the executive completed in this step, in order (waitCompleted). */
        private final List<Wait> completedThisStep = new ArrayList<>();
        private int blockedThisStep;

        private final ArrayDeque<String> history = new ArrayDeque<>();
        private StringBuilder current = new StringBuilder();
        private int step;

        private final Map<KernelObject, MObject> bound = new IdentityHashMap<>();
        private final Set<KernelObject> deletedEver = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<KernelObject> deletedThisStep = new ArrayList<>();
        private final List<String> namesRemovedThisStep = new ArrayList<>();
        private final List<String> listenerViolations = new ArrayList<>();
        private final List<KernelObject> droppedEver = new ArrayList<>();
        private final List<Long> knownTids = new ArrayList<>();
        private final List<Long> knownPids = new ArrayList<>();
        /** With -Dkh.stats: how often each call ended with each error, to see what a run covers. */
        private final Map<String, Integer> stats = new TreeMap<>();

        Run(Setup setup, long seed, int steps) {
            this.setup = setup;
            this.seed = seed;
            this.steps = steps;
            this.rnd = new Random(seed);
            this.k = new Kernel(new Kernel.Config(setup.policy(), setup.maxHandles()), clock);
            this.m = new ReferenceModel(setup.policy(), setup.maxHandles());
            k.setListener(this);
        }

        // ------------------------------------------------------------ listener

        @Override
        public void objectDeleted(KernelObject object) {
            if (object.handleCount() != 0 || object.pointerCount() != 0) {
                listenerViolations.add("deleted while referenced: " + object.describe() + " handles "
                        + object.handleCount() + " pointers " + object.pointerCount());
            }
            if (!deletedEver.add(object)) {
                listenerViolations.add("deleted twice: " + object.describe());
            }
            deletedThisStep.add(object);
        }

        @Override
        public void waitBlocked(Wait wait) {
            blockedThisStep++;
        }

        @Override
        public void waitCompleted(Wait wait) {
            if (wait.isPending()) {
                listenerViolations.add("waitCompleted for a wait still pending: " + wait);
            }
            completedThisStep.add(wait);
        }

        private int handlesCreated;
        private int handlesClosed;
        private int handlesClosedAtExit;

        @Override
        public void handleCreated(KProcess process, long value, KernelObject object, int grantedAccess,
                int attributes, Origin origin) {
            handlesCreated++;
        }

        @Override
        public void handleClosed(KProcess process, long value, KernelObject object, boolean atExit) {
            if (atExit) {
                handlesClosedAtExit++;
            } else {
                handlesClosed++;
            }
        }

        @Override
        public void nameRemoved(KernelObject object, String name) {
            if (object.handleCount() != 0) {
                listenerViolations.add("name \"" + name + "\" removed with handles left on " + object.describe());
            }
            namesRemovedThisStep.add(name);
        }

        // ------------------------------------------------------------ the run

        void run() {
            boot();
            endStep();
            for (step = 1; step <= steps; step++) {
                if (m.runningThreads().isEmpty()) {
                    log("(every thread has ended: boot a new first process)");
                    boot();
                } else if (m.readyThreads().isEmpty()) {
                    unstick();
                } else {
                    randomStep();
                }
                endStep();
                if (step % 500 == 0) {
                    checkDroppedStayDeleted();
                }
            }
            checkDroppedStayDeleted();
            if (Boolean.getBoolean("kh.stats")) {
                System.out.println(setup + " kh.seed=" + seed + ": " + stats);
            }
        }

        private void count(String call, long result, int error) {
            String name = call.substring(0, call.indexOf('('));
            String outcome;
            if (name.startsWith("Wait")) {
                outcome = result == ReferenceModel.WAIT_FAILED ? Win32Error.name(error)
                        : result == ReferenceModel.WAIT_TIMEOUT ? "timeout"
                        : result == ReferenceModel.WAIT_PENDING ? "parked"
                        : result >= ReferenceModel.WAIT_ABANDONED ? "abandoned" : "signaled";
            } else {
                outcome = result == 0 ? Win32Error.name(error) : "ok";
            }
            stats.merge(name + ":" + outcome, 1, Integer::sum);
        }

        private void boot() {
            MProcess p = m.boot();
            Kernel.Started s = k.createProcess("main.exe", null);
            k.objects().dereference(s.process());
            k.objects().dereference(s.thread());
            bind(p, s.process());
            bind(p.threads.get(0), s.thread());
            log("boot " + p + " pid " + p.pid + " tid " + p.threads.get(0).tid);
        }

        private void bind(MObject o, KernelObject real) {
            check(!bound.containsKey(real), () -> real.describe() + " is already " + bound.get(real)
                    + ", expected a new object for " + o);
            check(o.real == null, () -> o + " bound twice");
            check(real.type().name().equals(typeName(o.kind)), () -> o + " bound to " + real.describe());
            o.real = real;
            bound.put(real, o);
            if (o instanceof MThread t) {
                t.tid = ((KThread) real).threadId();
                t.api = new Kernel32(k, (KThread) real);
                knownTids.add(t.tid);
            } else if (o instanceof MProcess p) {
                p.pid = ((KProcess) real).processId();
                knownPids.add(p.pid);
            }
        }

        private static String typeName(Kind kind) {
            return switch (kind) {
                case EVENT -> "Event";
                case MUTEX -> "Mutant";
                case SEMAPHORE -> "Semaphore";
                case PROCESS -> "Process";
                case THREAD -> "Thread";
            };
        }

        /** Binds the objects the last call made to the executive's, found at the values the model chose. */
        private void bindNew() {
            for (ReferenceModel.Bind b : m.toBind) {
                HandleEntry<KernelObject> e = ((KProcess) b.owner().real).handleTable().lookup(b.value());
                check(e != null, () -> "no entry at " + hex(b.value()) + " in " + b.owner() + " for " + b.object());
                bind(b.object(), e.object());
            }
            m.toBind.clear();
        }

        // ------------------------------------------------------------ the random step

        private enum Op {
            CREATE(16), OPEN_BY_NAME(6), DUPLICATE(20), CLOSE(16), SET_INFO(6), GET_INFO(2), COMPARE(2),
            QUERY(3), CREATE_PROCESS(3), CREATE_THREAD(6), EXIT_THREAD(2), TERMINATE_THREAD(3), EXIT_PROCESS(1),
            TERMINATE_PROCESS(2), OPEN_BY_ID(5), EXIT_CODE(2), BURST_CREATE(2), BURST_CLOSE(2), WAIT(24), SIGNAL(6),
            WAKE(16), SLEEP(4), CLOSE_WAITED(2);

            final int weight;

            Op(int weight) {
                this.weight = weight;
            }
        }

        private static final int TOTAL_WEIGHT = Stream.of(Op.values()).mapToInt(o -> o.weight).sum();

        private Op pickOp() {
            int r = rnd.nextInt(TOTAL_WEIGHT);
            for (Op op : Op.values()) {
                r -= op.weight;
                if (r < 0) {
                    return op;
                }
            }
            throw new AssertionError();
        }

        private void randomStep() {
            List<MThread> ready = m.readyThreads(); // a parked thread makes no call until its wait completes
            MThread caller = ready.get(rnd.nextInt(ready.size()));
            Op op = pickOp();
            switch (op) {
                case CREATE -> create(caller);
                case OPEN_BY_NAME -> openByName(caller);
                case DUPLICATE -> duplicate(caller);
                case CLOSE -> close(caller, pickValue(caller.process, null));
                case SET_INFO -> setInfo(caller);
                case GET_INFO -> getInfo(caller);
                case COMPARE -> compare(caller);
                case QUERY -> query(caller);
                case CREATE_PROCESS -> {
                    if (liveProcesses() < 8) {
                        createProcess(caller);
                    } else {
                        terminateProcess(caller);
                    }
                }
                case CREATE_THREAD -> {
                    if (caller.process.running < 5) {
                        createThread(caller);
                    } else {
                        exitThread(caller);
                    }
                }
                case EXIT_THREAD -> exitThread(rnd.nextBoolean() ? mutexOwner(ready, caller) : caller);
                case TERMINATE_THREAD -> terminateThread(caller);
                case EXIT_PROCESS -> exitProcess(caller);
                case TERMINATE_PROCESS -> terminateProcess(caller);
                case OPEN_BY_ID -> openById(caller);
                case EXIT_CODE -> exitCode(caller);
                case BURST_CREATE -> {
                    if (caller.process.table.size() < 250) {
                        burstCreate(caller);
                    } else {
                        burstClose(caller);
                    }
                }
                case BURST_CLOSE -> burstClose(caller);
                case WAIT -> waitFor(caller);
                case SIGNAL -> signal(caller);
                case WAKE -> wake(caller);
                case SLEEP -> sleep(caller);
                case CLOSE_WAITED -> closeWaited(caller);
            }
        }

        /** A ready thread owning a mutex another thread is parked on, else {@code otherwise}. */
        private MThread mutexOwner(List<MThread> ready, MThread otherwise) {
            List<MThread> owners = new ArrayList<>();
            for (MThread t : ready) {
                for (MObject mu : t.owned) {
                    if (m.pending.stream().anyMatch(w -> w.objects.contains(mu))) {
                        owners.add(t);
                        break;
                    }
                }
            }
            return owners.isEmpty() ? otherwise : pick(owners);
        }

        private int liveProcesses() {
            int n = 0;
            for (MProcess p : m.processes()) {
                if (!p.exited) {
                    n++;
                }
            }
            return n;
        }

        // ------------------------------------------------------------ argument pickers

        private <T> T pick(List<T> list) {
            return list.get(rnd.nextInt(list.size()));
        }

        private long withLowBits(long v) {
            return rnd.nextInt(8) == 0 ? v | (1 + rnd.nextInt(3)) : v; // R7
        }

        /** A value from {@code p}'s table, of {@code prefer} kind when it can, else any entry, or null. */
        private Long entryValue(MProcess p, Kind prefer) {
            long v = prefer != null && rnd.nextInt(4) != 0 ? p.table.randomValue(rnd, prefer) : 0;
            if (v == 0) {
                v = p.table.randomValue(rnd, null);
            }
            return v == 0 ? null : v;
        }

        /** Any handle value a caller in {@code p} might pass: mostly live, also stale, pseudo, 0, foreign, bogus. */
        private long pickValue(MProcess p, Kind prefer) {
            int r = rnd.nextInt(100);
            if (r < 62) {
                Long v = entryValue(p, prefer);
                if (v != null) {
                    return withLowBits(v);
                }
            }
            if (r < 76) {
                long v = p.table.anyEverUsed(rnd);
                if (v != 0) {
                    return v; // often stale (R14), sometimes live again (R8)
                }
            }
            if (r < 84) {
                return rnd.nextBoolean() ? -1 : -2;
            }
            if (r < 88) {
                return 0;
            }
            if (r < 95) {
                List<MProcess> ps = m.processes();
                Long v = entryValue(pick(ps), prefer);
                if (v != null) {
                    return v; // another table's value (R6)
                }
            }
            return rnd.nextBoolean() ? 0x7FFF_FFF0L : 4L * (1 + rnd.nextInt(600));
        }

        /** A process handle for DuplicateHandle: mostly -1 or a process entry; sometimes 0, -2 or anything. */
        private long pickProcessHandle(MThread caller, boolean allowNull) {
            int r = rnd.nextInt(100);
            if (allowNull && r < 8) {
                return 0;
            }
            if (r < 50) {
                return -1;
            }
            if (r < 85) {
                Long v = entryValue(caller.process, Kind.PROCESS);
                if (v != null) {
                    return withLowBits(v);
                }
                return -1;
            }
            if (r < 90) {
                return -2;
            }
            return pickValue(caller.process, null);
        }

        private int pickAccess() {
            return ACCESS[rnd.nextInt(ACCESS.length)];
        }

        private String pickName() {
            return rnd.nextInt(2) == 0 ? null : NAMES[rnd.nextInt(NAMES.length)];
        }

        private int pickCode() {
            return rnd.nextInt(5) == 0 ? -1 - rnd.nextInt(3) : rnd.nextInt(100);
        }

        private static SecurityAttributes sa(boolean inherit, boolean nullIfNot) {
            return inherit ? SecurityAttributes.INHERIT : nullIfNot ? null : new SecurityAttributes(false);
        }

        // ------------------------------------------------------------ operations

        private void create(MThread c) {
            Kind kind = pick(List.of(Kind.EVENT, Kind.MUTEX, Kind.SEMAPHORE));
            boolean inherit = rnd.nextInt(3) == 0;
            boolean flag1 = rnd.nextBoolean();
            boolean flag2 = rnd.nextBoolean();
            boolean nullSa = rnd.nextBoolean();
            String name = pickName();
            int initial = rnd.nextInt(3) == 0 ? 0 : 1;
            int maximum = 2;
            if (kind == Kind.SEMAPHORE && rnd.nextInt(10) == 0) {
                int[][] bad = {{3, 2}, {0, 0}, {-1, 2}};
                int[] b = bad[rnd.nextInt(bad.length)];
                initial = b[0];
                maximum = b[1];
            }
            String nm = name == null ? "NULL" : "\"" + name + "\"";
            String desc = switch (kind) {
                case EVENT -> "CreateEvent(inherit=" + inherit + ", " + flag1 + ", " + flag2 + ", " + nm + ")";
                case MUTEX -> "CreateMutex(inherit=" + inherit + ", owner=" + flag1 + ", " + nm + ")";
                default -> "CreateSemaphore(inherit=" + inherit + ", " + initial + ", " + maximum + ", " + nm + ")";
            };
            long expected = m.create(c, kind, inherit, name, flag1, flag2, initial, maximum);
            SecurityAttributes sa = sa(inherit, nullSa);
            long actual = switch (kind) {
                case EVENT -> c.api.CreateEvent(sa, flag1, flag2, name);
                case MUTEX -> c.api.CreateMutex(sa, flag1, name);
                default -> c.api.CreateSemaphore(sa, initial, maximum, name);
            };
            result(c, desc, expected, actual, true);
            bindNew();
        }

        private void openByName(MThread c) {
            Kind kind = pick(List.of(Kind.EVENT, Kind.MUTEX, Kind.SEMAPHORE));
            int access = pickAccess();
            boolean inherit = rnd.nextInt(3) == 0;
            String name = rnd.nextInt(12) == 0 ? null : NAMES[rnd.nextInt(NAMES.length)];
            String desc = "Open" + typeName(kind).replace("Mutant", "Mutex") + "(" + hex(access) + ", " + inherit
                    + ", " + (name == null ? "NULL" : "\"" + name + "\"") + ")";
            long expected = m.open(c, kind, access, inherit, name);
            long actual = switch (kind) {
                case EVENT -> c.api.OpenEvent(access, inherit, name);
                case MUTEX -> c.api.OpenMutex(access, inherit, name);
                default -> c.api.OpenSemaphore(access, inherit, name);
            };
            result(c, desc, expected, actual, true);
        }

        /** The process a process-handle argument names in the model, or null. */
        private MProcess processNamed(MThread c, long h) {
            if (h == -1) {
                return c.process;
            }
            ModelHandleTable.Entry e = c.process.table.lookup(h);
            return e != null && e.object() instanceof MProcess p ? p : null;
        }

        private void duplicate(MThread c) {
            long sourceProcess = pickProcessHandle(c, false);
            MProcess sp = processNamed(c, sourceProcess);
            MProcess from = sp != null && rnd.nextInt(5) != 0 ? sp : c.process;
            Long live = rnd.nextBoolean() ? entryValue(from, null) : null;
            long source = live != null ? withLowBits(live) : pickValue(from, null);
            if (ReferenceModel.isPseudo(source)) {
                sourceProcess = -1; // semantics.md does not define a pseudo handle of another process
            }
            long targetProcess = pickProcessHandle(c, true);
            int options = (rnd.nextInt(100) < 35 ? ReferenceModel.DUPLICATE_CLOSE_SOURCE : 0)
                    | (rnd.nextBoolean() ? ReferenceModel.DUPLICATE_SAME_ACCESS : 0)
                    | (rnd.nextInt(100) < 30 ? ReferenceModel.DUPLICATE_SAME_ATTRIBUTES : 0);
            int access = pickAccess();
            boolean inherit = rnd.nextInt(3) == 0;
            boolean wantOut = rnd.nextInt(10) != 0;
            String desc = "DuplicateHandle(" + hex(sourceProcess) + ", " + hex(source) + ", " + hex(targetProcess)
                    + ", " + (wantOut ? "&out" : "NULL") + ", " + hex(access) + ", " + inherit + ", options="
                    + options + ")";
            long expected = m.duplicate(c, sourceProcess, source, targetProcess, access, inherit, options);
            long expectedOut = m.out;
            LongRef out = wantOut ? new LongRef(0xBAD0) : null;
            long actual = c.api.DuplicateHandle(sourceProcess, source, targetProcess, out, access, inherit, options)
                    ? 1 : 0;
            result(c, desc, expected, actual, false);
            if (wantOut) {
                expectEq("*lpTarget", expectedOut, out.value);
                current.append(" out=").append(hex(out.value));
            }
        }

        private void close(MThread c, long h) {
            long expected = m.close(c, h);
            long actual = c.api.CloseHandle(h) ? 1 : 0;
            result(c, "CloseHandle(" + hex(h) + ")", expected, actual, false);
        }

        private void setInfo(MThread c) {
            long h = pickValue(c.process, null);
            int mask = new int[] {1, 2, 3, 3, 0xFF, 0}[rnd.nextInt(6)];
            int flags = new int[] {0, 1, 2, 3, 3, 0xFF}[rnd.nextInt(6)];
            long expected = m.setInformation(c, h, mask, flags);
            long actual = c.api.SetHandleInformation(h, mask, flags) ? 1 : 0;
            result(c, "SetHandleInformation(" + hex(h) + ", " + mask + ", " + flags + ")", expected, actual, false);
        }

        private void getInfo(MThread c) {
            long h = pickValue(c.process, null);
            long expected = m.getInformation(c, h);
            LongRef flags = new LongRef(0xBAD);
            long actual = c.api.GetHandleInformation(h, flags) ? 1 : 0;
            result(c, "GetHandleInformation(" + hex(h) + ")", expected, actual, false);
            if (expected == 1) {
                expectEq("flags", m.out, flags.value);
            }
        }

        private void compare(MThread c) {
            long a = pickValue(c.process, null);
            long b = rnd.nextBoolean() ? a & ~3L : pickValue(c.process, null);
            long expected = m.compare(c, a, b);
            long actual = c.api.CompareObjectHandles(a, b) ? 1 : 0;
            result(c, "CompareObjectHandles(" + hex(a) + ", " + hex(b) + ")", expected, actual, false);
        }

        private void query(MThread c) {
            long h = pickValue(c.process, null);
            ReferenceModel.Query q = m.query(c, h);
            ObjectBasicInformation info = c.api.QueryObject(h);
            result(c, "QueryObject(" + hex(h) + ")", q == null ? 0 : 1, info == null ? 0 : 1, false);
            if (q != null) {
                current.append(" ").append(info);
                expectEq("QueryObject object id", q.object().real.id(), info.objectId());
                expectEq("QueryObject access", q.access(), info.grantedAccess());
                expectEq("QueryObject attributes", q.attributes(), info.attributes());
                expectEq("QueryObject handle count", q.object().handles, info.handleCount());
                expectEq("QueryObject pointer count (R1)", m.pointerCount(q.object()), info.pointerCount());
            }
        }

        private void createProcess(MThread c) {
            boolean inherit = rnd.nextBoolean();
            long expected = m.createProcess(c, inherit);
            long expectedHp = m.out;
            long expectedHt = m.out2;
            LongRef hp = new LongRef(0xBAD);
            LongRef ht = new LongRef(0xBAD);
            LongRef pid = new LongRef();
            LongRef tid = new LongRef();
            long actual = c.api.CreateProcess("child.exe", inherit, hp, ht, pid, tid) ? 1 : 0;
            result(c, "CreateProcess(\"child.exe\", inherit=" + inherit + ")", expected, actual, false);
            expectEq("hProcess", expectedHp, hp.value);
            expectEq("hThread", expectedHt, ht.value);
            current.append(" hp=").append(hex(hp.value)).append(" ht=").append(hex(ht.value));
            if (expected == 1) {
                MProcess child = (MProcess) m.toBind.get(0).object();
                MThread thread = (MThread) m.toBind.get(1).object();
                bindNew();
                expectEq("process id", child.pid, pid.value);
                expectEq("thread id", thread.tid, tid.value);
                current.append(" pid=").append(pid.value).append(" tid=").append(tid.value);
            }
        }

        private void createThread(MThread c) {
            boolean inherit = rnd.nextInt(3) == 0;
            long expected = m.createThread(c, inherit);
            LongRef tid = new LongRef();
            long actual = c.api.CreateThread(sa(inherit, true), 0, 0, tid);
            result(c, "CreateThread(inherit=" + inherit + ")", expected, actual, false);
            if (expected != 0) {
                MThread t = (MThread) m.toBind.get(0).object();
                bindNew();
                expectEq("thread id", t.tid, tid.value);
                current.append(" tid=").append(tid.value);
            } else {
                expectEq("thread id of a refused CreateThread", 0, tid.value);
            }
        }

        private void exitThread(MThread c) {
            int code = pickCode();
            m.exitThread(c, code);
            c.api.ExitThread(code);
            log("T" + c.tid + " ExitThread(" + code + ")");
            expectEq("last error after ExitThread", c.lastError, c.api.GetLastError());
        }

        private void terminateThread(MThread c) {
            long h = rnd.nextInt(8) == 0 ? -2 : pickValue(c.process, Kind.THREAD);
            boolean owners = rnd.nextBoolean();
            if (rnd.nextInt(3) != 0) {
                // a thread parked in a wait (the wait ends with it), or one owning a mutex (abandoned, R35)
                List<Long> targets = new ArrayList<>();
                c.process.table.entries().forEach((i, e) -> {
                    if (e.object() instanceof MThread t && t.running && (owners ? !t.owned.isEmpty() : t.wait != null)) {
                        targets.add((long) i << 2);
                    }
                });
                if (!targets.isEmpty()) {
                    h = pick(targets);
                }
            }
            terminateThread(c, h);
        }

        private void terminateThread(MThread c, long h) {
            int code = pickCode();
            long expected = m.terminateThread(c, h, code);
            long actual = c.api.TerminateThread(h, code) ? 1 : 0;
            result(c, "TerminateThread(" + hex(h) + ", " + code + ")", expected, actual, false);
        }

        private void exitProcess(MThread c) {
            int code = pickCode();
            long expected = m.terminateProcess(c, -1, code);
            check(expected == 1, () -> "model: ExitProcess failed");
            c.api.ExitProcess(code);
            log("T" + c.tid + " ExitProcess(" + code + ")");
            expectEq("last error after ExitProcess", c.lastError, c.api.GetLastError());
        }

        private void terminateProcess(MThread c) {
            terminateProcess(c, rnd.nextInt(8) == 0 ? -1 : pickValue(c.process, Kind.PROCESS));
        }

        private void terminateProcess(MThread c, long h) {
            int code = pickCode();
            long expected = m.terminateProcess(c, h, code);
            long actual = c.api.TerminateProcess(h, code) ? 1 : 0;
            result(c, "TerminateProcess(" + hex(h) + ", " + code + ")", expected, actual, false);
        }

        private void openById(MThread c) {
            Kind kind = rnd.nextBoolean() ? Kind.THREAD : Kind.PROCESS;
            int r = rnd.nextInt(100);
            long id;
            if (r < 40) {
                id = liveId(kind);
            } else if (r < 70) {
                id = pick(kind == Kind.THREAD ? knownTids : knownPids); // live or gone (R4)
            } else if (r < 85) {
                id = pick(kind == Kind.THREAD ? knownPids : knownTids); // the other kind's id
            } else {
                id = new long[] {0, 1, 0xFFFF_FFF0L}[rnd.nextInt(3)];
            }
            int access = pickAccess();
            boolean inherit = rnd.nextInt(3) == 0;
            long expected = m.openById(c, kind, access, inherit, id);
            long actual = kind == Kind.THREAD ? c.api.OpenThread(access, inherit, id)
                    : c.api.OpenProcess(access, inherit, id);
            result(c, "Open" + typeName(kind) + "(" + hex(access) + ", " + inherit + ", " + id + ")", expected,
                    actual, false);
        }

        /** The id of a thread or process object that exists (running or not). */
        private long liveId(Kind kind) {
            List<Long> ids = new ArrayList<>();
            for (MObject o : m.alive) {
                if (o instanceof MThread t && kind == Kind.THREAD) {
                    ids.add(t.tid);
                } else if (o instanceof MProcess p && kind == Kind.PROCESS) {
                    ids.add(p.pid);
                }
            }
            return ids.isEmpty() ? 0 : pick(ids);
        }

        private void exitCode(MThread c) {
            boolean thread = rnd.nextBoolean();
            long h = rnd.nextInt(6) == 0 ? (thread ? -2 : -1) : pickValue(c.process, thread ? Kind.THREAD : Kind.PROCESS);
            long expected = thread ? m.getExitCodeThread(c, h) : m.getExitCodeProcess(c, h);
            LongRef code = new LongRef(0xBAD);
            long actual = (thread ? c.api.GetExitCodeThread(h, code) : c.api.GetExitCodeProcess(h, code)) ? 1 : 0;
            result(c, "GetExitCode" + (thread ? "Thread" : "Process") + "(" + hex(h) + ")", expected, actual, false);
            if (expected == 1) {
                expectEq("exit code", m.out, code.value);
                current.append(" code=").append(code.value);
            }
        }

        private static final Kind[] WAITABLE = Kind.values();

        /** A handle to wait on: mostly a live entry of some kind, sometimes anything pickValue gives. */
        private long pickWaitValue(MThread c) {
            if (rnd.nextInt(4) == 0) {
                List<Long> owned = new ArrayList<>(); // a mutex another thread owns: contention, abandonment
                c.process.table.entries().forEach((i, e) -> {
                    if (e.object().kind == Kind.MUTEX && e.object().owner != null && e.object().owner != c) {
                        owned.add((long) i << 2);
                    }
                });
                if (!owned.isEmpty()) {
                    return pick(owned);
                }
            }
            Kind kind = WAITABLE[rnd.nextInt(WAITABLE.length)];
            if (rnd.nextInt(100) < 85) {
                Long v = entryValue(c.process, kind);
                if (v != null) {
                    return withLowBits(v);
                }
            }
            return rnd.nextInt(10) == 0 ? (rnd.nextBoolean() ? -1 : -2) : pickValue(c.process, kind);
        }

        /** Another value of {@code p}'s table naming the same object as {@code h}, or {@code h} itself. */
        private long sameObject(MProcess p, long h) {
            ModelHandleTable.Entry e = p.table.lookup(h);
            if (e == null || rnd.nextBoolean()) {
                return h;
            }
            return pick(valuesOf(p, e.object()));
        }

        /**
         * WaitForSingleObject or WaitForMultipleObjects (any or all) with a timeout of 0, INFINITE or
         * a few milliseconds: it completes at once, fails, or parks the caller (R34-R36); a parked
         * wait's completion is checked at the step that causes it.
         */
        private void waitFor(MThread c) {
            boolean multiple = rnd.nextBoolean();
            int n = !multiple ? 1 : rnd.nextInt(40) == 0 ? (rnd.nextBoolean() ? 0 : ReferenceModel.MAXIMUM_WAIT_OBJECTS + 1)
                    : 1 + rnd.nextInt(4);
            long[] handles = new long[n];
            for (int i = 0; i < n; i++) {
                handles[i] = pickWaitValue(c);
            }
            if (n > 1 && rnd.nextInt(4) == 0) {
                int from = rnd.nextInt(n);
                int to = rnd.nextInt(n);
                handles[to] = sameObject(c.process, handles[from]); // one object twice, by one value or two
            }
            boolean all = multiple && rnd.nextBoolean();
            // INFINITE less often when the caller is the last thread that can act: nothing could wake it
            int r = rnd.nextInt(100);
            int infinite = m.readyThreads().size() > 1 ? 55 : 35;
            int timeout = r < 25 ? 0 : r < infinite ? Win32Constants.INFINITE : r < 98 ? 1 + rnd.nextInt(60)
                    : rnd.nextBoolean() ? 0x7FFF_FFFF : 0xFFFF_FFFE; // long but finite
            long expected = m.wait(c, handles, multiple, all, Integer.toUnsignedLong(timeout));
            blockedThisStep = 0;
            long actual = multiple ? c.api.WaitForMultipleObjects(n, handles, all, timeout)
                    : c.api.WaitForSingleObject(handles[0], timeout);
            String t = timeout == Win32Constants.INFINITE ? "INFINITE" : Integer.toString(timeout);
            StringBuilder hs = new StringBuilder();
            for (long h : handles) {
                hs.append(hs.isEmpty() ? "" : ", ").append(hex(h));
            }
            String desc = multiple ? "WaitForMultipleObjects(" + n + ", {" + hs + "}, " + (all ? "all" : "any") + ", "
                    + t + ")" : "WaitForSingleObject(" + hs + ", " + t + ")";
            result(c, desc, expected, actual, true);
            expectEq("waitBlocked calls for " + desc, expected == ReferenceModel.WAIT_PENDING ? 1 : 0, blockedThisStep);
            if (expected == ReferenceModel.WAIT_PENDING) {
                current.append(" [").append(c.wait).append("]");
            }
        }

        /** SetEvent, ResetEvent, ReleaseMutex, ReleaseSemaphore: often on an object a thread is parked on. */
        private void signal(MThread c) {
            Long waited = rnd.nextInt(4) != 0 ? waitedValue(c.process, true) : null;
            if (waited != null) {
                signal(c, c.process.table.lookup(waited).object().kind, waited);
            } else {
                Kind kind = pick(List.of(Kind.EVENT, Kind.MUTEX, Kind.SEMAPHORE));
                signal(c, kind, pickValue(c.process, kind));
            }
        }

        private void signal(MThread c, Kind kind, long h) {
            switch (kind) {
                case EVENT -> {
                    boolean set = rnd.nextInt(3) != 0;
                    long expected = m.setEvent(c, h, set);
                    long actual = (set ? c.api.SetEvent(h) : c.api.ResetEvent(h)) ? 1 : 0;
                    result(c, (set ? "SetEvent(" : "ResetEvent(") + hex(h) + ")", expected, actual, false);
                }
                case MUTEX -> {
                    long expected = m.releaseMutex(c, h);
                    long actual = c.api.ReleaseMutex(h) ? 1 : 0;
                    result(c, "ReleaseMutex(" + hex(h) + ")", expected, actual, false);
                }
                default -> {
                    int by = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(2);
                    long expected = m.releaseSemaphore(c, h, by);
                    LongRef previous = new LongRef(0xBAD);
                    long actual = c.api.ReleaseSemaphore(h, by, previous) ? 1 : 0;
                    result(c, "ReleaseSemaphore(" + hex(h) + ", " + by + ")", expected, actual, false);
                    if (expected == 1) {
                        expectEq("previous count", m.out, previous.value);
                    }
                }
            }
        }

        /**
         * Does what would complete a parked wait, picked at random: sets the event, releases the
         * semaphore or mutex (by its owner), ends the mutex's owner (abandonment) or the thread, or
         * terminates the process it waits for, through a ready thread holding a handle to it.
         */
        private void wake(MThread fallback) {
            if (m.pending.isEmpty()) {
                signal(fallback);
                return;
            }
            // A (wait, object) pair some ready thread can act on, when there is one.
            List<MWait> waits = new ArrayList<>(m.pending);
            Collections.shuffle(waits, rnd);
            MWait w = waits.get(0);
            MObject o = pick(w.objects);
            List<MThread> ready = m.readyThreads();
            search:
            for (MWait x : waits) {
                for (MObject y : x.objects) {
                    MObject target = y.kind == Kind.MUTEX && y.owner != null ? y.owner : y;
                    for (MThread t : ready) {
                        if (t == target || holds(t.process, target)) {
                            w = x;
                            o = y;
                            break search;
                        }
                    }
                }
            }
            if (o.kind == Kind.MUTEX && o.owner != null && o.owner != w.thread) {
                MThread owner = o.owner;
                if (owner.running && owner.wait == null && rnd.nextBoolean()) {
                    List<Long> vs = valuesOf(owner.process, o);
                    if (!vs.isEmpty() && rnd.nextBoolean()) {
                        signal(owner, Kind.MUTEX, pick(vs));
                    } else {
                        exitThread(owner); // R35: the waiter gets WAIT_ABANDONED
                    }
                    return;
                }
                o = owner; // end the owner from another thread
            }
            if (o instanceof MThread t && t.running && t.wait == null && rnd.nextInt(3) == 0) {
                exitThread(t);
                return;
            }
            List<MThread> callers = new ArrayList<>();
            for (MThread t : ready) {
                if (holds(t.process, o)) {
                    callers.add(t);
                }
            }
            if (callers.isEmpty()) {
                signal(fallback);
                return;
            }
            MThread c = pick(callers);
            long h = withLowBits(pick(valuesOf(c.process, o)));
            switch (o.kind) {
                case THREAD -> terminateThread(c, h);
                case PROCESS -> terminateProcess(c, h);
                default -> signal(c, o.kind, h);
            }
        }

        /** The values of {@code p}'s table that name {@code o}. */
        private static List<Long> valuesOf(MProcess p, MObject o) {
            List<Long> values = new ArrayList<>();
            p.table.entries().forEach((i, e) -> {
                if (e.object() == o) {
                    values.add((long) i << 2);
                }
            });
            return values;
        }

        private static boolean holds(MProcess p, MObject o) {
            if (o.handles == 0) {
                return false;
            }
            for (ModelHandleTable.Entry e : p.table.entries().values()) {
                if (e.object() == o) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A value of {@code p}'s table whose object a parked wait is on (an event, mutex or semaphore
         * when {@code signalable}), or null.
         */
        private Long waitedValue(MProcess p, boolean signalable) {
            Set<MObject> waited = Collections.newSetFromMap(new IdentityHashMap<>());
            for (MWait w : m.pending) {
                waited.addAll(w.objects);
            }
            List<Long> values = new ArrayList<>();
            if (waited.isEmpty()) {
                return null;
            }
            p.table.entries().forEach((i, e) -> {
                Kind kind = e.object().kind;
                if (waited.contains(e.object())
                        && (!signalable || kind == Kind.EVENT || kind == Kind.MUTEX || kind == Kind.SEMAPHORE)) {
                    values.add((long) i << 2);
                }
            });
            return values.isEmpty() ? null : pick(values);
        }

        /** Closes a handle to an object a thread is parked on: the wait goes on (R34). */
        private void closeWaited(MThread c) {
            Long v = waitedValue(c.process, false);
            close(c, v != null ? v : pickValue(c.process, null));
        }

        /** Sleep(ms) on the virtual clock: time moves for everyone, and waits whose deadline it reaches time out. */
        private void sleep(MThread c) {
            int ms = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(80);
            m.advance(ms);
            c.api.Sleep(ms);
            log("T" + c.tid + " Sleep(" + ms + ") -> t=" + clock.nowMillis());
            expectEq("last error after Sleep", c.lastError, c.api.GetLastError());
        }

        /**
         * Every running thread is parked: the driver moves the clock to the earliest deadline, or,
         * when every wait is INFINITE, boots a new process whose thread can act (and may end the
         * parked ones by id).
         */
        private void unstick() {
            long earliest = Long.MAX_VALUE;
            for (MWait w : m.pending) {
                earliest = Math.min(earliest, w.deadline);
            }
            if (earliest == Long.MAX_VALUE) {
                log("(every running thread is parked for good: boot a new process)");
                stats.merge("unstick:boot", 1, Integer::sum);
                boot();
            } else {
                long ms = earliest - m.now;
                stats.merge("unstick:advance", 1, Integer::sum);
                m.advance(ms);
                clock.advance(ms);
                log("(every running thread is parked: the driver advances the clock by " + ms + " to t="
                        + clock.nowMillis() + ")");
            }
        }

        /** Many unnamed events at once: grows a table past FIFO's hold-back of 100 free values (R8). */
        private void burstCreate(MThread c) {
            int n = 20 + rnd.nextInt(100);
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < n; i++) {
                boolean inherit = rnd.nextInt(10) == 0;
                long expected = m.create(c, Kind.EVENT, inherit, null, false, false, 0, 0);
                long actual = c.api.CreateEvent(sa(inherit, true), false, false, null);
                expectEq("burst CreateEvent #" + i + " result", expected, actual);
                expectEq("burst CreateEvent #" + i + " last error", c.lastError, c.api.GetLastError());
                bindNew();
                values.append(' ').append(hex(actual));
            }
            log("T" + c.tid + " burst of " + n + " CreateEvent ->" + values);
        }

        private void burstClose(MThread c) {
            int n = 20 + rnd.nextInt(100);
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < n; i++) {
                Long v = entryValue(c.process, null);
                if (v == null) {
                    break;
                }
                long expected = m.close(c, v);
                long actual = c.api.CloseHandle(v) ? 1 : 0;
                expectEq("burst CloseHandle(" + hex(v) + ") result", expected, actual);
                expectEq("burst CloseHandle(" + hex(v) + ") last error", c.lastError, c.api.GetLastError());
                values.append(' ').append(hex(v)).append(actual == 1 ? "" : "!");
            }
            log("T" + c.tid + " burst CloseHandle" + values);
        }

        /** Records a call and checks its result and the caller's last error against the model's. */
        private void result(MThread c, String call, long expected, long actual, boolean handleResult) {
            String shown = call.startsWith("Wait") ? ReferenceModel.waitName(actual)
                    : handleResult ? hex(actual) : actual == 1 ? "TRUE" : actual == 0 ? "FALSE" : hex(actual);
            log("T" + c.tid + " (pid " + c.process.pid + ") " + call + " -> " + shown + ", GetLastError() = "
                    + Win32Error.name(c.api.GetLastError()));
            count(call, actual, c.api.GetLastError());
            expectEq("result of " + call, expected, actual);
            expectEq("GetLastError() after " + call, c.lastError, c.api.GetLastError());
        }

        // ------------------------------------------------------------ invariants

        private void endStep() {
            checkWaits();
            checkListener();
            checkDeletions();
            checkTablesAndCounts();
            checkNames();
            history.addLast("#" + step + " " + current);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
            current = new StringBuilder();
        }

        /**
         * The parked waits that completed in this step are the model's, in the same order, each
         * with the model's result (what the Win32 wait returns, via waitResult, or its thread's end)
         * and its thread's last error; the waits still parked are the model's (thread, objects, kind,
         * deadline), in the same order; the clock reads the model's time.
         */
        private void checkWaits() {
            List<String> expected = new ArrayList<>();
            for (ReferenceModel.Completion c : m.completions) {
                expected.add(c.toString());
            }
            List<String> actual = new ArrayList<>();
            for (Wait w : completedThisStep) {
                MObject o = bound.get(w.thread());
                check(o instanceof MThread, () -> "a completed wait of an unknown thread: " + w);
                MThread t = (MThread) o;
                long r = Integer.toUnsignedLong(w.status()) == ReferenceModel.CANCELLED ? ReferenceModel.CANCELLED
                        : t.api.waitResult(w.status());
                actual.add(new ReferenceModel.Completion(t, r).toString());
                stats.merge("completed:" + (r == ReferenceModel.CANCELLED ? "cancelled" : ReferenceModel.waitName(r)
                        .replaceAll("\\+.*", "")), 1, Integer::sum);
                if (r != ReferenceModel.CANCELLED) {
                    expectEq("GetLastError() of T" + t.tid + " after its wait completed", t.lastError,
                            t.api.GetLastError());
                }
            }
            if (!actual.isEmpty() || !expected.isEmpty()) {
                log("completed: " + actual);
            }
            check(expected.equals(actual), () -> "waits completed in this step: model " + expected + ", executive "
                    + actual);
            m.completions.clear();
            completedThisStep.clear();
            expectEq("clock", m.now, clock.nowMillis());
            List<Wait> real = k.dispatcher().pendingWaits();
            check(real.size() == m.pending.size(), () -> "parked waits: model " + m.pending + ", executive " + real);
            for (int i = 0; i < real.size(); i++) {
                Wait w = real.get(i);
                MWait mw = m.pending.get(i);
                boolean same = w.thread() == mw.thread.real && w.waitAll() == mw.all && w.deadline() == mw.deadline
                        && w.objects().size() == mw.objects.size() && w.isPending() && mw.thread.wait == mw;
                for (int j = 0; same && j < mw.objects.size(); j++) {
                    same = w.objects().get(j) == mw.objects.get(j).real;
                }
                check(same, () -> "parked waits: model " + m.pending + ", executive " + real);
            }
        }

        /** The listener's events: no violation, and as many handles made and closed as the model says. */
        private void checkListener() {
            check(listenerViolations.isEmpty(), () -> "listener: " + listenerViolations);
            String model = m.handlesCreated + " created, " + m.handlesClosed + " closed, "
                    + m.handlesClosedAtExit + " closed at exit";
            String real = handlesCreated + " created, " + handlesClosed + " closed, " + handlesClosedAtExit
                    + " closed at exit";
            check(model.equals(real), () -> "handle events in this step: model " + model + ", executive " + real);
            m.handlesCreated = m.handlesClosed = m.handlesClosedAtExit = 0;
            handlesCreated = handlesClosed = handlesClosedAtExit = 0;
        }

        /** Exactly the objects the model dropped were deleted in this step (R3). */
        private void checkDeletions() {
            Set<KernelObject> expectedKnown = Collections.newSetFromMap(new IdentityHashMap<>());
            int expectedUnknown = 0;
            for (MObject o : m.dropped) {
                if (o.real != null) {
                    expectedKnown.add(o.real);
                } else {
                    expectedUnknown++;
                }
            }
            Set<KernelObject> actualKnown = Collections.newSetFromMap(new IdentityHashMap<>());
            int actualUnknown = 0;
            for (KernelObject o : deletedThisStep) {
                if (bound.containsKey(o)) {
                    actualKnown.add(o);
                } else {
                    actualUnknown++;
                }
            }
            int eu = expectedUnknown;
            int au = actualUnknown;
            check(expectedKnown.equals(actualKnown), () -> "deleted in this step: expected " + expectedKnown
                    + ", executive deleted " + actualKnown);
            check(eu == au, () -> "objects that never got a handle deleted in this step: expected " + eu
                    + ", executive deleted " + au);
            for (KernelObject o : expectedKnown) {
                check(o.isDeleted(), () -> o.describe() + " should be deleted");
                droppedEver.add(o);
            }
            m.dropped.clear();
            deletedThisStep.clear();
        }

        private void checkDroppedStayDeleted() {
            for (KernelObject o : droppedEver) {
                check(o.isDeleted(), () -> o.describe() + " was deleted and is alive again");
            }
        }

        private void checkTablesAndCounts() {
            // The executive's processes are the model's.
            List<KProcess> realProcesses = k.processes();
            List<MProcess> modelProcesses = m.processes();
            check(realProcesses.size() == modelProcesses.size(), () -> "processes: model " + modelProcesses
                    + ", executive " + realProcesses);
            Map<KernelObject, Integer> entriesPerObject = new IdentityHashMap<>();
            for (KProcess rp : realProcesses) {
                MObject mo = bound.get(rp);
                check(mo instanceof MProcess && mo.alive, () -> "executive process " + rp.describe()
                        + " is not a live process of the model: " + mo);
                MProcess mp = (MProcess) mo;
                List<HandleEntry<KernelObject>> real = k.handles(rp);
                check(real.size() == mp.table.size(), () -> "table of " + mp + ": model "
                        + show(mp.table.snapshot()) + ", executive " + real);
                int i = 0;
                for (Map.Entry<Integer, ModelHandleTable.Entry> me : mp.table.entries().entrySet()) {
                    HandleEntry<KernelObject> re = real.get(i++);
                    ModelHandleTable.Entry e = me.getValue();
                    check(re.value() == (long) me.getKey() << 2 && re.object() == e.object().real
                            && re.grantedAccess() == e.access() && re.attributes() == e.attributes(),
                            () -> "table of " + mp + ": model " + show(mp.table.snapshot()) + ", executive " + real);
                    entriesPerObject.merge(re.object(), 1, Integer::sum);
                }
            }
            // A pending wait holds one pointer reference per object slot (R34).
            Map<KernelObject, Integer> waitRefs = new IdentityHashMap<>();
            for (Wait w : k.dispatcher().pendingWaits()) {
                for (KernelObject o : w.objects()) {
                    waitRefs.merge(o, 1, Integer::sum);
                }
            }
            // Every live object: counts from the model, from the tables, and from the executive (R1).
            for (MObject o : m.alive) {
                check(o.real != null, () -> o + " never bound");
                KernelObject r = o.real;
                int entries = entriesPerObject.getOrDefault(r, 0);
                int holders = waitRefs.getOrDefault(r, 0);
                if (r instanceof KThread t) {
                    holders += t.hasEnded() ? 0 : 1;
                    MThread mt = (MThread) o;
                    check(t.hasEnded() != mt.running && t.exitCode() == mt.exitCode, () -> o + ": running "
                            + !t.hasEnded() + " exit code " + t.exitCode() + ", model " + mt.running + " "
                            + mt.exitCode);
                } else if (r instanceof KProcess p) {
                    for (KThread t : p.threads()) {
                        holders += t.isDeleted() ? 0 : 1;
                    }
                    MProcess mp = (MProcess) o;
                    check(p.hasExited() == mp.exited && p.exitCode() == mp.exitCode, () -> o + ": exited "
                            + p.hasExited() + " exit code " + p.exitCode() + ", model " + mp.exited + " "
                            + mp.exitCode);
                }
                if (r instanceof Event e) {
                    check(e.isSignaled(k.dispatcher()) == o.signaled && e.isManualReset() == o.manualReset,
                            () -> o + ": signaled " + e.isSignaled(k.dispatcher()) + ", model " + o.signaled);
                } else if (r instanceof Semaphore sem) {
                    check(sem.count(k.dispatcher()) == o.count, () -> o + ": count " + sem.count(k.dispatcher())
                            + ", model " + o.count);
                } else if (r instanceof Mutant mu) {
                    KThread owner = mu.owner(k.dispatcher());
                    check(owner == (o.owner == null ? null : o.owner.real), () -> o + ": owner " + owner
                            + ", model " + o.owner);
                }
                int h = holders;
                check(!r.isDeleted(), () -> o + " is alive in the model but deleted");
                check(r.handleCount() == o.handles && entries == o.handles, () -> o + ": handle count "
                        + r.handleCount() + ", entries pointing at it " + entries + ", model " + o.handles);
                int pc = m.pointerCount(o);
                check(r.pointerCount() == pc && r.pointerCount() == entries + h, () -> o + ": pointer count "
                        + r.pointerCount() + ", model " + pc + ", handles + holders in the executive "
                        + (entries + h));
            }
            for (KernelObject r : entriesPerObject.keySet()) {
                MObject o = bound.get(r);
                check(o != null && o.alive, () -> "a table holds " + r.describe() + ", model: " + o);
            }
        }

        private static String show(TreeMap<Long, ModelHandleTable.Entry> model) {
            StringBuilder sb = new StringBuilder("[");
            model.forEach((v, e) -> sb.append(hex(v)).append("=").append(e.object()).append("/")
                    .append(hex(e.access())).append("/").append(e.attributes()).append(" "));
            return sb.append("]").toString();
        }

        /**
         * R2: the names removed in this step are the model's, and each name resolves exactly while
         * the model has it. The probe opens with access 0, which fails whatever happens (R31), so it
         * changes nothing: a missing name must say ERROR_FILE_NOT_FOUND, a present one must not.
         */
        private void checkNames() {
            List<String> expected = new ArrayList<>(m.namesRemoved);
            List<String> actual = new ArrayList<>(namesRemovedThisStep);
            Collections.sort(expected);
            Collections.sort(actual);
            check(expected.equals(actual), () -> "names removed: model " + expected + ", executive " + actual);
            m.namesRemoved.clear();
            namesRemovedThisStep.clear();
            List<MThread> ready = m.readyThreads(); // a parked thread makes no call
            if (ready.isEmpty()) {
                return;
            }
            Kernel32 probe = ready.get(0).api;
            int saved = probe.GetLastError();
            for (String name : NAMES) {
                long h = probe.OpenEvent(0, false, name);
                int error = probe.GetLastError();
                boolean present = m.namespace.containsKey(name);
                check(h == 0 && (error == ERROR_FILE_NOT_FOUND) != present, () -> "name \"" + name + "\": model "
                        + (present ? m.namespace.get(name) : "absent") + ", OpenEvent(0) -> " + hex(h) + " "
                        + Win32Error.name(error));
            }
            probe.SetLastError(saved);
        }

        // ------------------------------------------------------------ reporting

        private void log(String s) {
            if (!current.isEmpty()) {
                current.append(" | ");
            }
            current.append(s);
        }

        private void expectEq(String what, long expected, long actual) {
            check(expected == actual, () -> what + ": expected " + hex(expected) + ", got " + hex(actual));
        }

        private void check(boolean ok, Supplier<String> message) {
            if (!ok) {
                StringBuilder sb = new StringBuilder();
                sb.append(message.get()).append("\n  setup ").append(setup).append(", kh.seed=").append(seed)
                        .append(", step ").append(step).append(" of ").append(steps).append("\n  last steps:\n");
                for (String h : history) {
                    sb.append("    ").append(h).append('\n');
                }
                sb.append("    #").append(step).append(" ").append(current).append("   <-- failed here\n");
                sb.append("  replay: mvn -pl core test -Dtest=KernelModelRandomTest -Dkh.seed=").append(seed)
                        .append(" '-Dkh.setup=").append(setup).append("'");
                throw new AssertionError(sb.toString());
            }
        }

        private static String hex(long v) {
            return v < 0 ? Long.toString(v) : "0x" + Long.toHexString(v);
        }
    }
}
