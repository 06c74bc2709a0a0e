package org.kernelhandles.executive;

import static org.kernelhandles.executive.NtStatus.STATUS_ACCESS_DENIED;
import static org.kernelhandles.executive.NtStatus.STATUS_HANDLE_NOT_CLOSABLE;
import static org.kernelhandles.executive.NtStatus.STATUS_INSUFFICIENT_RESOURCES;
import static org.kernelhandles.executive.NtStatus.STATUS_INVALID_HANDLE;
import static org.kernelhandles.executive.NtStatus.STATUS_INVALID_PARAMETER;
import static org.kernelhandles.executive.NtStatus.STATUS_OBJECT_NAME_NOT_FOUND;
import static org.kernelhandles.executive.NtStatus.STATUS_OBJECT_TYPE_MISMATCH;
import static org.kernelhandles.executive.NtStatus.STATUS_PROCESS_IS_TERMINATING;
import static org.kernelhandles.executive.NtStatus.STATUS_SUCCESS;

import java.util.function.Supplier;
import org.kernelhandles.executive.handles.HandleEntry;

/**
 * The object manager: the one place that decides what a handle does to an object. It turns
 * objects into handles and back, keeps the handle and pointer counts (R1), unlinks names (R2),
 * deletes objects (R3), closes (R14-R16) and duplicates (R18-R26) handles, and resolves pseudo
 * handles (R11). Every service above it (the {@code Nt*} layer) calls these methods; none of them
 * touches a handle table or a count itself.
 *
 * <p>Failures are thrown as {@link NtStatusException}; the {@code Nt*} layer returns their status.
 */
public final class ObjectManager {

    /** {@code GetCurrentProcess()} (R11). */
    public static final long CURRENT_PROCESS = -1;
    /** {@code GetCurrentThread()} (R11). */
    public static final long CURRENT_THREAD = -2;

    public static final int DUPLICATE_CLOSE_SOURCE = 0x1;
    public static final int DUPLICATE_SAME_ACCESS = 0x2;
    public static final int DUPLICATE_SAME_ATTRIBUTES = 0x4;

    private final Kernel kernel;
    private final Namespace namespace = new Namespace();

    ObjectManager(Kernel kernel) {
        this.kernel = kernel;
    }

    public static boolean isPseudoHandle(long value) {
        return value == CURRENT_PROCESS || value == CURRENT_THREAD;
    }

    // ---------------------------------------------------------------- making handles

    /**
     * Turns the creator's pointer reference on a new object into a handle in {@code process}. On
     * failure the reference is dropped (the object is deleted) and nothing is left behind (R9).
     */
    public long insertNew(KProcess process, KernelObject object, int grantedAccess, int attributes) {
        try {
            return insertHandle(process, object, grantedAccess, attributes, KernelListener.Origin.CREATE);
        } finally {
            dereference(object);
        }
    }

    /**
     * Adds a handle to {@code object} in {@code process}: one more handle and pointer reference
     * (R1). The caller keeps whatever reference it had.
     */
    long insertHandle(KProcess process, KernelObject object, int grantedAccess, int attributes,
            KernelListener.Origin origin) {
        if (process.isExiting()) {
            throw new NtStatusException(STATUS_PROCESS_IS_TERMINATING);
        }
        object.incrementPointerCount();
        object.incrementHandleCount();
        long value = process.handleTable().insert(object, grantedAccess, attributes);
        if (value == 0) {
            int left = object.decrementHandleCount();
            if (left == 0) {
                unlinkName(object);
            }
            dereference(object);
            throw new NtStatusException(STATUS_INSUFFICIENT_RESOURCES);
        }
        KernelListener l = kernel.listener();
        if (l != null) {
            l.handleCreated(process, value, object, grantedAccess, attributes, origin);
        }
        return value;
    }

    /** Copies an inheritable entry into a child at the same value (R37). */
    void inheritHandle(KProcess child, HandleEntry<KernelObject> entry) {
        KernelObject object = entry.object();
        if (!object.tryReference()) {
            return; // closed concurrently in the parent: there is nothing left to inherit
        }
        object.incrementHandleCount();
        child.handleTable().insertAt(entry.value(), object, entry.grantedAccess(), entry.attributes());
        KernelListener l = kernel.listener();
        if (l != null) {
            l.handleCreated(child, entry.value(), object, entry.grantedAccess(), entry.attributes(),
                    KernelListener.Origin.INHERIT);
        }
    }

    // ---------------------------------------------------------------- names (R2, R29-R31)

    /**
     * Creates a named object, or opens the existing one of that name (R29). The factory runs under
     * the namespace lock only when the name is free. Returns the handle; {@code existed[0]} tells
     * whether the name was taken already. A name held by another type fails with
     * {@code STATUS_OBJECT_TYPE_MISMATCH} (R30).
     */
    public long createNamed(KProcess process, String name, ObjectType type, Supplier<? extends KernelObject> factory,
            int grantedAccess, int attributes, boolean[] existed) {
        KernelObject object;
        boolean found;
        synchronized (namespace.lock()) {
            object = namespace.find(name);
            found = object != null;
            if (found) {
                if (object.type() != type) {
                    throw new NtStatusException(STATUS_OBJECT_TYPE_MISMATCH);
                }
                object.incrementPointerCount();
            } else {
                object = factory.get();
                object.setName(name);
                namespace.link(name, object);
            }
            // Taking the handle under the lock keeps the handle count above zero while the name
            // is visible, so a concurrent last close cannot unlink it between find and insert.
            try {
                long value = insertHandle(process, object, grantedAccess, attributes,
                        found ? KernelListener.Origin.OPEN : KernelListener.Origin.CREATE);
                existed[0] = found;
                return value;
            } finally {
                dereference(object);
            }
        }
    }

    /** Opens a named object (R31); the access is checked by the caller's service beforehand. */
    public long openNamed(KProcess process, String name, ObjectType type, int desiredAccess, int attributes) {
        if (name == null) {
            throw new NtStatusException(STATUS_INVALID_PARAMETER);
        }
        synchronized (namespace.lock()) {
            KernelObject object = namespace.find(name);
            if (object == null) {
                throw new NtStatusException(STATUS_OBJECT_NAME_NOT_FOUND);
            }
            if (object.type() != type) {
                throw new NtStatusException(STATUS_OBJECT_TYPE_MISMATCH);
            }
            int granted = openAccess(type, desiredAccess);
            object.incrementPointerCount();
            try {
                return insertHandle(process, object, granted, attributes, KernelListener.Origin.OPEN);
            } finally {
                dereference(object);
            }
        }
    }

    /**
     * Opens an object found by other means than a handle (by name, by id): the access asked for is
     * mapped and must not be empty (R31).
     */
    public int openAccess(ObjectType type, int desiredAccess) {
        if ((desiredAccess & AccessRights.RESERVED_ACCESS_BITS) != 0) {
            throw new NtStatusException(STATUS_ACCESS_DENIED);
        }
        int granted = type.grantedAccessFor(desiredAccess);
        if (granted == 0) {
            throw new NtStatusException(STATUS_ACCESS_DENIED);
        }
        return granted;
    }

    /** Opens {@code object}, already referenced by the caller, as a new handle (OpenThread, OpenProcess). */
    public long openObject(KProcess process, KernelObject object, int desiredAccess, int attributes) {
        int granted = openAccess(object.type(), desiredAccess);
        return insertHandle(process, object, granted, attributes, KernelListener.Origin.OPEN);
    }

    private void unlinkName(KernelObject object) {
        String name = object.name();
        if (name == null) {
            return;
        }
        boolean unlinked;
        synchronized (namespace.lock()) {
            unlinked = namespace.unlinkIfUnreferenced(name, object);
        }
        KernelListener l = kernel.listener();
        if (unlinked && l != null) {
            l.nameRemoved(object, name);
        }
    }

    // ---------------------------------------------------------------- references

    /** Adds a pointer reference to an object the caller already holds a reference on. */
    public void reference(KernelObject object) {
        object.incrementPointerCount();
    }

    /** Drops a pointer reference; the last one deletes the object (R3). */
    public void dereference(KernelObject object) {
        int left = object.decrementPointerCount();
        if (left == 0) {
            object.type().runDeleteProcedure(object);
            KernelListener l = kernel.listener();
            if (l != null) {
                l.objectDeleted(object);
            }
        } else if (left < 0) {
            throw new IllegalStateException("pointer count of " + object.describe() + " went below zero");
        }
    }

    /**
     * Resolves a handle of the calling thread's process to a referenced object: pseudo handles to
     * the caller's process or thread with full access (R11), then the table entry, then the type
     * (R33) and the access (R32). The caller must {@link #dereference} the result.
     *
     * @param type the type the call needs, or null for any
     * @param anyOfAccess when nonzero, the handle needs at least one of these bits instead of all of
     *     {@code desiredAccess} (GetExitCodeThread's two query rights)
     */
    public KernelObject referenceByHandle(KThread caller, long value, ObjectType type, int desiredAccess,
            int anyOfAccess) {
        KernelObject object;
        int granted;
        if (value == CURRENT_PROCESS) {
            object = caller.process();
            granted = -1;
            object.incrementPointerCount();
        } else if (value == CURRENT_THREAD) {
            object = caller;
            granted = -1;
            object.incrementPointerCount();
        } else {
            HandleEntry<KernelObject> entry = caller.process().handleTable().lookup(value);
            if (entry == null || !entry.object().tryReference()) {
                reportBadHandle(caller, caller.process(), value, null, STATUS_INVALID_HANDLE);
                throw new NtStatusException(STATUS_INVALID_HANDLE);
            }
            object = entry.object();
            granted = entry.grantedAccess();
        }
        int status = STATUS_SUCCESS;
        if (type != null && object.type() != type) {
            status = STATUS_OBJECT_TYPE_MISMATCH;
        } else if (!AccessRights.hasAll(granted, desiredAccess)
                || (anyOfAccess != 0 && (granted & anyOfAccess) == 0)) {
            status = STATUS_ACCESS_DENIED;
        }
        if (status != STATUS_SUCCESS) {
            dereference(object);
            reportBadHandle(caller, caller.process(), value, object, status);
            throw new NtStatusException(status);
        }
        KernelListener l = kernel.listener();
        if (l != null && !isPseudoHandle(value)) {
            l.handleUsed(caller, value, object);
        }
        return object;
    }

    /** {@link #referenceByHandle(KThread, long, ObjectType, int, int)} needing all of {@code desiredAccess}. */
    public KernelObject referenceByHandle(KThread caller, long value, ObjectType type, int desiredAccess) {
        return referenceByHandle(caller, value, type, desiredAccess, 0);
    }

    private void reportBadHandle(KThread caller, KProcess process, long value, KernelObject object, int status) {
        KernelListener l = kernel.listener();
        if (l != null) {
            l.badHandle(caller, process, value, object, status);
        }
    }

    // ---------------------------------------------------------------- closing (R12, R14-R17)

    /** {@code NtClose} from {@code caller}'s process. */
    public int close(KThread caller, long value) {
        if (isPseudoHandle(value)) {
            return STATUS_SUCCESS; // R12: closing a pseudo handle does nothing
        }
        int status = closeInTable(caller.process(), value, false);
        KernelListener l = kernel.listener();
        if (status != STATUS_SUCCESS && l != null) {
            HandleEntry<KernelObject> still = caller.process().handleTable().lookup(value);
            l.badClose(caller, value, still == null ? null : still.object(), status);
        }
        return status;
    }

    /**
     * Closes one entry of {@code process}'s table, in R16's order: free the entry, handle count - 1,
     * the type's close procedure, unlink the name when no handle is left (R2), pointer count - 1,
     * delete when no reference is left (R3). A protected entry stays unless {@code force} (R15, R17).
     */
    int closeInTable(KProcess process, long value, boolean force) {
        HandleEntry<KernelObject> entry = process.handleTable().removeUnless(value,
                force ? 0 : HandleEntry.PROTECT_FROM_CLOSE);
        if (entry == null) {
            return STATUS_INVALID_HANDLE;
        }
        if (!force && entry.protectedFromClose()) {
            return STATUS_HANDLE_NOT_CLOSABLE;
        }
        KernelObject object = entry.object();
        int left = object.decrementHandleCount();
        KernelListener l = kernel.listener();
        if (l != null) {
            l.handleClosed(process, entry.value(), object, force);
        }
        object.type().runCloseProcedure(object, process, left);
        if (left == 0) {
            unlinkName(object);
        }
        dereference(object);
        return STATUS_SUCCESS;
    }

    // ---------------------------------------------------------------- duplicating (R18-R26)

    /**
     * {@code NtDuplicateObject}. Returns the new value in {@code target[0]} (0 on every failure, and
     * when the duplicate only closed the source). The rules' order of checks is kept exactly:
     * the source process first (R18); then reserved access bits refuse and close nothing (R23);
     * then the source handle is found and, with {@code DUPLICATE_CLOSE_SOURCE}, closed at once,
     * whatever happens next (R20, R21); then the target process (R18, R22); then a bad source
     * handle (R19); then access (R23) and attributes (R24); then the new entry (R9, R26).
     */
    public void duplicate(KThread caller, long sourceProcessHandle, long sourceHandle, long targetProcessHandle,
            long[] target, int desiredAccess, int attributes, int options) {
        target[0] = 0;
        boolean sameAccess = (options & DUPLICATE_SAME_ACCESS) != 0;
        KProcess sourceProcess = (KProcess) referenceByHandle(caller, sourceProcessHandle, kernel.processType(),
                AccessRights.PROCESS_DUP_HANDLE);
        KernelObject object = null;
        try {
            if (!sameAccess && (desiredAccess & AccessRights.RESERVED_ACCESS_BITS) != 0) {
                throw new NtStatusException(STATUS_ACCESS_DENIED); // R23: before the source handle is looked at
            }
            int sourceAccess = -1;
            int sourceAttributes = 0;
            if (isPseudoHandle(sourceHandle)) {
                if (sourceProcess == caller.process()) {
                    object = sourceHandle == CURRENT_PROCESS ? sourceProcess : caller;
                    object.incrementPointerCount();
                    sourceAccess = object.type().validAccessMask();
                }
            } else {
                HandleEntry<KernelObject> entry = sourceProcess.handleTable().lookup(sourceHandle);
                if (entry != null && entry.object().tryReference()) {
                    object = entry.object();
                    sourceAccess = entry.grantedAccess();
                    sourceAttributes = entry.attributes();
                    if ((options & DUPLICATE_CLOSE_SOURCE) != 0) {
                        closeInTable(sourceProcess, sourceHandle, false); // R20: its result is ignored
                    }
                }
            }
            KProcess targetProcess = null;
            if (targetProcessHandle == 0) {
                if ((options & DUPLICATE_CLOSE_SOURCE) == 0) {
                    throw new NtStatusException(STATUS_INVALID_PARAMETER); // R22
                }
            } else {
                targetProcess = (KProcess) referenceByHandle(caller, targetProcessHandle, kernel.processType(),
                        AccessRights.PROCESS_DUP_HANDLE);
            }
            try {
                if (targetProcess != null && targetProcess.isExiting()) {
                    // R18: an exited target is a failing target, reported before a bad source handle.
                    throw new NtStatusException(STATUS_PROCESS_IS_TERMINATING);
                }
                if (object == null) {
                    reportBadHandle(caller, sourceProcess, sourceHandle, null, STATUS_INVALID_HANDLE);
                    throw new NtStatusException(STATUS_INVALID_HANDLE); // R19
                }
                if (targetProcess == null) {
                    return; // R22: a NULL target with CLOSE_SOURCE only closes the source
                }
                int access = sameAccess ? sourceAccess : object.type().grantedAccessFor(desiredAccess);
                // Asking for more than the source has needs the object's security check; the model's
                // objects carry no security restriction, so it is granted (R23).
                int attrs = (options & DUPLICATE_SAME_ATTRIBUTES) != 0
                        ? sourceAttributes & (HandleEntry.INHERIT | HandleEntry.PROTECT_FROM_CLOSE)
                        : attributes & HandleEntry.INHERIT;
                target[0] = insertHandle(targetProcess, object, access, attrs, KernelListener.Origin.DUPLICATE);
            } finally {
                if (targetProcess != null) {
                    dereference(targetProcess);
                }
            }
        } finally {
            if (object != null) {
                dereference(object);
            }
            dereference(sourceProcess);
        }
    }

    // ---------------------------------------------------------------- handle information (R27, R28)

    /** The entry for {@code value}; pseudo handles read as flags 0 (R12). */
    public int getHandleInformation(KThread caller, long value) {
        if (isPseudoHandle(value)) {
            return 0;
        }
        HandleEntry<KernelObject> entry = caller.process().handleTable().lookup(value);
        if (entry == null) {
            reportBadHandle(caller, caller.process(), value, null, STATUS_INVALID_HANDLE);
            throw new NtStatusException(STATUS_INVALID_HANDLE);
        }
        return entry.attributes();
    }

    public void setHandleInformation(KThread caller, long value, int mask, int flags) {
        if (isPseudoHandle(value)) {
            throw new NtStatusException(STATUS_ACCESS_DENIED); // R12
        }
        int relevant = HandleEntry.INHERIT | HandleEntry.PROTECT_FROM_CLOSE;
        if (caller.process().handleTable().setAttributes(value, mask & relevant, flags) == null) {
            reportBadHandle(caller, caller.process(), value, null, STATUS_INVALID_HANDLE);
            throw new NtStatusException(STATUS_INVALID_HANDLE);
        }
    }

    /** True when both handles name one object (R28); no access is needed on either. */
    public boolean sameObject(KThread caller, long first, long second) {
        KernelObject a = referenceByHandle(caller, first, null, 0);
        try {
            KernelObject b = referenceByHandle(caller, second, null, 0);
            dereference(b);
            return a == b;
        } finally {
            dereference(a);
        }
    }
}
