package org.kernelhandles.executive.handles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The LOWEST policy's free structure against a TreeSet. */
class FreeIndexBitmapTest {

    @Test
    @DisplayName("R8: empty, then the lowest member across all four levels")
    void lowestMember() {
        FreeIndexBitmap bits = new FreeIndexBitmap();
        assertTrue(bits.isEmpty());
        assertEquals(-1, bits.first());
        bits.set(FreeIndexBitmap.CAPACITY - 1);
        assertEquals(FreeIndexBitmap.CAPACITY - 1, bits.first());
        bits.set(1 << 18);
        bits.set(4097);
        bits.set(65);
        assertEquals(65, bits.first());
        bits.clear(65);
        assertEquals(4097, bits.first());
        bits.clear(4097);
        assertEquals(1 << 18, bits.first());
        bits.clear(1 << 18);
        assertEquals(FreeIndexBitmap.CAPACITY - 1, bits.first());
        assertTrue(bits.get(FreeIndexBitmap.CAPACITY - 1));
        bits.clear(FreeIndexBitmap.CAPACITY - 1);
        assertTrue(bits.isEmpty());
        assertFalse(bits.get(5));
        bits.clear(12345);
        assertTrue(bits.isEmpty());
    }

    @Test
    @DisplayName("R8: setRange sets exactly the range, within a word and across words and levels")
    void setRange() {
        int[][] ranges = {{0, 0}, {5, 9}, {63, 64}, {60, 200}, {64, 127}, {4000, 300_000},
            {FreeIndexBitmap.CAPACITY - 70, FreeIndexBitmap.CAPACITY - 1}, {7, 6}};
        for (int[] r : ranges) {
            FreeIndexBitmap bits = new FreeIndexBitmap();
            bits.setRange(r[0], r[1]);
            if (r[0] > r[1]) {
                assertTrue(bits.isEmpty());
                continue;
            }
            for (int j = Math.max(0, r[0] - 130); j <= Math.min(FreeIndexBitmap.CAPACITY - 1,
                    r[1] + 130); j++) {
                assertEquals(j >= r[0] && j <= r[1], bits.get(j), r[0] + ".." + r[1] + " at " + j);
            }
            for (int j = r[0]; j <= r[1]; j++) {
                assertEquals(j, bits.first());
                bits.clear(j);
            }
            assertTrue(bits.isEmpty(), r[0] + ".." + r[1]);
        }
    }

    @Test
    @DisplayName("R8: indices outside 0..2^24-1 are refused")
    void range() {
        FreeIndexBitmap bits = new FreeIndexBitmap();
        assertEquals("index must be between 0 and 16777215: 16777216",
                assertThrows(IndexOutOfBoundsException.class,
                        () -> bits.set(1 << 24)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> bits.clear(-1));
    }

    @Test
    @DisplayName("R8: random sets and clears agree with a TreeSet (seeded)")
    void agreesWithTreeSet() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            FreeIndexBitmap bits = new FreeIndexBitmap();
            TreeSet<Integer> model = new TreeSet<>();
            int bound = seed <= 2 ? 300 : 1 << (10 + 3 * (int) seed);
            for (int step = 0; step < 20_000; step++) {
                int i = random.nextInt(Math.min(bound, FreeIndexBitmap.CAPACITY));
                int op = random.nextInt(50);
                if (op == 0) {
                    int last = Math.min(FreeIndexBitmap.CAPACITY - 1, i + random.nextInt(5000));
                    bits.setRange(i, last);
                    for (int j = i; j <= last; j++) {
                        model.add(j);
                    }
                } else if (op < 17 && !model.isEmpty()) {
                    int first = model.pollFirst();
                    bits.clear(first);
                } else if (random.nextBoolean()) {
                    model.add(i);
                    bits.set(i);
                } else {
                    model.remove(i);
                    bits.clear(i);
                }
                assertEquals(model.isEmpty() ? -1 : model.first(), bits.first(),
                        "seed " + seed + " step " + step);
                assertEquals(model.contains(i), bits.get(i));
            }
        }
    }
}
