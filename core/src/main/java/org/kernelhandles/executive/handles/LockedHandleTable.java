package org.kernelhandles.executive.handles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;

/*
 * The layout
 * ----------
 * An entry lives in a slot numbered by its index (value >>> 2). Slots are kept in pages of
 * PAGE_SIZE (256) slots, like the low-level pages of Windows' multi-level handle table (one 4 KiB
 * page of 16-byte entries on x64), reached through a directory that grows by doubling. A page is
 * allocated the first time the high-water mark enters it, is never moved and never freed, so a
 * table with a few entries holds one page of about 3 KiB, and growing never copies entries. The
 * last page is cut to the table's maximum, so a small quota makes a small page.
 *
 * A page has two parallel arrays:
 *   objects[i]  the entry's object; null means the slot is free (insert rejects null objects);
 *   words[i]    in use: grantedAccess << 32 | attributes;
 *               free (LIFO, FIFO, NEVER): prev << 32 | next, the links of the free list.
 * Slot 0 (value 0) is never a handle; index 0 serves as the list's nil.
 *
 * The free structures (R8)
 * ------------------------
 * highWater is the highest index ever handed out or made free by insertAt: every index in
 * 1..highWater is either in use or free, every index above it is fresh (never handed out), and
 * free = highWater - size. A value is picked by the policy as follows, and only when
 * size < maxEntries (otherwise insert returns 0 and changes nothing, R9):
 *
 *   LIFO    the most recently freed value, if any is free; otherwise the fresh highWater + 1.
 *   FIFO    the oldest freed value, if at least FIFO_HOLD_BACK (100) values are free or
 *           highWater == maxEntries (the table cannot grow); otherwise the fresh highWater + 1.
 *           With 99 values free a new entry is fresh; with 100 free it takes the oldest.
 *   LOWEST  the lowest free value; when none is free, highWater + 1 (the lowest fresh one).
 *   NEVER   the fresh highWater + 1 while highWater < maxEntries; once every value up to the
 *           maximum has been handed out, the oldest freed value (so from then on it is FIFO
 *           without hold-back).
 *
 * LIFO, FIFO and NEVER keep the free values on one doubly linked list threaded through the free
 * slots' words (no memory beyond the pages): LIFO frees at the head, FIFO and NEVER at the tail,
 * and all take from the head. It is doubly linked so that insertAt can take a free value out of
 * the middle in O(1). LOWEST keeps a FreeIndexBitmap (four levels of 64-way summaries: set,
 * clear and lowest in O(1)), and does not use the links.
 *
 * insertAt(value) on a fresh value first makes the fresh values below it free, as if freed at
 * that moment in the order that makes the policy hand out the lowest of them first: LIFO pushes
 * them highest first, FIFO and NEVER append them lowest first, LOWEST sets their bits. They then
 * take their turn like any other free value: under LIFO before values freed earlier, under FIFO
 * and NEVER after them, and under FIFO and NEVER only when the policy reuses at all.
 *
 * Locking and memory ordering
 * ---------------------------
 * One StampedLock guards every field that changes (the directory, the pages' contents, size,
 * highWater, the list ends and the bitmap); all of them are plain fields. Writers (insert,
 * insertAt, removeUnless, setAttributes) hold the write lock, so they are serialized and each
 * sees everything the previous one wrote (unlockWrite is a release, writeLock an acquire).
 * forEach copies the entries under the read lock and calls the visitor after releasing it, so a
 * visitor may call back into the table (StampedLock is not reentrant: no method calls another
 * locked method or foreign code while holding it).
 *
 * lookup and size, the hot paths, first try an optimistic read, which writes no shared memory,
 * so concurrent lookups do not contend for the lock's cache line as read-lock holders would:
 *   - tryOptimisticRead is a volatile read of the lock state. A nonzero stamp means no writer
 *     holds the lock, and every write section that ended before it happened-before this read
 *     (its unlockWrite released the state we acquired), so what those writers stored is visible.
 *   - The data reads that follow are plain and may race with a writer that starts after the
 *     stamp. validate issues an acquire fence (VarHandle.acquireFence) before re-reading the
 *     state, so the data reads cannot move past it; if the state is unchanged no writer ran
 *     between the stamp and the fence, and what was read is exactly the state at the stamp: the
 *     lookup linearizes at tryOptimisticRead. Otherwise it retries under the read lock.
 *   - Until validated the reads may be inconsistent, so they must not throw or loop: the
 *     directory is read once into a local and the page number checked against that local's
 *     length (an array's length is always visible); a null page (a directory slot whose store we
 *     do not yet see) reads as "no entry"; Page's fields are final, so a page reached through a
 *     race shows its arrays fully (final-field semantics); the slot is within the page because
 *     the index was checked against maxEntries before the read and pages never change size.
 *   - The HandleEntry is built only after validation, so no torn entry escapes (an object from
 *     one incarnation of the slot with the access or attributes of another, or a free slot's
 *     list links read as access and attributes). The object reference itself was stored by a
 *     writer whose unlock happened-before the stamp, so it is safely published to the caller.
 */

/**
 * The handle table guarded by one {@link StampedLock}: writers take the write lock, lookups read
 * optimistically. See the comment at the top of the source for the layout, the free structures
 * of each {@link ReusePolicy} and the memory-ordering argument.
 */
final class LockedHandleTable<T> implements HandleTable<T> {

    static final int PAGE_SHIFT = 8;
    static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    static final int PAGE_MASK = PAGE_SIZE - 1;

    private static final int NIL = 0;
    private static final long LOW_32 = 0xFFFF_FFFFL;

    /** A page of slots; its arrays are fixed for its life (final: safe to reach through a race). */
    private static final class Page {
        final Object[] objects;
        final long[] words;

        Page(int length) {
            objects = new Object[length];
            words = new long[length];
        }
    }

    private final StampedLock lock = new StampedLock();
    private final ReusePolicy policy;
    private final int maxEntries;
    /** Only for LOWEST; null otherwise. */
    private final FreeIndexBitmap lowestFree;

    // Guarded by lock (see the comment at the top).
    private Page[] pages = new Page[1];
    private int size;
    private int highWater;
    private int head = NIL;
    private int tail = NIL;

    LockedHandleTable(ReusePolicy policy, int maxEntries) {
        this.policy = Objects.requireNonNull(policy, "policy");
        if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
            throw new IllegalArgumentException(
                    "maxEntries must be between 1 and " + MAX_ENTRIES + ": " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.lowestFree = policy == ReusePolicy.LOWEST ? new FreeIndexBitmap() : null;
    }

    // ---------------------------------------------------------------- HandleTable

    @Override
    public long insert(T object, int grantedAccess, int attributes) {
        Objects.requireNonNull(object, "object");
        long stamp = lock.writeLock();
        try {
            if (size == maxEntries) {
                return 0;
            }
            int index = takeIndex();
            store(index, object, grantedAccess, attributes);
            return valueOf(index);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public void insertAt(long value, T object, int grantedAccess, int attributes) {
        Objects.requireNonNull(object, "object");
        if (value <= 0 || (value & 3) != 0) {
            throw new IllegalArgumentException("not a handle value: " + hex(value));
        }
        if ((value >>> 2) > maxEntries) {
            throw new IllegalArgumentException("handle value " + hex(value)
                    + " is beyond the largest value of a table of " + maxEntries + " entries: "
                    + hex(valueOf(maxEntries)));
        }
        int index = (int) (value >>> 2);
        long stamp = lock.writeLock();
        try {
            if (index > highWater) {
                freeFreshBelow(index);
                ensurePage(index);
                highWater = index;
            } else {
                Page page = pages[index >>> PAGE_SHIFT];
                if (page.objects[index & PAGE_MASK] != null) {
                    throw new IllegalArgumentException(
                            "handle value " + hex(value) + " is already in use");
                }
                unfree(index);
            }
            store(index, object, grantedAccess, attributes);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public HandleEntry<T> lookup(long value) {
        int index = indexOf(value);
        if (index == NIL) {
            return null;
        }
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0L) {
            Object object = null;
            long word = 0;
            Page[] dir = pages;
            int p = index >>> PAGE_SHIFT;
            if (p < dir.length) {
                Page page = dir[p];
                if (page != null) {
                    object = page.objects[index & PAGE_MASK];
                    word = page.words[index & PAGE_MASK];
                }
            }
            if (lock.validate(stamp)) {
                return object == null ? null : entry(index, object, word);
            }
        }
        stamp = lock.readLock();
        try {
            return entryAt(index);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public HandleEntry<T> removeUnless(long value, int keepIfAny) {
        int index = indexOf(value);
        if (index == NIL) {
            return null;
        }
        long stamp = lock.writeLock();
        try {
            HandleEntry<T> found = entryAt(index);
            if (found == null || (found.attributes() & keepIfAny) != 0) {
                return found;
            }
            pages[index >>> PAGE_SHIFT].objects[index & PAGE_MASK] = null;
            size--;
            free(index);
            return found;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public HandleEntry<T> setAttributes(long value, int mask, int attributes) {
        int index = indexOf(value);
        if (index == NIL) {
            return null;
        }
        long stamp = lock.writeLock();
        try {
            if (index > highWater) {
                return null;
            }
            Page page = pages[index >>> PAGE_SHIFT];
            int slot = index & PAGE_MASK;
            Object object = page.objects[slot];
            if (object == null) {
                return null;
            }
            long word = page.words[slot];
            int updated = ((int) word & ~mask) | (attributes & mask);
            word = (word & ~LOW_32) | (updated & LOW_32);
            page.words[slot] = word;
            return entry(index, object, word);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public int size() {
        long stamp = lock.tryOptimisticRead();
        int s = size;
        if (lock.validate(stamp)) {
            return s;
        }
        stamp = lock.readLock();
        try {
            return size;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public int maxEntries() {
        return maxEntries;
    }

    @Override
    public ReusePolicy policy() {
        return policy;
    }

    @Override
    public void forEach(Consumer<HandleEntry<T>> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        List<HandleEntry<T>> snapshot;
        long stamp = lock.readLock();
        try {
            snapshot = new ArrayList<>(size);
            for (int p = 0, last = highWater >>> PAGE_SHIFT; p <= last && snapshot.size() < size; p++) {
                Page page = pages[p];
                if (page == null) {
                    continue;
                }
                for (int slot = 0; slot < page.objects.length; slot++) {
                    Object object = page.objects[slot];
                    if (object != null) {
                        snapshot.add(entry((p << PAGE_SHIFT) | slot, object, page.words[slot]));
                    }
                }
            }
        } finally {
            lock.unlockRead(stamp);
        }
        snapshot.forEach(visitor);
    }

    /** The number of slots in allocated pages (for tests of the footprint). */
    int allocatedSlots() {
        long stamp = lock.readLock();
        try {
            int slots = 0;
            for (Page page : pages) {
                slots += page == null ? 0 : page.objects.length;
            }
            return slots;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public String toString() {
        return "LockedHandleTable[policy=" + policy + ", size=" + size() + ", maxEntries="
                + maxEntries + "]";
    }

    // ---------------------------------------------------------------- under the write lock

    /** Picks the index of a new entry by the policy (see the top comment); needs size < max. */
    private int takeIndex() {
        return switch (policy) {
            case LIFO -> head != NIL ? unlinkHead() : fresh();
            case FIFO -> head != NIL
                    && (highWater - size >= ReusePolicy.FIFO_HOLD_BACK || highWater == maxEntries)
                    ? unlinkHead() : fresh();
            case NEVER -> highWater < maxEntries ? fresh() : unlinkHead();
            case LOWEST -> {
                int lowest = lowestFree.first();
                if (lowest < 0) {
                    yield fresh();
                }
                lowestFree.clear(lowest);
                yield lowest;
            }
        };
    }

    private int fresh() {
        int index = highWater + 1;
        ensurePage(index);
        highWater = index;
        return index;
    }

    /**
     * Makes the fresh indices in (highWater, index) free so that the lowest of them goes first.
     * Under every list policy they form one ascending chain: LIFO puts it in front of the list
     * (as if pushed highest first), FIFO and NEVER after its end (as if appended lowest first).
     */
    private void freeFreshBelow(int index) {
        int from = highWater + 1;
        int last = index - 1;
        if (from > last) {
            return;
        }
        ensurePage(last);
        switch (policy) {
            case LIFO -> {
                int oldHead = head;
                linkChain(from, last, NIL, oldHead);
                if (oldHead == NIL) {
                    tail = last;
                } else {
                    setPrev(oldHead, last);
                }
                head = from;
            }
            case FIFO, NEVER -> {
                int oldTail = tail;
                linkChain(from, last, oldTail, NIL);
                if (oldTail == NIL) {
                    head = from;
                } else {
                    setNext(oldTail, from);
                }
                tail = last;
            }
            case LOWEST -> lowestFree.setRange(from, last);
        }
    }

    /** Links from, from + 1, ..., last into a chain whose ends point to prev and next. */
    private void linkChain(int from, int last, int prev, int next) {
        Page page = null;
        for (int i = from; i <= last; i++) {
            int slot = i & PAGE_MASK;
            if (page == null || slot == 0) {
                page = pages[i >>> PAGE_SHIFT];
            }
            page.words[slot] = links(i == from ? prev : i - 1, i == last ? next : i + 1);
        }
    }

    /** Puts a just-removed index into the policy's free structure. */
    private void free(int index) {
        switch (policy) {
            case LIFO -> linkFirst(index);
            case FIFO, NEVER -> linkLast(index);
            case LOWEST -> lowestFree.set(index);
        }
    }

    /** Takes a free index out of the policy's free structure (insertAt). */
    private void unfree(int index) {
        if (policy == ReusePolicy.LOWEST) {
            lowestFree.clear(index);
        } else {
            unlink(index);
        }
    }

    private void store(int index, Object object, int grantedAccess, int attributes) {
        Page page = pages[index >>> PAGE_SHIFT];
        int slot = index & PAGE_MASK;
        page.objects[slot] = object;
        page.words[slot] = ((long) grantedAccess << 32) | (attributes & LOW_32);
        size++;
    }

    private HandleEntry<T> entryAt(int index) {
        if (index > highWater) {
            return null;
        }
        Page page = pages[index >>> PAGE_SHIFT];
        int slot = index & PAGE_MASK;
        Object object = page.objects[slot];
        return object == null ? null : entry(index, object, page.words[slot]);
    }

    /** Allocates the pages up to the one holding {@code index}, growing the directory. */
    private void ensurePage(int index) {
        int p = index >>> PAGE_SHIFT;
        Page[] dir = pages;
        if (p >= dir.length) {
            int length = dir.length;
            while (length <= p) {
                length <<= 1;
            }
            dir = Arrays.copyOf(dir, length);
            // Optimistic readers may see the new directory before its slots: they treat a null
            // page as "no entry" and then fail validation.
            pages = dir;
        }
        for (int q = p; q >= 0 && dir[q] == null; q--) {
            int first = q << PAGE_SHIFT;
            dir[q] = new Page(Math.min(PAGE_SIZE, maxEntries + 1 - first));
        }
    }

    // The free list: links in the words of free slots, prev in the high half, next in the low.

    private long wordOf(int index) {
        return pages[index >>> PAGE_SHIFT].words[index & PAGE_MASK];
    }

    private void setWord(int index, long word) {
        pages[index >>> PAGE_SHIFT].words[index & PAGE_MASK] = word;
    }

    private int nextOf(int index) {
        return (int) wordOf(index);
    }

    private int prevOf(int index) {
        return (int) (wordOf(index) >>> 32);
    }

    private void setNext(int index, int next) {
        setWord(index, (wordOf(index) & ~LOW_32) | (next & LOW_32));
    }

    private void setPrev(int index, int prev) {
        setWord(index, ((long) prev << 32) | (wordOf(index) & LOW_32));
    }

    private static long links(int prev, int next) {
        return ((long) prev << 32) | (next & LOW_32);
    }

    private void linkFirst(int index) {
        setWord(index, links(NIL, head));
        if (head == NIL) {
            tail = index;
        } else {
            setPrev(head, index);
        }
        head = index;
    }

    private void linkLast(int index) {
        setWord(index, links(tail, NIL));
        if (tail == NIL) {
            head = index;
        } else {
            setNext(tail, index);
        }
        tail = index;
    }

    private int unlinkHead() {
        int index = head;
        assert index != NIL : "free list empty";
        unlink(index);
        return index;
    }

    private void unlink(int index) {
        int prev = prevOf(index);
        int next = nextOf(index);
        if (prev == NIL) {
            head = next;
        } else {
            setNext(prev, next);
        }
        if (next == NIL) {
            tail = prev;
        } else {
            setPrev(next, prev);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The index named by {@code value} (low two bits ignored, R7), or 0 when out of range. */
    private int indexOf(long value) {
        if (value <= 0) {
            return NIL;
        }
        long index = value >>> 2;
        return index > maxEntries ? NIL : (int) index;
    }

    private static long valueOf(int index) {
        return (long) index << 2;
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    @SuppressWarnings("unchecked")
    private HandleEntry<T> entry(int index, Object object, long word) {
        return new HandleEntry<>(valueOf(index), (T) object, (int) (word >>> 32), (int) word);
    }
}
