package org.kernelhandles.executive.model;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kernelhandles.executive.handles.ReusePolicy;

/**
 * The reference model's handle table: a sorted map from index to entry plus the free values in the
 * order the policy hands them out, written as plainly as possible from R7-R9 and the definitions
 * in {@link ReusePolicy} and the table's class comment:
 *
 * <ul>
 *   <li>value = index &lt;&lt; 2, index from 1; the two low bits are ignored on lookup (R7);
 *   <li>"fresh" = above every index ever in use ({@code highWater}); free = in 1..highWater and not in use;
 *   <li>LIFO: most recently freed first, else fresh; FIFO: oldest freed first once at least 100 are
 *       free or the table cannot grow, else fresh; LOWEST: lowest free, else fresh; NEVER: fresh
 *       until every value up to the maximum was handed out, then oldest freed first;
 *   <li>a full table hands out nothing (R9);
 *   <li>{@link #insertAt} (inheritance, R37) above highWater frees the fresh values below it so that
 *       the policy hands out the lowest of them first.
 * </ul>
 *
 * <p>It deliberately shares no code with the executive's table.
 */
final class ModelHandleTable {

    /** One handle: what it refers to, its granted access and its flags (R10). */
    record Entry(ReferenceModel.MObject object, int access, int attributes) {
        Entry withAttributes(int a) {
            return new Entry(object, access, a);
        }
    }

    private final ReusePolicy policy;
    private final int max;
    private final TreeMap<Integer, Entry> entries = new TreeMap<>();
    /** LIFO, FIFO, NEVER: the free indices, the next to hand out first. */
    private final ArrayDeque<Integer> freeList = new ArrayDeque<>();
    /** LOWEST: the free indices. */
    private final TreeSet<Integer> freeSet = new TreeSet<>();
    private int highWater;
    /** Every value ever in use in this table, once each: the source of "stale" values for the random test. */
    private final java.util.List<Long> everUsed = new java.util.ArrayList<>();
    private final java.util.Set<Long> everUsedSet = new java.util.HashSet<>();

    ModelHandleTable(ReusePolicy policy, int max) {
        this.policy = policy;
        this.max = max;
    }

    int size() {
        return entries.size();
    }

    boolean isFull() {
        return entries.size() == max;
    }

    /** The index a value names, or 0 for none (R7: low bits ignored; 0 and negatives name nothing). */
    private int indexOf(long value) {
        if (value <= 0) {
            return 0;
        }
        long index = value >>> 2;
        return index > max ? 0 : (int) index;
    }

    Entry lookup(long value) {
        int index = indexOf(value);
        return index == 0 ? null : entries.get(index);
    }

    /** Adds an entry; returns its value, or 0 when the table is full (R9). */
    long insert(Entry e) {
        if (entries.size() == max) {
            return 0;
        }
        int index = take();
        entries.put(index, e);
        used((long) index << 2);
        return (long) index << 2;
    }

    private int take() {
        int free = highWater - entries.size();
        switch (policy) {
            case LIFO:
                return free > 0 ? freeList.removeFirst() : fresh();
            case FIFO:
                return free > 0 && (free >= ReusePolicy.FIFO_HOLD_BACK || highWater == max)
                        ? freeList.removeFirst() : fresh();
            case NEVER:
                return highWater < max ? fresh() : freeList.removeFirst();
            case LOWEST:
                return free > 0 ? freeSet.pollFirst() : fresh();
            default:
                throw new AssertionError(policy);
        }
    }

    private int fresh() {
        return ++highWater;
    }

    /** Inheritance (R37): an entry at exactly {@code value}, which is not in use. */
    void insertAt(long value, Entry e) {
        int index = (int) (value >>> 2);
        if (entries.containsKey(index)) {
            throw new AssertionError("model: insertAt on a used value " + value);
        }
        if (index > highWater) {
            // The fresh values below become free, the lowest to be handed out first.
            for (int i = highWater + 1; i < index; i++) {
                switch (policy) {
                    case LIFO -> { } // pushed below, highest first, so the lowest ends up in front
                    case FIFO, NEVER -> freeList.addLast(i);
                    case LOWEST -> freeSet.add(i);
                }
            }
            if (policy == ReusePolicy.LIFO) {
                for (int i = index - 1; i > highWater; i--) {
                    freeList.addFirst(i);
                }
            }
            highWater = index;
        } else if (policy == ReusePolicy.LOWEST) {
            freeSet.remove(index);
        } else {
            freeList.removeFirstOccurrence(index);
        }
        entries.put(index, e);
        used(value);
    }

    /** Removes the entry {@code value} names (it must exist) and frees its value. */
    Entry remove(long value) {
        int index = indexOf(value);
        Entry e = entries.remove(index);
        if (e == null) {
            throw new AssertionError("model: remove of a free value " + value);
        }
        switch (policy) {
            case LIFO -> freeList.addFirst(index);
            case FIFO, NEVER -> freeList.addLast(index);
            case LOWEST -> freeSet.add(index);
        }
        return e;
    }

    void setAttributes(long value, int attributes) {
        int index = indexOf(value);
        entries.put(index, entries.get(index).withAttributes(attributes));
    }

    /** The entries in ascending index order (value = index << 2); read-only. */
    java.util.SortedMap<Integer, Entry> entries() {
        return java.util.Collections.unmodifiableSortedMap(entries);
    }

    /** A random value in use whose entry refers to a {@code kind} object (any kind if null), or 0. */
    long randomValue(java.util.Random random, ReferenceModel.Kind kind) {
        if (entries.isEmpty()) {
            return 0;
        }
        if (kind == null) {
            int skip = random.nextInt(entries.size());
            for (Integer index : entries.keySet()) {
                if (skip-- == 0) {
                    return (long) index << 2;
                }
            }
        }
        java.util.List<Integer> typed = new java.util.ArrayList<>();
        entries.forEach((index, e) -> {
            if (e.object().kind == kind) {
                typed.add(index);
            }
        });
        return typed.isEmpty() ? 0 : (long) typed.get(random.nextInt(typed.size())) << 2;
    }

    /** The entries in ascending value order, keyed by value. */
    TreeMap<Long, Entry> snapshot() {
        TreeMap<Long, Entry> m = new TreeMap<>();
        for (Map.Entry<Integer, Entry> e : entries.entrySet()) {
            m.put((long) e.getKey() << 2, e.getValue());
        }
        return m;
    }

    private void used(long value) {
        if (everUsedSet.add(value)) {
            everUsed.add(value);
        }
    }

    /** A value once in use in this table (it may be in use again), or 0 when there is none. */
    long anyEverUsed(java.util.Random random) {
        return everUsed.isEmpty() ? 0 : everUsed.get(random.nextInt(everUsed.size()));
    }
}
