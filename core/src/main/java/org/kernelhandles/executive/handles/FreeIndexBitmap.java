package org.kernelhandles.executive.handles;

import java.util.Arrays;

/**
 * A set of table indices in [0, 2^24) that finds its lowest member in constant time: the free
 * structure of {@link ReusePolicy#LOWEST}.
 *
 * <p>Four levels of 64-way summaries. Bit {@code i} of {@code level0} says index {@code i} is a
 * member; bit {@code w} of {@code level1} says {@code level0[w] != 0}; bit {@code u} of
 * {@code level2} says {@code level1[u] != 0}; bit {@code t} of {@code top} says
 * {@code level2[t] != 0}. Finding the lowest member is four {@code numberOfTrailingZeros}, setting
 * a bit touches four words, clearing one touches between one and four. Each level grows by
 * doubling to cover the highest index ever set, so a table with few free values holds a few
 * words; at 2^24 indices the whole bitmap is about 2 MiB.
 *
 * <p>Not thread-safe: {@link LockedHandleTable} uses it only under its write lock.
 */
final class FreeIndexBitmap {

    /** One more than the largest index the bitmap can hold: 64^4. */
    static final int CAPACITY = 1 << 24;

    private long[] level0 = new long[1];
    private long[] level1 = new long[1];
    private long[] level2 = new long[1];
    private long top;

    /** Adds {@code index} to the set. */
    void set(int index) {
        checkIndex(index);
        int w = index >>> 6;
        int u = index >>> 12;
        int t = index >>> 18;
        level0 = ensure(level0, w);
        level1 = ensure(level1, u);
        level2 = ensure(level2, t);
        level0[w] |= 1L << index;
        level1[u] |= 1L << w;
        level2[t] |= 1L << u;
        top |= 1L << t;
    }

    /** Adds every index in {@code from..last} (both included) to the set. */
    void setRange(int from, int last) {
        checkIndex(from);
        checkIndex(last);
        if (from > last) {
            return;
        }
        level0 = ensure(level0, last >>> 6);
        level1 = ensure(level1, last >>> 12);
        level2 = ensure(level2, last >>> 18);
        setBits(level0, from, last);
        setBits(level1, from >>> 6, last >>> 6);
        setBits(level2, from >>> 12, last >>> 12);
        for (int t = from >>> 18; t <= last >>> 18; t++) {
            top |= 1L << t;
        }
    }

    /** Sets bits {@code from..last} of {@code words}. */
    private static void setBits(long[] words, int from, int last) {
        int first = from >>> 6;
        int end = last >>> 6;
        long firstMask = -1L << from;           // bits from (from & 63) up
        long lastMask = -1L >>> (63 - (last & 63)); // bits up to (last & 63)
        if (first == end) {
            words[first] |= firstMask & lastMask;
            return;
        }
        words[first] |= firstMask;
        Arrays.fill(words, first + 1, end, -1L);
        words[end] |= lastMask;
    }

    /** Removes {@code index} from the set; does nothing when it is not a member. */
    void clear(int index) {
        checkIndex(index);
        int w = index >>> 6;
        if (w >= level0.length) {
            return;
        }
        if ((level0[w] &= ~(1L << index)) != 0) {
            return;
        }
        int u = index >>> 12;
        if ((level1[u] &= ~(1L << w)) != 0) {
            return;
        }
        int t = index >>> 18;
        if ((level2[t] &= ~(1L << u)) != 0) {
            return;
        }
        top &= ~(1L << t);
    }

    /** Whether {@code index} is in the set. */
    boolean get(int index) {
        checkIndex(index);
        int w = index >>> 6;
        return w < level0.length && (level0[w] & (1L << index)) != 0;
    }

    /** The lowest member, or -1 when the set is empty. */
    int first() {
        if (top == 0) {
            return -1;
        }
        int t = Long.numberOfTrailingZeros(top);
        int u = (t << 6) | Long.numberOfTrailingZeros(level2[t]);
        int w = (u << 6) | Long.numberOfTrailingZeros(level1[u]);
        return (w << 6) | Long.numberOfTrailingZeros(level0[w]);
    }

    /** Whether the set is empty. */
    boolean isEmpty() {
        return top == 0;
    }

    private static long[] ensure(long[] words, int word) {
        if (word < words.length) {
            return words;
        }
        int length = words.length;
        while (length <= word) {
            length <<= 1;
        }
        return Arrays.copyOf(words, length);
    }

    private static void checkIndex(int index) {
        if (index < 0 || index >= CAPACITY) {
            throw new IndexOutOfBoundsException(
                    "index must be between 0 and " + (CAPACITY - 1) + ": " + index);
        }
    }
}
