package org.kernelhandles.executive;

import static org.kernelhandles.executive.AccessRights.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.kernelhandles.executive.handles.HandleEntry;
import org.kernelhandles.executive.handles.HandleTable;
import org.kernelhandles.executive.handles.ReusePolicy;

/**
 * One modelled machine: the object types, the object manager, the dispatcher, the I/O manager, and
 * the processes and threads, found by id through one client-id table as on Windows. Create one per
 * scenario run or test; kernels share nothing.
 */
public final class Kernel {

    /** How every handle table of this kernel is made (R8, R9). */
    public record Config(ReusePolicy reusePolicy, int maxHandles) {
        public static final Config DEFAULT = new Config(ReusePolicy.LIFO, HandleTable.MAX_ENTRIES);

        public Config {
            if (reusePolicy == null) {
                throw new IllegalArgumentException("reusePolicy must not be null");
            }
            if (maxHandles < 1 || maxHandles > HandleTable.MAX_ENTRIES) {
                throw new IllegalArgumentException(
                        "maxHandles must be between 1 and " + HandleTable.MAX_ENTRIES + ": " + maxHandles);
            }
        }
    }

    private final Config config;
    private final AtomicLong nextObjectId = new AtomicLong(1);
    private final AtomicLong nextClientId = new AtomicLong(0x100);
    private final Map<Long, KernelObject> clientIds = new ConcurrentHashMap<>();
    private volatile KernelListener listener;

    private final ObjectType eventType;
    private final ObjectType mutantType;
    private final ObjectType semaphoreType;
    private final ObjectType processType;
    private final ObjectType threadType;
    private final ObjectManager objectManager;
    private final Dispatcher dispatcher;
    private final IoManager ioManager;

    public Kernel() {
        this(Config.DEFAULT);
    }

    public Kernel(Config config) {
        this(config, Clock.system());
    }

    /**
     * A kernel whose waits are measured against {@code clock}: the real one for Java threads, or
     * a {@link VirtualClock} for a driver that parks waits and moves time itself.
     */
    public Kernel(Config config, Clock clock) {
        this.config = config;
        this.dispatcher = new Dispatcher(this, clock);
        int syncMapped = STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE;
        eventType = ObjectType.define("Event", EVENT_ALL_ACCESS, new GenericMapping(
                STANDARD_RIGHTS_READ | EVENT_QUERY_STATE, STANDARD_RIGHTS_WRITE | EVENT_MODIFY_STATE,
                syncMapped, EVENT_ALL_ACCESS)).waitable();
        mutantType = ObjectType.define("Mutant", MUTANT_ALL_ACCESS, new GenericMapping(
                STANDARD_RIGHTS_READ | MUTANT_QUERY_STATE, STANDARD_RIGHTS_WRITE, syncMapped,
                MUTANT_ALL_ACCESS))
                .withDeleteProcedure(o -> ((Mutant) o).deleted(dispatcher))
                .waitable();
        semaphoreType = ObjectType.define("Semaphore", SEMAPHORE_ALL_ACCESS, new GenericMapping(
                STANDARD_RIGHTS_READ | SEMAPHORE_QUERY_STATE, STANDARD_RIGHTS_WRITE | SEMAPHORE_MODIFY_STATE,
                syncMapped, SEMAPHORE_ALL_ACCESS)).waitable();
        processType = ObjectType.define("Process", PROCESS_ALL_ACCESS, new GenericMapping(
                STANDARD_RIGHTS_READ | PROCESS_VM_READ | PROCESS_QUERY_INFORMATION,
                STANDARD_RIGHTS_WRITE | PROCESS_CREATE_PROCESS | PROCESS_CREATE_THREAD | PROCESS_VM_OPERATION
                        | PROCESS_VM_WRITE | PROCESS_DUP_HANDLE | PROCESS_TERMINATE | PROCESS_SET_QUOTA
                        | PROCESS_SET_INFORMATION | PROCESS_SUSPEND_RESUME,
                syncMapped | PROCESS_QUERY_LIMITED_INFORMATION, PROCESS_ALL_ACCESS))
                .withDeleteProcedure(o -> clientIds.remove(((KProcess) o).processId(), o))
                .waitable();
        threadType = ObjectType.define("Thread", THREAD_ALL_ACCESS, new GenericMapping(
                STANDARD_RIGHTS_READ | THREAD_GET_CONTEXT | THREAD_QUERY_INFORMATION,
                STANDARD_RIGHTS_WRITE | THREAD_TERMINATE | THREAD_SUSPEND_RESUME | THREAD_SET_INFORMATION
                        | THREAD_SET_CONTEXT,
                syncMapped | THREAD_QUERY_LIMITED_INFORMATION, THREAD_ALL_ACCESS))
                .withDeleteProcedure(o -> {
                    KThread t = (KThread) o;
                    clientIds.remove(t.threadId(), t);
                    objects().dereference(t.process()); // the thread object's hold on its process (R1)
                })
                .waitable();
        objectManager = new ObjectManager(this);
        ioManager = new IoManager(this);
    }

    public Config config() {
        return config;
    }

    long nextObjectId() {
        return nextObjectId.getAndIncrement();
    }

    public ObjectManager objects() {
        return objectManager;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public IoManager io() {
        return ioManager;
    }

    public KernelListener listener() {
        return listener;
    }

    /** Installs the one observer (the verifier, a trace), or removes it with null. */
    public void setListener(KernelListener listener) {
        this.listener = listener;
    }

    public ObjectType eventType() {
        return eventType;
    }

    public ObjectType mutantType() {
        return mutantType;
    }

    public ObjectType semaphoreType() {
        return semaphoreType;
    }

    public ObjectType processType() {
        return processType;
    }

    public ObjectType threadType() {
        return threadType;
    }

    // ---------------------------------------------------------------- object constructors

    /** A new event with one pointer reference owned by the caller. */
    public Event newEvent(boolean manualReset, boolean initialState) {
        return new Event(this, manualReset, initialState);
    }

    /** A new mutex, owned by {@code initialOwner} when not null, with one pointer reference for the caller. */
    public Mutant newMutant(KThread initialOwner) {
        Mutant m = new Mutant(this);
        if (initialOwner != null) {
            synchronized (dispatcher.lock()) {
                m.acquire(initialOwner);
            }
        }
        return m;
    }

    /** A new semaphore; the counts must have passed {@link Semaphore#validate}. */
    public Semaphore newSemaphore(int initial, int maximum) {
        Semaphore.validate(initial, maximum);
        return new Semaphore(this, initial, maximum);
    }

    // ---------------------------------------------------------------- processes and threads

    /**
     * Starts a process with one running thread. With {@code inheritFrom} not null, the new table
     * gets a copy of each of its entries marked inheritable, at the same value (R37). The result's
     * process and thread each carry one pointer reference owned by the caller, who turns them into
     * handles or drops them.
     */
    public Started createProcess(String imageName, KProcess inheritFrom) {
        long pid = nextClientId.getAndAdd(4);
        KProcess process = new KProcess(this, pid, imageName,
                HandleTable.create(config.reusePolicy(), config.maxHandles()));
        clientIds.put(pid, process);
        if (inheritFrom != null) {
            inheritFrom.handleTable().forEach(entry -> {
                if (entry.inherit()) {
                    objectManager.inheritHandle(process, entry);
                }
            });
        }
        KThread thread = startThread(process);
        return new Started(process, thread);
    }

    /** A process and its first thread, as {@link #createProcess} made them. */
    public record Started(KProcess process, KThread thread) {}

    /**
     * Starts a thread in {@code process}; the result carries one pointer reference owned by the
     * caller, besides the thread's own while it runs (R4).
     */
    public KThread createThread(KProcess process) {
        synchronized (process) {
            if (process.hasExited()) {
                throw new NtStatusException(NtStatus.STATUS_PROCESS_IS_TERMINATING);
            }
            return startThread(process);
        }
    }

    private KThread startThread(KProcess process) {
        long tid = nextClientId.getAndAdd(4);
        KThread thread = new KThread(this, process, tid);
        objectManager.reference(process);   // the thread object's hold on its process (R1)
        objectManager.reference(thread);    // the running thread's hold on itself (R4)
        process.addThread(thread);
        clientIds.put(tid, thread);
        return thread;
    }

    /**
     * Finds a live thread or process by id and references it, or throws
     * {@code STATUS_INVALID_CID} when the id names nothing (R4).
     */
    public KernelObject referenceByClientId(long id, ObjectType type) {
        KernelObject o = clientIds.get(id);
        if (o == null || o.type() != type || !o.tryReference()) {
            throw new NtStatusException(NtStatus.STATUS_INVALID_CID);
        }
        return o;
    }

    /** The processes whose objects still exist, in the order they were created. */
    public List<KProcess> processes() {
        return clientIds.values().stream()
                .filter(o -> o instanceof KProcess)
                .map(o -> (KProcess) o)
                .sorted(Comparator.comparingLong(KProcess::processId))
                .toList();
    }

    /**
     * The thread with {@code threadId} while its object exists, without taking a reference: for
     * drivers (the scenario interpreter, tests) that address threads by id.
     */
    public KThread findThread(long threadId) {
        return clientIds.get(threadId) instanceof KThread t ? t : null;
    }

    /**
     * Ends {@code thread} with {@code code}: it is signaled, its mutexes are abandoned, and it drops
     * its hold on itself (R4). When it was its process's last running thread, the process exits
     * (R17). Ending a thread that has ended already does nothing and returns false.
     */
    public boolean endThread(KThread thread, int code) {
        synchronized (dispatcher.lock()) {
            if (thread.hasEnded()) {
                return false;
            }
            dispatcher.cancelWaitOf(thread);
            thread.end(dispatcher, code);
        }
        KernelListener l = listener;
        if (l != null) {
            l.threadExited(thread);
        }
        KProcess process = thread.process();
        if (process.threadEnded()) {
            exitProcess(process, process.exitCodeFor(code));
        }
        objectManager.dereference(thread);
        return true;
    }

    /**
     * Ends every thread of {@code process} with {@code code} (ExitProcess, TerminateProcess). Returns
     * false when the process has exited, or is exiting, already.
     */
    public boolean terminateProcess(KProcess process, int code) {
        if (!process.requestExit(code)) {
            return false;
        }
        for (KThread t : process.threads()) {
            endThread(t, code);
        }
        return true;
    }

    /** The process's last thread has ended: close every handle (R17), then signal (R5). */
    private void exitProcess(KProcess process, int code) {
        process.beginExit(); // from here on the table refuses new entries
        List<HandleEntry<KernelObject>> open = handles(process);
        while (!open.isEmpty()) {
            for (HandleEntry<KernelObject> entry : open) {
                objectManager.closeInTable(process, entry.value(), true);
            }
            open = handles(process); // entries a racing insert slipped in before beginExit
        }
        process.markExited(dispatcher, code);
        KernelListener l = listener;
        if (l != null) {
            l.processExited(process);
        }
    }

    /** A snapshot of the entries of {@code process}'s table, in value order. */
    public List<HandleEntry<KernelObject>> handles(KProcess process) {
        List<HandleEntry<KernelObject>> list = new ArrayList<>();
        process.handleTable().forEach(list::add);
        return list;
    }
}
