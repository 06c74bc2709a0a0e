package org.kernelhandles.executive.handles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.kernelhandles.executive.handles.HandleEntry.INHERIT;
import static org.kernelhandles.executive.handles.HandleEntry.PROTECT_FROM_CLOSE;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link HandleTable} implementation must meet. A concrete subclass supplies
 * the factory; every behaviour test names the rule of semantics.md it pins.
 */
abstract class HandleTableContract {

    /** A new empty table of the implementation under test. */
    protected abstract <T> HandleTable<T> newTable(ReusePolicy policy, int maxEntries);

    private HandleTable<String> table(ReusePolicy policy) {
        return newTable(policy, HandleTable.MAX_ENTRIES);
    }

    private HandleTable<String> table(ReusePolicy policy, int maxEntries) {
        return newTable(policy, maxEntries);
    }

    private static long insert(HandleTable<String> table, String object) {
        return table.insert(object, 0x1F0003, 0);
    }

    private static List<Long> insertN(HandleTable<String> table, int n) {
        List<Long> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(insert(table, "o" + i));
        }
        return values;
    }

    private static void remove(HandleTable<String> table, long value) {
        assertNotNull(table.removeUnless(value, 0), () -> "expected an entry at " + hex(value));
    }

    private static List<HandleEntry<String>> entries(HandleTable<String> table) {
        List<HandleEntry<String>> all = new ArrayList<>();
        table.forEach(all::add);
        return all;
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    private static long v(int index) {
        return (long) index << 2;
    }

    // ------------------------------------------------------------------ values (R7)

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @DisplayName("R7: the first handle of an empty table is 0x4")
    void firstValueIs4(ReusePolicy policy) {
        HandleTable<String> table = table(policy);
        assertEquals(0x4, insert(table, "first"));
        assertEquals(1, table.size());
    }

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @DisplayName("R7: a fresh table hands out 0x4, 0x8, 0xc, ... (index << 2)")
    void valuesAreConsecutiveMultiplesOf4(ReusePolicy policy) {
        HandleTable<String> table = table(policy);
        List<Long> values = insertN(table, 1000);
        for (int i = 0; i < values.size(); i++) {
            assertEquals(v(i + 1), values.get(i));
        }
        assertEquals(1000, table.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    @DisplayName("R7: lookup ignores the two low bits (h|1, h|2, h|3 name h)")
    void lookupIgnoresTagBits(int tag) {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        insert(table, "a");
        long h = table.insert("b", 0x20, INHERIT);
        HandleEntry<String> entry = table.lookup(h | tag);
        assertEquals(new HandleEntry<>(h, "b", 0x20, INHERIT), entry);
        assertEquals(0x8, entry.value(), "the entry carries the canonical value");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    @DisplayName("R7: removeUnless ignores the two low bits (closing h|tag closes h)")
    void removeIgnoresTagBits(int tag) {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        long h = insert(table, "a");
        HandleEntry<String> removed = table.removeUnless(h | tag, PROTECT_FROM_CLOSE);
        assertEquals(h, removed.value());
        assertNull(table.lookup(h));
        assertEquals(0, table.size());
        assertNull(table.removeUnless(h | tag, 0), "a second close finds nothing");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    @DisplayName("R7 R27: setAttributes ignores the two low bits")
    void setAttributesIgnoresTagBits(int tag) {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        long h = insert(table, "a");
        HandleEntry<String> updated = table.setAttributes(h | tag, INHERIT, INHERIT);
        assertEquals(new HandleEntry<>(h, "a", 0x1F0003, INHERIT), updated);
        assertEquals(updated, table.lookup(h));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, -4, -1, -2, Long.MIN_VALUE, Long.MAX_VALUE, 0x2C, 0x2F, 0x30,
        1L << 40})
    @DisplayName("R7 R9: 0, 1-3, negative and beyond-capacity values name no entry")
    void valuesOutsideTheTableNameNoEntry(long value) {
        HandleTable<String> table = table(ReusePolicy.LIFO, 10);
        insertN(table, 10);
        List<HandleEntry<String>> before = entries(table);
        assertNull(table.lookup(value));
        assertNull(table.removeUnless(value, 0));
        assertNull(table.setAttributes(value, -1, -1));
        assertEquals(before, entries(table));
        assertEquals(10, table.size());
    }

    @Test
    @DisplayName("R7 R9: the largest value of a table is its maxEntries << 2, with tag bits too")
    void largestValue() {
        HandleTable<String> table = table(ReusePolicy.LIFO, 10);
        List<Long> values = insertN(table, 10);
        assertEquals(0x28, values.get(9));
        assertEquals("o9", table.lookup(0x2B).object());
        assertNull(table.lookup(0x2C));
    }

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @DisplayName("R7: values never handed out and freed values name no entry")
    void unusedValuesNameNoEntry(ReusePolicy policy) {
        HandleTable<String> table = table(policy);
        long h = insert(table, "a");
        assertNull(table.lookup(h + 4));
        assertNull(table.lookup(0x40000));
        remove(table, h);
        assertNull(table.lookup(h));
        assertNull(table.setAttributes(h, INHERIT, INHERIT));
        assertNull(table.removeUnless(h, 0));
    }

    // ------------------------------------------------------------------ entries (R10)

    @Test
    @DisplayName("R10: access and flags belong to the handle: two handles to one object differ")
    void accessAndFlagsBelongToTheHandle() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        String object = "shared";
        long a = table.insert(object, 0x1F0003, INHERIT | PROTECT_FROM_CLOSE);
        long b = table.insert(object, 0x100000, 0);
        HandleEntry<String> ea = table.lookup(a);
        HandleEntry<String> eb = table.lookup(b);
        assertSame(object, ea.object());
        assertSame(object, eb.object());
        assertEquals(0x1F0003, ea.grantedAccess());
        assertEquals(0x100000, eb.grantedAccess());
        assertTrue(ea.inherit() && ea.protectedFromClose());
        assertTrue(!eb.inherit() && !eb.protectedFromClose());
    }

    @Test
    @DisplayName("R10: access masks with the high bit set survive unchanged")
    void fullAccessMask() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        long h = table.insert("a", 0xFFFFFFFF, INHERIT | PROTECT_FROM_CLOSE);
        assertEquals(new HandleEntry<>(h, "a", 0xFFFFFFFF, 3), table.lookup(h));
        table.setAttributes(h, INHERIT, 0);
        assertEquals(new HandleEntry<>(h, "a", 0xFFFFFFFF, PROTECT_FROM_CLOSE), table.lookup(h));
    }

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @DisplayName("R10: a null object is refused and nothing changes")
    void nullObjectRefused(ReusePolicy policy) {
        HandleTable<String> table = table(policy);
        assertThrows(NullPointerException.class, () -> table.insert(null, 0, 0));
        assertThrows(NullPointerException.class, () -> table.insertAt(0x4, null, 0, 0));
        assertEquals(0, table.size());
        assertEquals(0x4, insert(table, "a"));
    }

    // ------------------------------------------------------------------ reuse (R8)

    @Test
    @DisplayName("R8: LIFO hands out the most recently freed value first, then fresh ones")
    void lifoMostRecentlyFreedFirst() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        insertN(table, 5);
        remove(table, 0x8);
        remove(table, 0x10);
        remove(table, 0xC);
        assertEquals(0xC, insert(table, "x"));
        assertEquals(0x10, insert(table, "y"));
        assertEquals(0x8, insert(table, "z"));
        assertEquals(0x18, insert(table, "fresh"));
    }

    @Test
    @DisplayName("R8 R21: under LIFO a close followed by a create gets the closed value back")
    void lifoCloseThenCreateRecyclesTheValue() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        insertN(table, 3);
        remove(table, 0x8);
        long recycled = insert(table, "somebody else");
        assertEquals(0x8, recycled);
        assertEquals("somebody else", table.lookup(0x8).object());
    }

    @Test
    @DisplayName("R8: FIFO holds reuse back while fewer than 100 values are free")
    void fifoHoldBack() {
        HandleTable<String> table = table(ReusePolicy.FIFO);
        insertN(table, 200);
        for (int i = 1; i <= 99; i++) {
            remove(table, v(2 * i));
        }
        assertEquals(v(201), insert(table, "fresh with 99 free"));
        remove(table, v(1));
        // 100 free now: the oldest freed (index 2) comes back, leaving 99 free.
        assertEquals(v(2), insert(table, "oldest"));
        assertEquals(v(202), insert(table, "fresh again with 99 free"));
        remove(table, v(3));
        assertEquals(v(4), insert(table, "next oldest"));
    }

    @Test
    @DisplayName("R8: FIFO reuses the oldest freed first, in the order freed")
    void fifoOldestFirst() {
        HandleTable<String> table = table(ReusePolicy.FIFO);
        insertN(table, 300);
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            order.add(i * 2);
        }
        Collections.shuffle(order, new Random(8));
        for (int index : order) {
            remove(table, v(index));
        }
        // 120 free: the 21 oldest come back in the order freed, then fresh values.
        for (int i = 0; i < 21; i++) {
            assertEquals(v(order.get(i)), insert(table, "r" + i));
        }
        assertEquals(v(301), insert(table, "fresh"));
    }

    @Test
    @DisplayName("R8: FIFO reuses without hold-back once the table cannot grow")
    void fifoReusesWhenTheTableCannotGrow() {
        HandleTable<String> table = table(ReusePolicy.FIFO, 10);
        insertN(table, 9);
        remove(table, 0x14);
        remove(table, 0x8);
        assertEquals(0x28, insert(table, "last fresh value"));
        remove(table, 0x20);
        assertEquals(0x14, insert(table, "a"));
        assertEquals(0x8, insert(table, "b"));
        assertEquals(0x20, insert(table, "c"));
        assertEquals(0, insert(table, "full"));
    }

    @Test
    @DisplayName("R8: LOWEST hands out the lowest free value whatever the order freed")
    void lowestFreeFirst() {
        HandleTable<String> table = table(ReusePolicy.LOWEST);
        insertN(table, 600);
        remove(table, v(500));
        remove(table, v(3));
        remove(table, v(300));
        remove(table, v(70));
        remove(table, v(1));
        assertEquals(v(1), insert(table, "a"));
        assertEquals(v(3), insert(table, "b"));
        assertEquals(v(70), insert(table, "c"));
        assertEquals(v(300), insert(table, "d"));
        assertEquals(v(500), insert(table, "e"));
        assertEquals(v(601), insert(table, "fresh"));
    }

    @Test
    @DisplayName("R8: NEVER hands out fresh values until the maximum, then the oldest freed")
    void neverThenWrap() {
        HandleTable<String> table = table(ReusePolicy.NEVER, 6);
        insertN(table, 3);
        remove(table, 0x8);
        remove(table, 0x4);
        assertEquals(0x10, insert(table, "fresh 4"));
        remove(table, 0xC);
        assertEquals(0x14, insert(table, "fresh 5"));
        assertEquals(0x18, insert(table, "fresh 6, the last"));
        assertEquals(0x8, insert(table, "oldest freed"));
        remove(table, 0x14);
        assertEquals(0x4, insert(table, "a"));
        assertEquals(0xC, insert(table, "b"));
        assertEquals(0x14, insert(table, "c"));
        assertEquals(0, insert(table, "full"));
    }

    @Test
    @DisplayName("R8: NEVER does not reuse even with many values free while it can grow")
    void neverDoesNotReuseEarly() {
        HandleTable<String> table = table(ReusePolicy.NEVER, 1000);
        List<Long> values = insertN(table, 500);
        values.forEach(value -> remove(table, value));
        assertEquals(v(501), insert(table, "fresh"));
    }

    // ------------------------------------------------------------------ quota (R9)

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @DisplayName("R9: a full table returns 0 and changes nothing; after a close it accepts again")
    void fullTable(ReusePolicy policy) {
        HandleTable<String> table = table(policy, 3);
        List<Long> values = insertN(table, 3);
        assertEquals(List.of(0x4L, 0x8L, 0xCL), values);
        List<HandleEntry<String>> before = entries(table);
        assertEquals(0, table.insert("refused", 1, 1));
        assertEquals(0, table.insert("refused again", 1, 1));
        assertEquals(3, table.size());
        assertEquals(before, entries(table));
        remove(table, 0x8);
        assertEquals(0x8, insert(table, "accepted"));
        assertEquals(0, insert(table, "full again"));
    }

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @DisplayName("R9: a table of N entries hands out exactly the values 0x4 .. N << 2")
    void fillsExactlyItsQuota(ReusePolicy policy) {
        HandleTable<String> table = table(policy, 1000);
        Set<Long> values = new HashSet<>(insertN(table, 1000));
        assertEquals(1000, values.size());
        for (int i = 1; i <= 1000; i++) {
            assertTrue(values.contains(v(i)));
        }
        assertEquals(0, insert(table, "over"));
        assertEquals(1000, table.size());
    }

    @Test
    @DisplayName("R9: a table of one entry")
    void oneEntry() {
        HandleTable<String> table = table(ReusePolicy.NEVER, 1);
        assertEquals(0x4, insert(table, "a"));
        assertEquals(0, insert(table, "b"));
        remove(table, 0x4);
        assertEquals(0x4, insert(table, "c"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE, HandleTable.MAX_ENTRIES + 1, Integer.MAX_VALUE})
    @DisplayName("R9: maxEntries outside 1..2^24-1 is refused, naming the value and the bound")
    void maxEntriesRange(int maxEntries) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> newTable(ReusePolicy.LIFO, maxEntries));
        assertEquals("maxEntries must be between 1 and 16777215: " + maxEntries, e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @DisplayName("R8 R9: a table reports its policy and maximum; 2^24-1 is the default limit")
    void reportsPolicyAndMaximum(ReusePolicy policy) {
        assertEquals(16_777_215, HandleTable.MAX_ENTRIES);
        HandleTable<String> table = table(policy);
        assertEquals(policy, table.policy());
        assertEquals(HandleTable.MAX_ENTRIES, table.maxEntries());
        assertEquals(7, table(policy, 7).maxEntries());
        assertEquals(0, table.size());
    }

    @Test
    @DisplayName("R8 R9: a null policy is refused")
    void nullPolicy() {
        assertThrows(NullPointerException.class, () -> newTable(null, 10));
    }

    // ------------------------------------------------------------------ removeUnless (R15)

    @Test
    @DisplayName("R10 R15: removeUnless keeps an entry with a protected bit and reports it")
    void removeUnlessKeepsProtected() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        long h = table.insert("a", 7, PROTECT_FROM_CLOSE | INHERIT);
        HandleEntry<String> kept = table.removeUnless(h, PROTECT_FROM_CLOSE);
        assertEquals(new HandleEntry<>(h, "a", 7, PROTECT_FROM_CLOSE | INHERIT), kept);
        assertTrue(kept.protectedFromClose(), "the caller tells kept from removed by the flag");
        assertEquals(kept, table.lookup(h));
        assertEquals(1, table.size());
        assertEquals(0x8, insert(table, "b"), "the kept value is not free");
    }

    @Test
    @DisplayName("R10 R17: removeUnless with keepIfAny 0 removes a protected entry too")
    void removeUnlessZeroRemovesAll() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        long h = table.insert("a", 7, PROTECT_FROM_CLOSE);
        assertEquals(new HandleEntry<>(h, "a", 7, PROTECT_FROM_CLOSE), table.removeUnless(h, 0));
        assertNull(table.lookup(h));
        assertEquals(0, table.size());
    }

    @Test
    @DisplayName("R10 R15: removeUnless removes an unprotected entry and returns what it held")
    void removeUnlessRemovesUnprotected() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        long h = table.insert("a", 7, INHERIT);
        assertEquals(new HandleEntry<>(h, "a", 7, INHERIT),
                table.removeUnless(h, PROTECT_FROM_CLOSE));
        assertNull(table.lookup(h));
        assertNull(table.removeUnless(h, PROTECT_FROM_CLOSE), "R14: the second close finds none");
    }

    @Test
    @DisplayName("R10 R15: once unprotected, the entry can be removed")
    void unprotectThenRemove() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        long h = table.insert("a", 7, PROTECT_FROM_CLOSE);
        assertEquals(PROTECT_FROM_CLOSE, table.removeUnless(h, PROTECT_FROM_CLOSE).attributes());
        table.setAttributes(h, PROTECT_FROM_CLOSE, 0);
        assertEquals(0, table.removeUnless(h, PROTECT_FROM_CLOSE).attributes());
        assertNull(table.lookup(h));
    }

    // ------------------------------------------------------------------ attributes (R27)

    @Test
    @DisplayName("R27: setAttributes changes only the bits in mask")
    void setAttributesMask() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        long h = table.insert("a", 5, INHERIT);
        assertEquals(INHERIT | PROTECT_FROM_CLOSE,
                table.setAttributes(h, PROTECT_FROM_CLOSE, INHERIT | PROTECT_FROM_CLOSE)
                        .attributes(),
                "INHERIT is outside the mask, so it stays; PROTECT is set");
        assertEquals(PROTECT_FROM_CLOSE, table.setAttributes(h, INHERIT, PROTECT_FROM_CLOSE)
                .attributes(), "INHERIT cleared; PROTECT is outside the mask, so it stays");
        assertEquals(PROTECT_FROM_CLOSE, table.setAttributes(h, 0, INHERIT).attributes(),
                "mask 0 changes nothing");
        assertEquals(INHERIT, table.setAttributes(h, INHERIT | PROTECT_FROM_CLOSE, INHERIT)
                .attributes());
        assertEquals(new HandleEntry<>(h, "a", 5, INHERIT), table.lookup(h),
                "access and object are untouched");
    }

    @Test
    @DisplayName("R27: setAttributes on a value with no entry returns null and changes nothing")
    void setAttributesInvalid() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        long h = insert(table, "a");
        assertNull(table.setAttributes(h + 4, INHERIT, INHERIT));
        assertNull(table.setAttributes(0, INHERIT, INHERIT));
        assertEquals(0, table.lookup(h).attributes());
        assertEquals(0x8, insert(table, "b"), "setAttributes on a fresh value did not take it");
    }

    // ------------------------------------------------------------------ insertAt (R37)

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @DisplayName("R37: insertAt places an entry at exactly the value, with its access and flags")
    void insertAtSameValue(ReusePolicy policy) {
        HandleTable<String> table = table(policy);
        table.insertAt(0x10, "inherited", 0x20019, INHERIT);
        assertEquals(new HandleEntry<>(0x10, "inherited", 0x20019, INHERIT), table.lookup(0x10));
        assertEquals(new HandleEntry<>(0x10, "inherited", 0x20019, INHERIT), table.lookup(0x13));
        assertEquals(1, table.size());
        assertNull(table.lookup(0xC));
    }

    @Test
    @DisplayName("R37: a child gets the parent's inheritable entries at the same values")
    void copyInheritableEntries() {
        HandleTable<String> parent = table(ReusePolicy.LIFO);
        for (int i = 0; i < 50; i++) {
            parent.insert("o" + i, i, i % 3 == 0 ? INHERIT : 0);
        }
        HandleTable<String> child = table(ReusePolicy.LIFO);
        List<HandleEntry<String>> inherited = new ArrayList<>();
        parent.forEach(e -> {
            if (e.inherit()) {
                child.insertAt(e.value(), e.object(), e.grantedAccess(), e.attributes());
                inherited.add(e);
            }
        });
        assertEquals(inherited, entries(child));
        assertNull(child.lookup(0x8), "an entry without INHERIT is absent from the child");
        // Each insertAt frees the gap below it as if freed at that moment (highest first under
        // LIFO), so the child's first new handle is the lowest value of the last gap: 0xbc.
        assertEquals(0xBC, insert(child, "first new handle of the child"));
        assertEquals(0xC0, insert(child, "second"));
        assertEquals(0xB0, insert(child, "third: the lowest of the gap before"));
    }

    @Test
    @DisplayName("R37 R8: LIFO hands out the gaps below an insertAt lowest first")
    void insertAtGapsLifo() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        table.insertAt(0x14, "x", 0, 0);
        assertEquals(List.of(0x4L, 0x8L, 0xCL, 0x10L, 0x18L), insertN(table, 5));
    }

    @Test
    @DisplayName("R37 R8: LOWEST hands out the gaps below an insertAt lowest first")
    void insertAtGapsLowest() {
        HandleTable<String> table = table(ReusePolicy.LOWEST);
        table.insertAt(0x14, "x", 0, 0);
        table.insertAt(0x24, "y", 0, 0);
        assertEquals(List.of(0x4L, 0x8L, 0xCL, 0x10L, 0x18L, 0x1CL, 0x20L, 0x28L),
                insertN(table, 8));
    }

    @Test
    @DisplayName("R37 R8: FIFO hands out the gaps lowest first, once 100 are free")
    void insertAtGapsFifoHoldBack() {
        HandleTable<String> table = table(ReusePolicy.FIFO);
        table.insertAt(v(150), "x", 0, 0);
        // 149 gaps are free: the lowest 50 come back, then fresh values with 99 free.
        List<Long> values = insertN(table, 51);
        for (int i = 0; i < 50; i++) {
            assertEquals(v(i + 1), values.get(i));
        }
        assertEquals(v(151), values.get(50));
    }

    @Test
    @DisplayName("R37 R8: FIFO hands out the gaps lowest first when the table cannot grow")
    void insertAtGapsFifoFull() {
        HandleTable<String> table = table(ReusePolicy.FIFO, 6);
        table.insertAt(0x18, "x", 0, 0);
        assertEquals(List.of(0x4L, 0x8L, 0xCL, 0x10L, 0x14L, 0L), insertN(table, 6));
    }

    @Test
    @DisplayName("R37 R8: NEVER hands out fresh values first, then the gaps lowest first")
    void insertAtGapsNever() {
        HandleTable<String> table = table(ReusePolicy.NEVER, 8);
        table.insertAt(0x10, "x", 0, 0);
        assertEquals(List.of(0x14L, 0x18L, 0x1CL, 0x20L, 0x4L, 0x8L, 0xCL, 0L), insertN(table, 8));
    }

    @Test
    @DisplayName("R37 R8: under LIFO the gaps count as freed now, before earlier frees")
    void insertAtGapsLifoAfterEarlierFrees() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        insertN(table, 2);
        remove(table, 0x4);
        table.insertAt(0x14, "x", 0, 0);
        assertEquals(List.of(0xCL, 0x10L, 0x4L, 0x18L), insertN(table, 4));
    }

    @Test
    @DisplayName("R37 R8: under FIFO the gaps count as freed now, after earlier frees")
    void insertAtGapsFifoAfterEarlierFrees() {
        HandleTable<String> table = table(ReusePolicy.FIFO, 6);
        insertN(table, 2);
        remove(table, 0x8);
        table.insertAt(0x18, "x", 0, 0);
        assertEquals(List.of(0x8L, 0xCL, 0x10L, 0x14L, 0L), insertN(table, 5));
    }

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @DisplayName("R37 R8: insertAt on a freed value takes it out of the free values")
    void insertAtFreedValue(ReusePolicy policy) {
        HandleTable<String> table = table(policy, 8);
        insertN(table, 8);
        remove(table, 0x8);
        remove(table, 0xC);
        remove(table, 0x10);
        table.insertAt(0xC, "placed", 0, 0);
        assertEquals(6, table.size());
        List<Long> expected = switch (policy) {
            case LIFO -> List.of(0x10L, 0x8L, 0L);
            case FIFO, NEVER, LOWEST -> List.of(0x8L, 0x10L, 0L);
        };
        assertEquals(expected, insertN(table, 3));
        assertEquals("placed", table.lookup(0xC).object());
    }

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @DisplayName("R37 R9: insertAt at the last value of a large table, then the gaps")
    void insertAtLastValue(ReusePolicy policy) {
        int max = 1 << 20;
        HandleTable<String> table = table(policy, max);
        table.insertAt(v(max), "last", 0, 0);
        assertEquals(1, table.size());
        assertEquals("last", table.lookup(v(max) | 3).object());
        assertEquals(0x4, insert(table, "first gap"), "every policy starts with the lowest gap");
        assertEquals(0x8, insert(table, "second gap"));
    }

    @Test
    @DisplayName("R37: insertAt on a value in use is refused, naming the value")
    void insertAtInUse() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        insertN(table, 3);
        List<HandleEntry<String>> before = entries(table);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.insertAt(0xC, "x", 0, 0));
        assertEquals("handle value 0xc is already in use", e.getMessage());
        assertEquals(before, entries(table));
        assertEquals(0x10, insert(table, "next"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0x6, 0x1, 0x3, 0xD, 0x0, -0x4, Long.MIN_VALUE})
    @DisplayName("R7 R37: insertAt a value that is not a positive multiple of 4 is refused")
    void insertAtNotAHandleValue(long value) {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.insertAt(value, "x", 0, 0));
        assertEquals("not a handle value: 0x" + Long.toHexString(value), e.getMessage());
        assertEquals(0, table.size());
        assertEquals(0x4, insert(table, "a"), "nothing was made free");
    }

    @Test
    @DisplayName("R7 R37: the exact messages for 0x6 and -4")
    void insertAtMessages() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        assertEquals("not a handle value: 0x6", assertThrows(IllegalArgumentException.class,
                () -> table.insertAt(0x6, "x", 0, 0)).getMessage());
        assertEquals("not a handle value: 0xfffffffffffffffc",
                assertThrows(IllegalArgumentException.class,
                        () -> table.insertAt(-4, "x", 0, 0)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {0x2C, 0x40, 1L << 40, Long.MAX_VALUE - 3})
    @DisplayName("R9 R37: insertAt beyond the table's largest value is refused, naming both")
    void insertAtBeyondCapacity(long value) {
        HandleTable<String> table = table(ReusePolicy.LIFO, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.insertAt(value, "x", 0, 0));
        assertEquals("handle value 0x" + Long.toHexString(value)
                + " is beyond the largest value of a table of 10 entries: 0x28", e.getMessage());
        assertEquals(0, table.size());
        table.insertAt(0x28, "last", 0, 0);
        assertEquals("last", table.lookup(0x28).object());
    }

    // ------------------------------------------------------------------ forEach

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @DisplayName("R17 R37: forEach visits every entry in ascending value order")
    void forEachAscending(ReusePolicy policy) {
        HandleTable<String> table = table(policy);
        table.insertAt(v(700), "high", 1, 0);
        table.insertAt(v(300), "mid", 2, 0);
        insertN(table, 5);
        List<Long> expected = new ArrayList<>();
        table.forEach(e -> expected.add(e.value()));
        List<Long> sorted = new ArrayList<>(new TreeSet<>(expected));
        assertEquals(sorted, expected);
        assertEquals(7, expected.size());
        assertTrue(expected.contains(v(700)) && expected.contains(v(300)));
        assertEquals(table.size(), expected.size());
    }

    @Test
    @DisplayName("R17: forEach visits a snapshot, outside the lock: the visitor may close entries")
    @Timeout(10)
    void forEachSnapshotAllowsChanges() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        List<Long> values = insertN(table, 600);
        List<Long> visited = new ArrayList<>();
        table.forEach(e -> {
            visited.add(e.value());
            assertNotNull(table.removeUnless(e.value(), 0));
            assertEquals(e.value(), table.insert("added during the visit", 0, 0));
        });
        assertEquals(values, visited, "entries added during the visit are not visited");
        assertEquals(600, table.size());
        table.forEach(e -> assertEquals("added during the visit", e.object()));
    }

    @Test
    @DisplayName("R17: forEach on an empty table visits nothing")
    void forEachEmpty() {
        HandleTable<String> table = table(ReusePolicy.LIFO);
        table.forEach(e -> fail("visited " + e));
        insert(table, "a");
        remove(table, 0x4);
        table.forEach(e -> fail("visited " + e));
    }

    // ------------------------------------------------------------------ model-based

    /** A plain model of R7-R9 and insertAt: lists and sets, no cleverness. */
    private static final class ReferenceModel {
        final ReusePolicy policy;
        final int max;
        final List<Integer> freed = new ArrayList<>(); // in the order freed (gaps: see insertAt)
        final Map<Integer, HandleEntry<String>> live = new TreeMap<>();
        int highWater;

        ReferenceModel(ReusePolicy policy, int max) {
            this.policy = policy;
            this.max = max;
        }

        long insert(String object, int access, int attributes) {
            if (live.size() == max) {
                return 0;
            }
            int index;
            boolean reuse = switch (policy) {
                case LIFO, LOWEST -> !freed.isEmpty();
                case FIFO -> freed.size() >= ReusePolicy.FIFO_HOLD_BACK || highWater == max;
                case NEVER -> highWater == max;
            };
            if (!reuse) {
                index = ++highWater;
            } else {
                Integer pick = switch (policy) {
                    case LIFO -> freed.get(freed.size() - 1);
                    case FIFO, NEVER -> freed.get(0);
                    case LOWEST -> Collections.min(freed);
                };
                freed.remove(pick);
                index = pick;
            }
            live.put(index, new HandleEntry<>(v(index), object, access, attributes));
            return v(index);
        }

        void insertAt(int index, String object, int access, int attributes) {
            if (index > highWater) {
                // freed "now", so that the lowest comes first under each policy
                if (policy == ReusePolicy.LIFO) {
                    for (int i = index - 1; i > highWater; i--) {
                        freed.add(i);
                    }
                } else {
                    for (int i = highWater + 1; i < index; i++) {
                        freed.add(i);
                    }
                }
                highWater = index;
            } else {
                freed.remove(Integer.valueOf(index));
            }
            live.put(index, new HandleEntry<>(v(index), object, access, attributes));
        }

        HandleEntry<String> remove(int index, int keepIfAny) {
            HandleEntry<String> e = live.get(index);
            if (e != null && (e.attributes() & keepIfAny) == 0) {
                live.remove(index);
                freed.add(index);
            }
            return e;
        }
    }

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @DisplayName("R7 R8 R9 R10 R37: random operations agree with a plain reference model")
    void agreesWithReferenceModel(ReusePolicy policy) {
        for (int run = 0; run < 20; run++) {
            long seed = 0x6B68_0000L + run * 31L + policy.ordinal();
            Random random = new Random(seed);
            int max = 1 + random.nextInt(run < 10 ? 40 : 400);
            HandleTable<String> table = table(policy, max);
            ReferenceModel model = new ReferenceModel(policy, max);
            for (int step = 0; step < 3000; step++) {
                String where = "seed " + seed + " step " + step;
                int op = random.nextInt(10);
                int index = 1 + random.nextInt(max + 2);
                int tag = random.nextInt(4);
                if (op < 4) {
                    String o = "o" + step;
                    int access = random.nextInt();
                    int attributes = random.nextInt(4);
                    assertEquals(model.insert(o, access, attributes),
                            table.insert(o, access, attributes), where);
                } else if (op < 7) {
                    int keep = random.nextInt(4) == 0 ? PROTECT_FROM_CLOSE : 0;
                    assertEquals(index > max ? null : model.remove(index, keep),
                            table.removeUnless(v(index) | tag, keep), where);
                } else if (op < 8) {
                    int mask = random.nextInt(4);
                    int attributes = random.nextInt(4);
                    HandleEntry<String> e = index > max ? null : model.live.get(index);
                    if (e != null) {
                        e = new HandleEntry<>(e.value(), e.object(), e.grantedAccess(),
                                (e.attributes() & ~mask) | (attributes & mask));
                        model.live.put(index, e);
                    }
                    assertEquals(e, table.setAttributes(v(index) | tag, mask, attributes), where);
                } else if (op < 9) {
                    if (index <= max && !model.live.containsKey(index)) {
                        String o = "at" + step;
                        model.insertAt(index, o, 9, INHERIT);
                        table.insertAt(v(index), o, 9, INHERIT);
                    }
                } else {
                    assertEquals(index > max ? null : model.live.get(index),
                            table.lookup(v(index) | tag), where);
                }
                assertEquals(model.live.size(), table.size(), where);
            }
            assertEquals(new ArrayList<>(model.live.values()), entries(table), "seed " + seed);
        }
    }

    // ------------------------------------------------------------------ threads

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("R10: a lookup racing with close and create never returns a torn entry")
    void lookupNeverTorn() throws Exception {
        // One slot churned by one writer while a reader looks it up: each lookup races with a
        // remove (which empties the slot) and a create (which refills it with another object,
        // access and flags). An entry mixing two of them is torn. (Without validation of its
        // optimistic read, LockedHandleTable returns a few dozen torn entries per million.)
        HandleTable<Long> table = newTable(ReusePolicy.LIFO, 1);
        int writes = 2_000_000;
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (long i = 1; i <= writes; i++) {
                    long value = table.insert(i, (int) i, (int) (i & 1) + 1);
                    assertEquals(0x4, value);
                    table.removeUnless(value, 0);
                }
                return null;
            });
            Future<Long> reader = pool.submit(() -> {
                long seen = 0;
                while (!stop.get()) {
                    HandleEntry<Long> e = table.lookup(0x4);
                    if (e != null) {
                        long i = e.object();
                        assertEquals((int) i, e.grantedAccess(), () -> "torn: " + e);
                        assertEquals((int) (i & 1) + 1, e.attributes(), () -> "torn: " + e);
                        seen++;
                    }
                }
                return seen;
            });
            writer.get();
            stop.set(true);
            assertTrue(reader.get() > 0, "the reader saw entries");
            assertEquals(0, table.size());
        } finally {
            stop.set(true);
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @EnumSource(ReusePolicy.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @DisplayName("R7 R8 R9: 4 threads x 100k operations never hand out a live value twice")
    void concurrentUse(ReusePolicy policy) throws Exception {
        int max = 512;
        int threads = 4;
        int ops = 100_000;
        HandleTable<Long> table = newTable(policy, max);
        AtomicIntegerArray owner = new AtomicIntegerArray(max + 1); // index -> thread + 1, or 0
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong lookups = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t + 1;
                workers.add(pool.submit(() -> {
                    Random random = new Random(me * 7919L);
                    Deque<Long> mine = new ArrayDeque<>();
                    start.await();
                    for (int i = 0; i < ops; i++) {
                        if (mine.isEmpty() || (mine.size() < 200 && random.nextBoolean())) {
                            long token = ((long) me << 32) | i;
                            long value = table.insert(token, (int) token, me & 1);
                            if (value == 0) {
                                assertTrue(table.size() <= max);
                                continue;
                            }
                            int index = (int) (value >>> 2);
                            assertTrue(value % 4 == 0 && index >= 1 && index <= max, hex(value));
                            if (!owner.compareAndSet(index, 0, me)) {
                                fail(hex(value) + " handed out while live in thread "
                                        + owner.get(index));
                            }
                            mine.add(value);
                        } else {
                            long value = random.nextBoolean() ? mine.pollFirst() : mine.pollLast();
                            int index = (int) (value >>> 2);
                            HandleEntry<Long> e = table.lookup(value | 3);
                            assertNotNull(e);
                            assertEquals(me, (int) (e.object() >>> 32));
                            // Give the value up before the table may hand it out again.
                            assertTrue(owner.compareAndSet(index, me, 0));
                            HandleEntry<Long> removed = table.removeUnless(value, 0);
                            assertEquals(e, removed);
                        }
                    }
                    return mine.size();
                }));
            }
            Future<?> reader = pool.submit(() -> {
                Random random = new Random(1);
                start.await();
                while (!stop.get()) {
                    HandleEntry<Long> e = table.lookup(v(1 + random.nextInt(max)));
                    if (e != null) {
                        // a torn read would pair one insert's object with another's access
                        assertEquals((int) (long) e.object(), e.grantedAccess());
                        assertEquals((e.object() >>> 32) & 1, e.attributes());
                    }
                    lookups.incrementAndGet();
                }
                return null;
            });
            start.countDown();
            int live = 0;
            for (Future<Integer> w : workers) {
                live += w.get();
            }
            stop.set(true);
            reader.get();
            assertEquals(live, table.size());
            int[] count = {0};
            table.forEach(e -> {
                count[0]++;
                assertEquals((int) (e.object() >>> 32), owner.get((int) (e.value() >>> 2)));
            });
            assertEquals(live, count[0]);
            assertTrue(lookups.get() > 0);
        } finally {
            stop.set(true);
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
