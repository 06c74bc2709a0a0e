package org.kernelhandles.nt;

import static org.kernelhandles.executive.AccessRights.*;
import static org.kernelhandles.executive.NtStatus.*;

import java.util.Objects;
import java.util.function.Supplier;
import org.kernelhandles.executive.Dispatcher;
import org.kernelhandles.executive.DispatcherObject;
import org.kernelhandles.executive.Event;
import org.kernelhandles.executive.FileObject;
import org.kernelhandles.executive.IoManager;
import org.kernelhandles.executive.KProcess;
import org.kernelhandles.executive.KThread;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.executive.KernelObject;
import org.kernelhandles.executive.Mutant;
import org.kernelhandles.executive.NtStatusException;
import org.kernelhandles.executive.ObjectManager;
import org.kernelhandles.executive.ObjectType;
import org.kernelhandles.executive.Semaphore;
import org.kernelhandles.executive.VirtualClock;
import org.kernelhandles.executive.handles.HandleEntry;

/**
 * The system services, called on behalf of one thread: each returns an NTSTATUS and writes its
 * results to out parameters, as ntdll's {@code Nt*} entry points do. A service checks its
 * arguments, references the objects it needs through the object manager (which applies the type
 * and access rules, R32 and R33), does its work, and drops its references. This is where each
 * call's required access is written down, once.
 */
public final class Ntdll {
    /** {@code OBJ_INHERIT}: the attribute that makes a new handle inheritable. */
    public static final int OBJ_INHERIT = 0x2;
    /** A timeout that never expires. */
    public static final long INFINITE = -1;

    private final Kernel kernel;
    private final KThread caller;
    private final ObjectManager ob;

    public Ntdll(Kernel kernel, KThread caller) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.ob = kernel.objects();
    }

    public KThread caller() {
        return caller;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** Runs a service body and turns a thrown status into the return value. */
    private int service(Runnable body) {
        if (caller.hasEnded()) {
            throw new IllegalStateException("thread " + caller.threadId() + " has ended and can make no call");
        }
        try {
            body.run();
            return STATUS_SUCCESS;
        } catch (NtStatusException e) {
            return e.status();
        }
    }

    private static int handleAttributes(int objectAttributes) {
        return (objectAttributes & OBJ_INHERIT) != 0 ? HandleEntry.INHERIT : 0;
    }

    /**
     * A service on one object: references what {@code handle} names with the type and access the
     * call needs (R32, R33; {@code anyOf} nonzero: at least one of those bits instead), runs
     * {@code body} on it, and drops the reference.
     */
    private <T extends KernelObject> int withObject(long handle, ObjectType type, int access, int anyOf,
            Class<T> kind, java.util.function.Consumer<T> body) {
        return service(() -> {
            T object = kind.cast(ob.referenceByHandle(caller, handle, type, access, anyOf));
            try {
                body.accept(object);
            } finally {
                ob.dereference(object);
            }
        });
    }

    /** Writes an optional out parameter. */
    private static void put(LongRef out, long value) {
        if (out != null) {
            out.value = value;
        }
    }

    // ---------------------------------------------------------------- handles

    public int NtClose(long handle) {
        if (caller.hasEnded()) {
            throw new IllegalStateException("thread " + caller.threadId() + " has ended and can make no call");
        }
        return ob.close(caller, handle);
    }

    public int NtDuplicateObject(long sourceProcess, long sourceHandle, long targetProcess, LongRef targetHandle,
            int desiredAccess, int attributes, int options) {
        long[] out = new long[1];
        int status = service(() -> ob.duplicate(caller, sourceProcess, sourceHandle, targetProcess, out,
                desiredAccess, handleAttributes(attributes), options));
        if (targetHandle != null) {
            targetHandle.value = out[0];
        }
        return status;
    }

    /** The handle's flags ({@code HANDLE_FLAG_INHERIT}, {@code HANDLE_FLAG_PROTECT_FROM_CLOSE}). */
    public int NtQueryHandleFlags(long handle, LongRef flags) {
        return service(() -> flags.value = ob.getHandleInformation(caller, handle));
    }

    /** Sets the flags in {@code mask} to those in {@code flags}. */
    public int NtSetHandleFlags(long handle, int mask, int flags) {
        return service(() -> ob.setHandleInformation(caller, handle, mask, flags));
    }

    public int NtCompareObjects(long first, long second) {
        boolean[] same = new boolean[1];
        int status = service(() -> same[0] = ob.sameObject(caller, first, second));
        return status == STATUS_SUCCESS && !same[0] ? STATUS_NOT_SAME_OBJECT : status;
    }

    /** {@code NtQueryObject(ObjectBasicInformation)}; needs no access. */
    public int NtQueryObject(long handle, ObjectBasicInformation[] info) {
        return service(() -> {
            KernelObject o = ob.referenceByHandle(caller, handle, null, 0);
            try {
                int access = -1;
                int attributes = 0;
                if (!ObjectManager.isPseudoHandle(handle)) {
                    HandleEntry<KernelObject> e = caller.process().handleTable().lookup(handle);
                    if (e != null) {
                        access = e.grantedAccess();
                        attributes = e.attributes();
                    }
                } else {
                    access = o.type().validAccessMask();
                }
                info[0] = new ObjectBasicInformation(access, attributes, o.handleCount(), o.pointerCount() - 1,
                        o.id(), o.type().name());
            } finally {
                ob.dereference(o);
            }
        });
    }

    // ---------------------------------------------------------------- events, mutexes, semaphores

    /**
     * Creates or opens a named object of {@code type}; {@code STATUS_OBJECT_NAME_EXISTS} tells that
     * it opened an existing one (R29).
     */
    private int createObject(LongRef handle, String name, int attributes, ObjectType type, int desiredAccess,
            Supplier<? extends KernelObject> factory) {
        handle.value = 0;
        boolean[] existed = new boolean[1];
        int status = service(() -> {
            int access = type.grantedAccessFor(desiredAccess);
            int attrs = handleAttributes(attributes);
            if (name == null) {
                handle.value = ob.insertNew(caller.process(), factory.get(), access, attrs);
            } else {
                handle.value = ob.createNamed(caller.process(), name, type, factory, access, attrs, existed);
            }
        });
        return status == STATUS_SUCCESS && existed[0] ? STATUS_OBJECT_NAME_EXISTS : status;
    }

    private int openObject(LongRef handle, int desiredAccess, int attributes, String name, ObjectType type) {
        handle.value = 0;
        return service(() -> handle.value = ob.openNamed(caller.process(), name, type, desiredAccess,
                handleAttributes(attributes)));
    }

    public int NtCreateEvent(LongRef handle, int desiredAccess, String name, int attributes, boolean manualReset,
            boolean initialState) {
        return createObject(handle, name, attributes, kernel.eventType(), desiredAccess,
                () -> kernel.newEvent(manualReset, initialState));
    }

    public int NtOpenEvent(LongRef handle, int desiredAccess, int attributes, String name) {
        return openObject(handle, desiredAccess, attributes, name, kernel.eventType());
    }

    public int NtSetEvent(long handle, LongRef previousState) {
        return withObject(handle, kernel.eventType(), EVENT_MODIFY_STATE, 0, Event.class,
                e -> put(previousState, e.set(kernel.dispatcher()) ? 1 : 0));
    }

    public int NtResetEvent(long handle, LongRef previousState) {
        return withObject(handle, kernel.eventType(), EVENT_MODIFY_STATE, 0, Event.class,
                e -> put(previousState, e.reset(kernel.dispatcher()) ? 1 : 0));
    }

    /** Creates or opens a mutex; an existing one ignores {@code initialOwner} (R29). */
    public int NtCreateMutant(LongRef handle, int desiredAccess, String name, int attributes, boolean initialOwner) {
        return createObject(handle, name, attributes, kernel.mutantType(), desiredAccess,
                () -> kernel.newMutant(initialOwner ? caller : null));
    }

    public int NtOpenMutant(LongRef handle, int desiredAccess, int attributes, String name) {
        return openObject(handle, desiredAccess, attributes, name, kernel.mutantType());
    }

    /** Releases a mutex; ownership is the only check, no access right is needed (R32). */
    public int NtReleaseMutant(long handle, LongRef previousCount) {
        return withObject(handle, kernel.mutantType(), 0, 0, Mutant.class,
                m -> put(previousCount, m.release(kernel.dispatcher(), caller)));
    }

    /** Creates or opens a semaphore; the counts are validated even when the name exists (R29). */
    public int NtCreateSemaphore(LongRef handle, int desiredAccess, String name, int attributes, int initialCount,
            int maximumCount) {
        handle.value = 0;
        int status = service(() -> Semaphore.validate(initialCount, maximumCount));
        if (status != STATUS_SUCCESS) {
            return status;
        }
        return createObject(handle, name, attributes, kernel.semaphoreType(), desiredAccess,
                () -> kernel.newSemaphore(initialCount, maximumCount));
    }

    public int NtOpenSemaphore(LongRef handle, int desiredAccess, int attributes, String name) {
        return openObject(handle, desiredAccess, attributes, name, kernel.semaphoreType());
    }

    public int NtReleaseSemaphore(long handle, int releaseCount, LongRef previousCount) {
        return withObject(handle, kernel.semaphoreType(), SEMAPHORE_MODIFY_STATE, 0, Semaphore.class,
                sem -> put(previousCount, sem.release(kernel.dispatcher(), releaseCount)));
    }

    // ---------------------------------------------------------------- waits

    /**
     * Moves a virtual clock forward ({@code Sleep} in a scenario), or sleeps the calling Java thread
     * on the real clock.
     */
    public int NtDelayExecution(long millis) {
        return service(() -> {
            if (kernel.dispatcher().clock() instanceof VirtualClock virtual) {
                virtual.advance(millis);
            } else if (millis == 0) {
                Thread.yield();
            } else {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NtStatusException(STATUS_ALERTED);
                }
            }
        });
    }

    /**
     * Waits for one object; pseudo handles are accepted (R13). On a virtual clock a wait that cannot
     * complete at once returns {@code STATUS_PENDING}: the thread is parked, and the kernel listener
     * hears when the wait completes. The wait holds a pointer reference on
     * the object for as long as it lasts (R34). Returns {@code STATUS_WAIT_0},
     * {@code STATUS_ABANDONED_WAIT_0} or {@code STATUS_TIMEOUT}, or a failure.
     */
    public int NtWaitForSingleObject(long handle, long timeoutMillis) {
        return NtWaitForMultipleObjects(new long[] {handle}, false, timeoutMillis, true);
    }

    /**
     * Waits for several objects (R36); pseudo handles are refused (R13), as are more than
     * {@link Dispatcher#MAXIMUM_WAIT_OBJECTS} handles and an empty list.
     */
    public int NtWaitForMultipleObjects(long[] handles, boolean waitAll, long timeoutMillis) {
        return NtWaitForMultipleObjects(handles, waitAll, timeoutMillis, false);
    }

    private int NtWaitForMultipleObjects(long[] handles, boolean waitAll, long timeoutMillis, boolean single) {
        if (handles.length == 0 || handles.length > Dispatcher.MAXIMUM_WAIT_OBJECTS) {
            return STATUS_INVALID_PARAMETER;
        }
        int[] result = new int[1];
        int status = service(() -> {
            DispatcherObject[] objects = new DispatcherObject[handles.length];
            int referenced = 0;
            boolean handedOver = false;
            try {
                for (long h : handles) {
                    if (!single && ObjectManager.isPseudoHandle(h)) {
                        throw new NtStatusException(STATUS_INVALID_HANDLE);
                    }
                    KernelObject o = ob.referenceByHandle(caller, h, null, SYNCHRONIZE);
                    if (!(o instanceof DispatcherObject d)) {
                        ob.dereference(o);
                        throw new NtStatusException(STATUS_OBJECT_TYPE_MISMATCH);
                    }
                    for (int i = 0; i < referenced; i++) {
                        if (waitAll && objects[i] == d) {
                            ob.dereference(o);
                            throw new NtStatusException(STATUS_INVALID_PARAMETER_MIX);
                        }
                    }
                    objects[referenced++] = d;
                }
                handedOver = true; // the references now belong to the wait (R34)
                result[0] = kernel.dispatcher().waitFor(caller, objects, waitAll, timeoutMillis).status();
            } finally {
                if (!handedOver) {
                    for (int i = 0; i < referenced; i++) {
                        ob.dereference(objects[i]);
                    }
                }
            }
        });
        return status == STATUS_SUCCESS ? result[0] : status;
    }

    // ---------------------------------------------------------------- threads and processes

    /** Starts a thread in the caller's process; returns its handle (full access) and id. */
    public int NtCreateThread(LongRef handle, int attributes, LongRef threadId) {
        handle.value = 0;
        return service(() -> {
            KThread t = kernel.createThread(caller.process());
            try {
                handle.value = ob.insertNew(caller.process(), t, THREAD_ALL_ACCESS, handleAttributes(attributes));
            } catch (NtStatusException e) {
                kernel.endThread(t, e.status()); // no handle could be made: the thread must not run (R9)
                throw e;
            }
            if (threadId != null) {
                threadId.value = t.threadId();
            }
        });
    }

    public int NtTerminateThread(long handle, int exitCode) {
        return withObject(handle, kernel.threadType(), THREAD_TERMINATE, 0, KThread.class, t -> {
            if (!kernel.endThread(t, exitCode)) {
                throw new NtStatusException(STATUS_THREAD_IS_TERMINATING);
            }
        });
    }

    public int NtTerminateProcess(long handle, int exitCode) {
        return withObject(handle, kernel.processType(), PROCESS_TERMINATE, 0, KProcess.class, p -> {
            if (!kernel.terminateProcess(p, exitCode)) {
                throw new NtStatusException(STATUS_PROCESS_IS_TERMINATING);
            }
        });
    }

    public int NtOpenThread(LongRef handle, int desiredAccess, int attributes, long threadId) {
        return openByClientId(handle, desiredAccess, attributes, threadId, kernel.threadType());
    }

    public int NtOpenProcess(LongRef handle, int desiredAccess, int attributes, long processId) {
        return openByClientId(handle, desiredAccess, attributes, processId, kernel.processType());
    }

    private int openByClientId(LongRef handle, int desiredAccess, int attributes, long id, ObjectType type) {
        handle.value = 0;
        return service(() -> {
            KernelObject o = kernel.referenceByClientId(id, type);
            try {
                handle.value = ob.openObject(caller.process(), o, desiredAccess, handleAttributes(attributes));
            } finally {
                ob.dereference(o);
            }
        });
    }

    /** A thread's exit code ({@code STILL_ACTIVE} while it runs, R5) and id. */
    public int NtQueryInformationThread(long handle, LongRef exitCode, LongRef threadId) {
        return withObject(handle, kernel.threadType(), 0, THREAD_QUERY_INFORMATION | THREAD_QUERY_LIMITED_INFORMATION,
                KThread.class, t -> {
                    put(exitCode, Integer.toUnsignedLong(t.exitCode()));
                    put(threadId, t.threadId());
                });
    }

    /** A process's exit code ({@code STILL_ACTIVE} while it runs, R5) and id. */
    public int NtQueryInformationProcess(long handle, LongRef exitCode, LongRef processId) {
        return withObject(handle, kernel.processType(), 0,
                PROCESS_QUERY_INFORMATION | PROCESS_QUERY_LIMITED_INFORMATION, KProcess.class, p -> {
                    put(exitCode, Integer.toUnsignedLong(p.exitCode()));
                    put(processId, p.processId());
                });
    }

    /**
     * Starts a process running {@code imageName} with one thread; with {@code inheritHandles} it gets
     * the caller's inheritable handles at the same values (R37). The caller gets a handle to each,
     * with full access.
     */
    public int NtCreateUserProcess(String imageName, boolean inheritHandles, LongRef processHandle,
            LongRef threadHandle, LongRef processId, LongRef threadId) {
        processHandle.value = 0;
        threadHandle.value = 0;
        return service(() -> {
            Kernel.Started started = kernel.createProcess(imageName, inheritHandles ? caller.process() : null);
            KProcess p = started.process();
            KThread t = started.thread();
            long hp;
            long ht;
            try {
                hp = ob.insertNew(caller.process(), p, PROCESS_ALL_ACCESS, 0);
            } catch (NtStatusException e) {
                kernel.terminateProcess(p, e.status()); // no handle could be made: nobody could reach it
                ob.dereference(t);
                throw e;
            }
            try {
                ht = ob.insertNew(caller.process(), t, THREAD_ALL_ACCESS, 0);
            } catch (NtStatusException e) {
                kernel.terminateProcess(p, e.status());
                ob.close(caller, hp);
                throw e;
            }
            processHandle.value = hp;
            threadHandle.value = ht;
            if (processId != null) {
                processId.value = p.processId();
            }
            if (threadId != null) {
                threadId.value = t.threadId();
            }
        });
    }

    // ---------------------------------------------------------------- files and devices

    /** Opens a file or device; {@code existed} tells whether the file was there already. */
    public int NtCreateFile(LongRef handle, int desiredAccess, String path, int shareMode, int disposition,
            int flags, int attributes, boolean[] existed) {
        handle.value = 0;
        return service(() -> {
            IoManager.Opened opened = kernel.io().createFile(caller.process(), path, desiredAccess, shareMode,
                    disposition, flags, handleAttributes(attributes));
            handle.value = opened.handle();
            if (existed != null) {
                existed[0] = opened.existed();
            }
        });
    }

    public int NtReadFile(long handle, int length, byte[][] data) {
        return withObject(handle, kernel.io().fileType(), FILE_READ_DATA, 0, FileObject.class,
                f -> data[0] = kernel.io().read(f, length));
    }

    public int NtWriteFile(long handle, byte[] data, LongRef written) {
        return withObject(handle, kernel.io().fileType(), 0, FILE_WRITE_DATA | FILE_APPEND_DATA, FileObject.class,
                f -> written.value = kernel.io().write(f, data));
    }

    /** Moves the file position (FilePositionInformation); needs no access. */
    public int NtSetPositionFile(long handle, long distance, int method, LongRef newPosition) {
        return withObject(handle, kernel.io().fileType(), 0, 0, FileObject.class,
                f -> newPosition.value = kernel.io().seek(f, distance, method));
    }

    /** Sends a control code to the device behind the handle (R39); the code says what access it needs. */
    public int NtDeviceIoControlFile(long handle, int code, int outSize, LongRef out, LongRef returned) {
        return withObject(handle, kernel.io().fileType(), IoManager.accessForControlCode(code), 0, FileObject.class,
                f -> {
                    put(out, kernel.io().deviceControl(f, code, outSize));
                    put(returned, Long.BYTES);
                });
    }
}
