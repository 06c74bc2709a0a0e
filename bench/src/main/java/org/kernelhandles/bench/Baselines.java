package org.kernelhandles.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tables the handle table is measured against. Each hands out values the way the LIFO table
 * does (index << 2, index from 1, the most recently freed value first), so the same values name
 * the same entries in every implementation, and each keeps only the object (no access, no flags).
 */
final class Baselines {

    private Baselines() {}

    /** What a Java programmer reaches for first: a concurrent map keyed by value, and a free list. */
    static final class ConcurrentMapTable {
        private final ConcurrentHashMap<Long, Object> map;
        private final ConcurrentLinkedDeque<Long> free = new ConcurrentLinkedDeque<>();
        private final AtomicLong highWater = new AtomicLong();

        ConcurrentMapTable(int expected) {
            map = new ConcurrentHashMap<>(expected * 2);
        }

        long insert(Object object) {
            Long value = free.pollFirst();
            long v = value != null ? value : highWater.incrementAndGet() << 2;
            map.put(v, object);
            return v;
        }

        Object lookup(long value) {
            return map.get(value);
        }

        Object remove(long value) {
            Object removed = map.remove(value);
            if (removed != null) {
                free.push(value);
            }
            return removed;
        }
    }

    /** A HashMap keyed by value and a free stack, every method under the table's monitor. */
    static final class SynchronizedMapTable {
        private final Map<Long, Object> map;
        private long[] free = new long[16];
        private int freeCount;
        private long highWater;

        SynchronizedMapTable(int expected) {
            map = new HashMap<>(expected * 2);
        }

        synchronized long insert(Object object) {
            long v = freeCount > 0 ? free[--freeCount] : ++highWater << 2;
            map.put(v, object);
            return v;
        }

        synchronized Object lookup(long value) {
            return map.get(value);
        }

        synchronized Object remove(long value) {
            Object removed = map.remove(value);
            if (removed != null) {
                if (freeCount == free.length) {
                    free = java.util.Arrays.copyOf(free, freeCount * 2);
                }
                free[freeCount++] = value;
            }
            return removed;
        }
    }

    /**
     * The "hardware limit": an Object[] indexed by value >> 2 and an int[] stack of free indices,
     * with no lock, no paging, no bounds beyond the array's own and no growth (the capacity is
     * fixed). Correct for one thread only; under concurrent churn it is a single-writer racy
     * reference, not a table anyone should use.
     */
    static final class ArrayTable {
        private final Object[] objects;
        private final int[] free;
        private int freeTop;
        private int highWater;

        ArrayTable(int capacity) {
            objects = new Object[capacity + 1];
            free = new int[capacity + 1];
        }

        long insert(Object object) {
            int index = freeTop > 0 ? free[--freeTop] : ++highWater;
            objects[index] = object;
            return (long) index << 2;
        }

        Object lookup(long value) {
            int index = (int) (value >>> 2);
            return index >= 0 && index < objects.length ? objects[index] : null;
        }

        Object remove(long value) {
            int index = (int) (value >>> 2);
            Object removed = objects[index];
            if (removed != null) {
                objects[index] = null;
                free[freeTop++] = index;
            }
            return removed;
        }
    }
}
