package org.kernelhandles.executive;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The header every kernel object has (R1): its type, optional name, an id for the life of the
 * kernel, and two counts. Each handle contributes one to both counts; other holders (a running
 * thread on itself, a thread on its process, a pending wait) hold pointer references only.
 *
 * <p>Only the {@link ObjectManager} changes the counts; it decides what happens when one reaches
 * zero (R2, R3). The counts are updated with atomic read-modify-write operations so that a
 * reference taken from a handle lookup cannot resurrect an object whose last reference is being
 * dropped concurrently: {@link #tryReference()} refuses once the pointer count has reached zero.
 */
public abstract class KernelObject {
    private static final VarHandle HANDLE_COUNT;
    private static final VarHandle POINTER_COUNT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HANDLE_COUNT = lookup.findVarHandle(KernelObject.class, "handleCount", int.class);
            POINTER_COUNT = lookup.findVarHandle(KernelObject.class, "pointerCount", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ObjectType type;
    private final long id;
    private volatile String name;
    @SuppressWarnings("unused") // accessed through HANDLE_COUNT
    private volatile int handleCount;
    @SuppressWarnings("unused") // accessed through POINTER_COUNT
    private volatile int pointerCount;

    /**
     * Creates an object with one pointer reference, owned by its creator, who either turns it into
     * a handle or drops it with {@link ObjectManager#dereference(KernelObject)}.
     */
    protected KernelObject(Kernel kernel, ObjectType type) {
        this.type = type;
        this.id = kernel.nextObjectId();
        this.pointerCount = 1;
    }

    public final ObjectType type() {
        return type;
    }

    /** A number identifying this object for the life of the kernel ({@code QueryObjectId}). */
    public final long id() {
        return id;
    }

    /**
     * The name the object was created with, or null. Whether the name still reaches the object is
     * the namespace's business: it is unlinked when the handle count reaches zero (R2).
     */
    public final String name() {
        return name;
    }

    final void setName(String name) {
        this.name = name;
    }

    public final int handleCount() {
        return (int) HANDLE_COUNT.getVolatile(this);
    }

    public final int pointerCount() {
        return (int) POINTER_COUNT.getVolatile(this);
    }

    /** True once the last reference has gone and the delete procedure has run (R3). */
    public final boolean isDeleted() {
        return pointerCount() == 0;
    }

    final int incrementHandleCount() {
        return (int) HANDLE_COUNT.getAndAdd(this, 1) + 1;
    }

    final int decrementHandleCount() {
        return (int) HANDLE_COUNT.getAndAdd(this, -1) - 1;
    }

    final void incrementPointerCount() {
        POINTER_COUNT.getAndAdd(this, 1);
    }

    /** Adds a pointer reference unless the object is already being deleted. */
    final boolean tryReference() {
        int count = pointerCount();
        while (count > 0) {
            int witness = (int) POINTER_COUNT.compareAndExchange(this, count, count + 1);
            if (witness == count) {
                return true;
            }
            count = witness;
        }
        return false;
    }

    final int decrementPointerCount() {
        return (int) POINTER_COUNT.getAndAdd(this, -1) - 1;
    }

    /** A short description for traces: type, id and name. */
    public String describe() {
        String n = name;
        return type.name() + "#" + id + (n != null ? " \"" + n + "\"" : "");
    }

    @Override
    public String toString() {
        return describe();
    }
}
