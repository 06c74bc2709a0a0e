package org.kernelhandles.executive.waits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelhandles.win32.Win32Constants.INFINITE;
import static org.kernelhandles.win32.Win32Constants.WAIT_ABANDONED;
import static org.kernelhandles.win32.Win32Constants.WAIT_OBJECT_0;
import static org.kernelhandles.win32.Win32Constants.WAIT_TIMEOUT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.executive.Wait;
import org.kernelhandles.executive.KernelListener;
import org.kernelhandles.nt.LongRef;
import org.kernelhandles.win32.Kernel32;
import org.kernelhandles.win32.Win32Constants;

/**
 * Waits on the real clock with real Java threads, each acting as its own kernel thread: many
 * waiters and signalers, bounded in time, asserting that no wake-up is lost and nothing is
 * acquired twice.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealClockWaitsTest {

    private final Kernel kernel = new Kernel();
    private final Kernel32 main;

    RealClockWaitsTest() {
        Kernel.Started s = kernel.createProcess("main.exe", null);
        kernel.objects().dereference(s.process());
        kernel.objects().dereference(s.thread());
        main = new Kernel32(kernel, s.thread());
    }

    /** A new kernel thread of main.exe, and the kernel32 that acts as it. */
    private Kernel32 newKernelThread() {
        LongRef tid = new LongRef();
        long h = main.CreateThread(null, 0, 0, tid);
        main.CloseHandle(h); // R4: it keeps running without a handle
        return new Kernel32(kernel, kernel.findThread(tid.value));
    }

    /** A latch that counts down each time a wait blocks, to know that waiters are really parked. */
    private CountDownLatch countBlockedWaits(int waits) {
        CountDownLatch blocked = new CountDownLatch(waits);
        kernel.setListener(new KernelListener() {
            @Override
            public void waitBlocked(Wait wait) {
                blocked.countDown();
            }
        });
        return blocked;
    }

    private static Thread start(Runnable body) {
        return Thread.ofVirtual().start(body);
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            assertTrue(t.join(Duration.ofSeconds(30)), "a thread is still blocked: a lost wake-up");
        }
    }

    @Test
    @DisplayName("R35 semaphores: every release wakes exactly one acquisition; none lost, none doubled")
    void semaphoreProducersAndConsumers() throws InterruptedException {
        int producers = 4;
        int consumers = 6;
        int perProducer = 3000;
        long sem = main.CreateSemaphore(null, 0, Integer.MAX_VALUE, null);
        AtomicLong consumed = new AtomicLong();
        int total = producers * perProducer;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            Kernel32 k = newKernelThread();
            int share = total / consumers + (c < total % consumers ? 1 : 0);
            threads.add(start(() -> {
                for (int i = 0; i < share; i++) {
                    assertEquals(WAIT_OBJECT_0, k.WaitForSingleObject(sem, INFINITE));
                    consumed.incrementAndGet();
                }
            }));
        }
        for (int p = 0; p < producers; p++) {
            Kernel32 k = newKernelThread();
            threads.add(start(() -> {
                for (int i = 0; i < perProducer; i++) {
                    assertTrue(k.ReleaseSemaphore(sem, 1, null));
                }
            }));
        }
        joinAll(threads);
        assertEquals(total, consumed.get());
        assertEquals(WAIT_TIMEOUT, main.WaitForSingleObject(sem, 0), "no count left over, none taken twice");
    }

    @Test
    @DisplayName("R35 mutexes: one owner at a time across many threads, recursion allowed")
    void mutexExcludes() throws InterruptedException {
        long mutex = main.CreateMutex(null, false, null);
        AtomicInteger inside = new AtomicInteger();
        int[] counter = {0};
        int threadsCount = 8;
        int iterations = 2000;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < threadsCount; t++) {
            Kernel32 k = newKernelThread();
            threads.add(start(() -> {
                for (int i = 0; i < iterations; i++) {
                    assertEquals(WAIT_OBJECT_0, k.WaitForSingleObject(mutex, INFINITE));
                    assertEquals(WAIT_OBJECT_0, k.WaitForSingleObject(mutex, 0), "recursive acquisition");
                    assertEquals(1, inside.incrementAndGet(), "two owners at once");
                    counter[0]++;
                    inside.decrementAndGet();
                    assertTrue(k.ReleaseMutex(mutex));
                    assertTrue(k.ReleaseMutex(mutex));
                }
            }));
        }
        joinAll(threads);
        assertEquals(threadsCount * iterations, counter[0]);
    }

    @Test
    @DisplayName("R36 wait-all takes every object at once or none, while others take them one by one")
    void waitAllIsAtomic() throws InterruptedException {
        long a = main.CreateSemaphore(null, 1, 1, null);
        long b = main.CreateSemaphore(null, 1, 1, null);
        AtomicInteger holdingA = new AtomicInteger();
        AtomicInteger holdingB = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        int rounds = 1500;
        for (int t = 0; t < 3; t++) {
            Kernel32 k = newKernelThread();
            threads.add(start(() -> {
                for (int i = 0; i < rounds; i++) {
                    assertEquals(WAIT_OBJECT_0, k.WaitForMultipleObjects(2, new long[] {a, b}, true, INFINITE));
                    assertEquals(1, holdingA.incrementAndGet());
                    assertEquals(1, holdingB.incrementAndGet());
                    holdingA.decrementAndGet();
                    holdingB.decrementAndGet();
                    assertTrue(k.ReleaseSemaphore(b, 1, null));
                    assertTrue(k.ReleaseSemaphore(a, 1, null));
                }
            }));
        }
        for (long single : new long[] {a, b}) {
            AtomicInteger holding = single == a ? holdingA : holdingB;
            Kernel32 k = newKernelThread();
            threads.add(start(() -> {
                for (int i = 0; i < rounds; i++) {
                    assertEquals(WAIT_OBJECT_0, k.WaitForSingleObject(single, INFINITE));
                    assertEquals(1, holding.incrementAndGet());
                    holding.decrementAndGet();
                    assertTrue(k.ReleaseSemaphore(single, 1, null));
                }
            }));
        }
        joinAll(threads);
        assertEquals(WAIT_OBJECT_0, main.WaitForMultipleObjects(2, new long[] {a, b}, true, 0), "both free again");
    }

    @Test
    @DisplayName("R35 events: a manual-reset event releases every waiter; an auto-reset one releases one per set")
    void eventsWakeWaiters() throws InterruptedException {
        long manual = main.CreateEvent(null, true, false, null);
        long auto = main.CreateEvent(null, false, false, null);
        int waiters = 10;
        CountDownLatch blocked = countBlockedWaits(2 * waiters);
        AtomicInteger wokenAuto = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            Kernel32 k = newKernelThread();
            threads.add(start(() -> assertEquals(WAIT_OBJECT_0, k.WaitForSingleObject(manual, INFINITE))));
            Kernel32 k2 = newKernelThread();
            threads.add(start(() -> {
                assertEquals(WAIT_OBJECT_0, k2.WaitForSingleObject(auto, INFINITE));
                wokenAuto.incrementAndGet();
            }));
        }
        assertTrue(blocked.await(30, TimeUnit.SECONDS));
        assertTrue(main.SetEvent(manual));
        for (int i = 0; i < waiters; i++) {
            assertTrue(main.SetEvent(auto));
            // Each set goes to a waiter at once, so the event never stays signaled to coalesce sets.
            assertEquals(WAIT_TIMEOUT, main.WaitForSingleObject(auto, 0));
        }
        joinAll(threads);
        assertEquals(waiters, wokenAuto.get());
    }

    @Test
    @DisplayName("R35 abandonment: the owner ends while holding the mutex; the blocked waiter gets WAIT_ABANDONED and owns it")
    void abandonedMutex() throws InterruptedException {
        long mutex = main.CreateMutex(null, false, null);
        Kernel32 owner = newKernelThread();
        assertEquals(WAIT_OBJECT_0, owner.WaitForSingleObject(mutex, 0));
        Kernel32 waiter = newKernelThread();
        CountDownLatch blocked = countBlockedWaits(1);
        int[] result = new int[1];
        Thread t = start(() -> result[0] = waiter.WaitForSingleObject(mutex, INFINITE));
        assertTrue(blocked.await(30, TimeUnit.SECONDS));
        owner.ExitThread(0);
        assertTrue(t.join(Duration.ofSeconds(30)));
        assertEquals(WAIT_ABANDONED, result[0]);
        assertTrue(waiter.ReleaseMutex(mutex), "the waiter became the owner");
    }

    @Test
    @DisplayName("R34: closing the handle that started a wait neither ends nor fails it")
    void closingTheHandleDoesNotEndTheWait() throws InterruptedException {
        long event = main.CreateEvent(null, true, false, null);
        LongRef dup = new LongRef();
        assertTrue(main.DuplicateHandle(-1, event, -1, dup, 0, false, Win32Constants.DUPLICATE_SAME_ACCESS));
        Kernel32 waiter = newKernelThread();
        CountDownLatch blocked = countBlockedWaits(1);
        int[] result = {-2};
        Thread t = start(() -> result[0] = waiter.WaitForSingleObject(event, INFINITE));
        assertTrue(blocked.await(30, TimeUnit.SECONDS));
        assertTrue(main.CloseHandle(event));
        assertTrue(main.SetEvent(dup.value));
        assertTrue(t.join(Duration.ofSeconds(30)));
        assertEquals(WAIT_OBJECT_0, result[0]);
    }

    @Test
    @DisplayName("a wait with a timeout returns WAIT_TIMEOUT when nothing signals it")
    void timeoutOnTheRealClock() {
        long event = main.CreateEvent(null, true, false, null);
        assertEquals(WAIT_TIMEOUT, main.WaitForSingleObject(event, 20));
        assertEquals(WAIT_TIMEOUT, main.WaitForMultipleObjects(1, new long[] {event}, false, 20));
    }

    @Test
    @DisplayName("R34: a pending wait holds a pointer reference on its object")
    void pendingWaitHoldsAReference() throws InterruptedException {
        long event = main.CreateEvent(null, true, false, null);
        Kernel32 waiter = newKernelThread();
        CountDownLatch blocked = countBlockedWaits(1);
        Thread t = start(() -> waiter.WaitForSingleObject(event, INFINITE));
        assertTrue(blocked.await(30, TimeUnit.SECONDS));
        assertEquals(2, main.QueryObject(event).pointerCount(), "the handle's and the wait's");
        assertTrue(main.SetEvent(event));
        assertTrue(t.join(Duration.ofSeconds(30)));
        assertEquals(1, main.QueryObject(event).pointerCount());
    }
}
