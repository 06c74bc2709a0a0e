package org.kernelhandles.bench;

import java.util.concurrent.TimeUnit;
import org.kernelhandles.bench.Baselines.ArrayTable;
import org.kernelhandles.bench.Baselines.ConcurrentMapTable;
import org.kernelhandles.bench.Baselines.SynchronizedMapTable;
import org.kernelhandles.executive.handles.HandleEntry;
import org.kernelhandles.executive.handles.HandleTable;
import org.kernelhandles.executive.handles.ReusePolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The handle table ({@code HandleTable.create(LIFO, MAX_ENTRIES)}) beside three baselines, in one
 * run: a ConcurrentHashMap with a free list, a synchronized HashMap, and an unsynchronized array
 * (the "hardware limit"). Every table is prefilled with {@code size} entries, values 0x4 up to
 * {@code size << 2}, each naming its own object.
 *
 * <ul>
 *   <li>{@code lookup_*}: one lookup of a live value, the hot path (every call through a handle).
 *       The values come from a per-thread LCG over the live indices (full period, so every entry
 *       is visited and the JIT cannot fold the key); at 1M entries that is a cache miss or two.
 *       {@code lookup_table} returns the entry's object, as callers use it;
 *       {@code lookup_tableEntry} returns the HandleEntry itself, which forces its allocation.
 *   <li>{@code churn_*}: insert one entry, then remove it: LIFO hands the same value out each time.
 *   <li>{@code contended_*}: two threads on one table: one looks up live values, one churns.
 *       JMH reports the group and each thread's own score ({@code :contended_x_lookup}).
 * </ul>
 *
 * The single-thread benchmarks share one table per trial (Scope.Benchmark): run them with one
 * thread (the default), since the array baseline is not thread-safe.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HandleTableBenchmark {

    static final int ACCESS = 0x1F0003; // EVENT_ALL_ACCESS: any int will do, the table only keeps it

    /** A table size: a power of two, so the LCG below walks every live index. */
    @State(Scope.Benchmark)
    public abstract static class Prefilled {
        @Param({"16", "4096", "1048576"})
        public int size;

        /** What churn inserts. */
        final Object extra = new Object();

        @Setup(Level.Trial)
        public final void prefill() {
            if (Integer.bitCount(size) != 1) {
                throw new IllegalArgumentException("size must be a power of two: " + size);
            }
            create(size);
            for (int i = 1; i <= size; i++) {
                long v = insert(new Object());
                if (v != (long) i << 2) {
                    throw new IllegalStateException("prefill gave 0x" + Long.toHexString(v)
                            + " for entry " + i);
                }
            }
        }

        abstract void create(int size);

        abstract long insert(Object object);
    }

    @State(Scope.Benchmark)
    public static class TableState extends Prefilled {
        HandleTable<Object> table;

        @Override
        void create(int size) {
            table = HandleTable.create(ReusePolicy.LIFO, HandleTable.MAX_ENTRIES);
        }

        @Override
        long insert(Object object) {
            return table.insert(object, ACCESS, 0);
        }
    }

    @State(Scope.Benchmark)
    public static class ConcurrentMapState extends Prefilled {
        ConcurrentMapTable table;

        @Override
        void create(int size) {
            table = new ConcurrentMapTable(size + 1);
        }

        @Override
        long insert(Object object) {
            return table.insert(object);
        }
    }

    @State(Scope.Benchmark)
    public static class SynchronizedMapState extends Prefilled {
        SynchronizedMapTable table;

        @Override
        void create(int size) {
            table = new SynchronizedMapTable(size + 1);
        }

        @Override
        long insert(Object object) {
            return table.insert(object);
        }
    }

    @State(Scope.Benchmark)
    public static class ArrayState extends Prefilled {
        ArrayTable table;

        @Override
        void create(int size) {
            table = new ArrayTable(size + 1); // the prefilled entries and the churned one
        }

        @Override
        long insert(Object object) {
            return table.insert(object);
        }
    }

    /** Per thread: the next live value to look up, from an LCG over 0..size-1 with full period. */
    @State(Scope.Thread)
    public static class Cursor {
        private int i;

        long next(int size) {
            i = (i * 1664525 + 1013904223) & (size - 1);
            return (long) (i + 1) << 2;
        }
    }

    // ---------------------------------------------------------------- lookup of a live value

    @Benchmark
    public Object lookup_table(TableState s, Cursor c) {
        return s.table.lookup(c.next(s.size)).object();
    }

    @Benchmark
    public HandleEntry<Object> lookup_tableEntry(TableState s, Cursor c) {
        return s.table.lookup(c.next(s.size));
    }

    @Benchmark
    public Object lookup_concurrentMap(ConcurrentMapState s, Cursor c) {
        return s.table.lookup(c.next(s.size));
    }

    @Benchmark
    public Object lookup_synchronizedMap(SynchronizedMapState s, Cursor c) {
        return s.table.lookup(c.next(s.size));
    }

    @Benchmark
    public Object lookup_array(ArrayState s, Cursor c) {
        return s.table.lookup(c.next(s.size));
    }

    // ---------------------------------------------------------------- insert + remove (LIFO reuse)

    @Benchmark
    public Object churn_table(TableState s) {
        return tableChurn(s);
    }

    @Benchmark
    public Object churn_concurrentMap(ConcurrentMapState s) {
        return s.table.remove(s.table.insert(s.extra));
    }

    @Benchmark
    public Object churn_synchronizedMap(SynchronizedMapState s) {
        return s.table.remove(s.table.insert(s.extra));
    }

    @Benchmark
    public Object churn_array(ArrayState s) {
        return s.table.remove(s.table.insert(s.extra));
    }

    private static Object tableChurn(TableState s) {
        long v = s.table.insert(s.extra, ACCESS, 0);
        return s.table.removeUnless(v, 0).object();
    }

    // ---------------------------------------------------------------- 2 threads: lookups under churn

    @Benchmark
    @Group("contended_table")
    @GroupThreads(1)
    public Object contended_table_lookup(TableState s, Cursor c) {
        return s.table.lookup(c.next(s.size)).object();
    }

    @Benchmark
    @Group("contended_table")
    @GroupThreads(1)
    public Object contended_table_churn(TableState s) {
        return tableChurn(s);
    }

    @Benchmark
    @Group("contended_concurrentMap")
    @GroupThreads(1)
    public Object contended_concurrentMap_lookup(ConcurrentMapState s, Cursor c) {
        return s.table.lookup(c.next(s.size));
    }

    @Benchmark
    @Group("contended_concurrentMap")
    @GroupThreads(1)
    public Object contended_concurrentMap_churn(ConcurrentMapState s) {
        return s.table.remove(s.table.insert(s.extra));
    }

    @Benchmark
    @Group("contended_synchronizedMap")
    @GroupThreads(1)
    public Object contended_synchronizedMap_lookup(SynchronizedMapState s, Cursor c) {
        return s.table.lookup(c.next(s.size));
    }

    @Benchmark
    @Group("contended_synchronizedMap")
    @GroupThreads(1)
    public Object contended_synchronizedMap_churn(SynchronizedMapState s) {
        return s.table.remove(s.table.insert(s.extra));
    }

    /** Single writer, racy reader of slots the writer never touches: a reference, not a table. */
    @Benchmark
    @Group("contended_array")
    @GroupThreads(1)
    public Object contended_array_lookup(ArrayState s, Cursor c) {
        return s.table.lookup(c.next(s.size));
    }

    @Benchmark
    @Group("contended_array")
    @GroupThreads(1)
    public Object contended_array_churn(ArrayState s) {
        return s.table.remove(s.table.insert(s.extra));
    }
}
