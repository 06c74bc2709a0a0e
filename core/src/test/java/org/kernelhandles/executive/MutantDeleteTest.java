package org.kernelhandles.executive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.executive.handles.ReusePolicy;
import org.kernelhandles.win32.Kernel32;

class MutantDeleteTest {

    private static KThread start(Kernel k) {
        Kernel.Started s = k.createProcess("main.exe", null);
        k.objects().dereference(s.process());
        k.objects().dereference(s.thread());
        return s.thread();
    }

    @Test
    @DisplayName("R3: an owned mutex whose last handle closes is deleted and leaves its owner's list")
    void ownedMutexDeleted() {
        Kernel k = new Kernel();
        KThread main = start(k);
        Kernel32 w = new Kernel32(k, main);
        long m = w.CreateMutex(null, true, null);
        assertEquals(1, main.ownedMutants().size());
        assertTrue(w.CloseHandle(m));
        assertEquals(0, main.ownedMutants().size());
    }

    @Test
    @DisplayName("R9: CreateMutex(TRUE) refused by a full table leaves nothing owned behind")
    void refusedOwnedMutex() {
        Kernel k = new Kernel(new Kernel.Config(ReusePolicy.LIFO, 1));
        KThread main = start(k);
        Kernel32 w = new Kernel32(k, main);
        assertTrue(w.CreateEvent(null, true, false, null) != 0);
        assertEquals(0, w.CreateMutex(null, true, null));
        assertEquals(0, main.ownedMutants().size());
    }
}
