package org.kernelhandles.executive.handles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link LockedHandleTable} through the contract, plus its own footprint. */
class LockedHandleTableTest extends HandleTableContract {

    @Override
    protected <T> HandleTable<T> newTable(ReusePolicy policy, int maxEntries) {
        return new LockedHandleTable<>(policy, maxEntries);
    }

    @Test
    @DisplayName("HandleTable.create makes a LockedHandleTable")
    void factory() {
        HandleTable<String> table = HandleTable.create(ReusePolicy.FIFO, 10);
        assertInstanceOf(LockedHandleTable.class, table);
        assertEquals(ReusePolicy.FIFO, table.policy());
        assertEquals(10, table.maxEntries());
    }

    @Test
    @DisplayName("R9: a table of 2^24-1 entries with a few handles holds one page")
    void smallTableStaysSmall() {
        LockedHandleTable<String> table =
                new LockedHandleTable<>(ReusePolicy.LIFO, HandleTable.MAX_ENTRIES);
        assertEquals(0, table.allocatedSlots());
        for (int i = 0; i < 10; i++) {
            table.insert("o" + i, 0, 0);
        }
        assertEquals(LockedHandleTable.PAGE_SIZE, table.allocatedSlots());
    }

    @Test
    @DisplayName("R9: a small quota makes a small page")
    void smallQuotaSmallPage() {
        LockedHandleTable<String> table = new LockedHandleTable<>(ReusePolicy.LIFO, 5);
        table.insert("a", 0, 0);
        assertEquals(6, table.allocatedSlots(), "slot 0 and five entries");
    }

    @Test
    @DisplayName("R9: pages are allocated as the high-water mark grows, never beyond it")
    void pagesFollowTheHighWaterMark() {
        LockedHandleTable<String> table =
                new LockedHandleTable<>(ReusePolicy.LOWEST, HandleTable.MAX_ENTRIES);
        int page = LockedHandleTable.PAGE_SIZE;
        for (int i = 1; i < page; i++) {
            table.insert("o" + i, 0, 0);
        }
        assertEquals(page, table.allocatedSlots());
        table.insert("first of page 1", 0, 0);
        assertEquals(2 * page, table.allocatedSlots());
        table.insertAt((long) (10 * page) << 2, "page 10", 0, 0);
        assertEquals(11 * page, table.allocatedSlots());
        table.insert("a gap", 0, 0);
        assertEquals(11 * page, table.allocatedSlots());
    }

    @Test
    @DisplayName("R9: the last page of a full-size table holds the value 0x3fffffc")
    void lastPageOfAFullSizeTable() {
        LockedHandleTable<String> table =
                new LockedHandleTable<>(ReusePolicy.NEVER, HandleTable.MAX_ENTRIES);
        table.insertAt(0x3FFFFFCL, "last", 0, 0);
        assertEquals("last", table.lookup(0x3FFFFFFL).object());
        assertEquals(1 << 24, table.allocatedSlots());
        assertTrue(table.toString().contains("size=1"));
    }
}
