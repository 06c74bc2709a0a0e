package org.kernelhandles.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kernelhandles.executive.KThread;
import org.kernelhandles.nt.LongRef;
import org.kernelhandles.win32.Kernel32;
import org.kernelhandles.win32.Win32Error;

class MachineTest {

    @Test
    @DisplayName("a Java thread bound to main.exe's thread calls kernel32 as that thread")
    void bindAndCall() {
        Machine machine = Machine.start();
        try (Machine.Binding b = machine.bind(machine.mainThread())) {
            Kernel32 k32 = Machine.kernel32();
            long h = k32.CreateEvent(null, true, false, null);
            assertEquals(0x4, h, "R7: the first handle of a new process is 0x4");
            assertTrue(k32.CloseHandle(h));
            assertFalse(k32.CloseHandle(h));
            assertEquals(Win32Error.ERROR_INVALID_HANDLE, k32.GetLastError());
            assertEquals(machine.mainThread(), Machine.currentThread());
        }
        assertThrows(IllegalStateException.class, Machine::kernel32, "unbound after the binding closes");
    }

    @Test
    @DisplayName("bindings nest: closing one restores the kernel thread it replaced")
    void bindingsNest() {
        Machine machine = Machine.start();
        try (Machine.Binding outer = machine.bind(machine.mainThread())) {
            LongRef tid = new LongRef();
            long hThread = Machine.kernel32().CreateThread(null, 0, 0, tid);
            assertNotEquals(0, hThread);
            KThread worker = machine.thread(tid.value);
            try (Machine.Binding inner = machine.bind(worker)) {
                assertEquals(tid.value, Machine.kernel32().GetCurrentThreadId());
            }
            assertEquals(machine.mainThread().threadId(), Machine.kernel32().GetCurrentThreadId());
        }
    }

    @Test
    @DisplayName("runOn binds a virtual thread to a kernel thread; R4: the ended thread's exit code is readable")
    void runOnAnotherKernelThread() throws InterruptedException {
        Machine machine = Machine.start();
        try (Machine.Binding b = machine.bind(machine.mainThread())) {
            LongRef tid = new LongRef();
            long hThread = Machine.kernel32().CreateThread(null, 0, 0, tid);
            machine.runOn(machine.thread(tid.value), () -> Machine.kernel32().ExitThread(42)).join();
            LongRef code = new LongRef();
            assertTrue(Machine.kernel32().GetExitCodeThread(hThread, code));
            assertEquals(42, code.value);
        }
    }

    @Test
    @DisplayName("a kernel thread that has ended can make no call")
    void endedThreadRefusesCalls() {
        Machine machine = Machine.start();
        Kernel32 k32 = machine.kernel32(machine.mainThread());
        LongRef tid = new LongRef();
        k32.CreateThread(null, 0, 0, tid);
        Kernel32 worker = machine.kernel32(machine.thread(tid.value));
        worker.ExitThread(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> worker.CloseHandle(4));
        assertEquals("thread " + tid.value + " has ended and can make no call", e.getMessage());
    }
}
