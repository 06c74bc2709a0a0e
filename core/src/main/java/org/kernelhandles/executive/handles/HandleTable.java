package org.kernelhandles.executive.handles;

import java.util.function.Consumer;

/**
 * A per-process handle table: maps handle values to entries and owns the reuse policy.
 *
 * <p>It knows nothing about object types, names or processes (design.md): the executive decides
 * what a handle means; the table only decides which value a new entry gets (R7, R8), how many
 * entries fit (R9), and keeps each entry's object, granted access and attribute flags (R10).
 *
 * <p>Values are {@code index << 2} with index starting at 1, so the first value is 0x4; the two
 * low bits of a value are ignored on every lookup (R7). Values that are 0, negative, or above the
 * largest value the table can hold name no entry.
 *
 * <p>All methods are safe to call from several threads at once.
 *
 * @param <T> what an entry refers to (the executive's object header)
 */
public interface HandleTable<T> {

    /** Windows' own limit on the entries of one table (R9). */
    int MAX_ENTRIES = (1 << 24) - 1;

    /** Creates an empty table with the given policy and the given maximum number of entries. */
    static <T> HandleTable<T> create(ReusePolicy policy, int maxEntries) {
        return new LockedHandleTable<>(policy, maxEntries);
    }

    /**
     * Adds an entry and returns its value, chosen by the reuse policy (R8); returns 0 and changes
     * nothing when the table already holds its maximum number of entries (R9).
     *
     * @throws NullPointerException when {@code object} is null
     */
    long insert(T object, int grantedAccess, int attributes);

    /**
     * Adds an entry at exactly {@code value} (inheritance copies entries at the same value, R37).
     * The value may be free (then it stops being free) or never handed out; in the second case
     * the values below it that were never handed out become free, as if freed at this moment in
     * the order that makes the policy hand out the lowest of them first (highest first for LIFO,
     * lowest first for FIFO and NEVER). They then take their turn like any freed value: FIFO's
     * hold-back and NEVER's no-reuse-until-full still apply to them.
     *
     * <p>Never exceeds the quota: a value that is in range and not in use implies a free place.
     *
     * @throws IllegalArgumentException when {@code value} is not a positive multiple of 4
     *     ({@code "not a handle value: 0x6"}), is above the largest value of this table
     *     ({@code "handle value 0x40 is beyond the largest value of a table of 15 entries: 0x3c"}),
     *     or is already in use ({@code "handle value 0xc is already in use"})
     * @throws NullPointerException when {@code object} is null
     */
    void insertAt(long value, T object, int grantedAccess, int attributes);

    /** The entry named by {@code value} (low two bits ignored), or null when there is none. */
    HandleEntry<T> lookup(long value);

    /**
     * Removes the entry named by {@code value} unless its attributes have any bit of
     * {@code keepIfAny}. Returns the entry found, whether removed or kept (the caller tells which
     * by its attributes), or null when there is none. The test and the removal are one atomic step.
     */
    HandleEntry<T> removeUnless(long value, int keepIfAny);

    /**
     * Sets the attribute bits in {@code mask} to those of {@code attributes} (R27) and returns the
     * updated entry, or null when {@code value} names no entry.
     */
    HandleEntry<T> setAttributes(long value, int mask, int attributes);

    /** The number of entries in use. */
    int size();

    /** The maximum number of entries (R9's quota). */
    int maxEntries();

    ReusePolicy policy();

    /**
     * Visits a snapshot of the entries in ascending value order. The visitor runs after the
     * snapshot is taken, outside any lock, so it may change the table; changes it makes are not
     * visited.
     */
    void forEach(Consumer<HandleEntry<T>> visitor);
}
