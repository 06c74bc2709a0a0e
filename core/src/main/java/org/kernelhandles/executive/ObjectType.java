package org.kernelhandles.executive;

import java.util.Objects;

/**
 * An object type, as the NT object type initializer and Wine's {@code object_ops} describe one:
 * its name, the access bits that mean something for it, how generic rights map onto them, and the
 * procedures the object manager calls at the type's moments. Behaviour that differs between types
 * lives here, so that adding a type touches neither the handle table nor the object manager.
 *
 * <p>Java users define their own types with {@link #define(String, int, GenericMapping)} and the
 * {@code with...} methods, so that their resources get the same handle discipline.
 */
public final class ObjectType {

    /** Called after a handle to an object of this type was closed (R16), with the handle count left. */
    @FunctionalInterface
    public interface CloseProcedure {
        void closed(KernelObject object, KProcess process, int handleCountLeft);
    }

    /** Called once, when the object's last reference goes (R3). */
    @FunctionalInterface
    public interface DeleteProcedure {
        void delete(KernelObject object);
    }

    private final String name;
    private final int validAccessMask;
    private final GenericMapping genericMapping;
    private final boolean waitable;
    private final CloseProcedure closeProcedure;
    private final DeleteProcedure deleteProcedure;

    private ObjectType(String name, int validAccessMask, GenericMapping genericMapping,
            boolean waitable, CloseProcedure closeProcedure, DeleteProcedure deleteProcedure) {
        this.name = Objects.requireNonNull(name, "name");
        this.validAccessMask = validAccessMask;
        this.genericMapping = Objects.requireNonNull(genericMapping, "genericMapping");
        this.waitable = waitable;
        this.closeProcedure = closeProcedure;
        this.deleteProcedure = deleteProcedure;
    }

    /** A type with no close or delete procedure; objects of it are not waitable. */
    public static ObjectType define(String name, int validAccessMask, GenericMapping genericMapping) {
        return new ObjectType(name, validAccessMask, genericMapping, false, null, null);
    }

    public ObjectType withCloseProcedure(CloseProcedure procedure) {
        return new ObjectType(name, validAccessMask, genericMapping, waitable, procedure, deleteProcedure);
    }

    public ObjectType withDeleteProcedure(DeleteProcedure procedure) {
        return new ObjectType(name, validAccessMask, genericMapping, waitable, closeProcedure, procedure);
    }

    ObjectType waitable() {
        return new ObjectType(name, validAccessMask, genericMapping, true, closeProcedure, deleteProcedure);
    }

    public String name() {
        return name;
    }

    public int validAccessMask() {
        return validAccessMask;
    }

    public GenericMapping genericMapping() {
        return genericMapping;
    }

    /** True for dispatcher objects: events, mutexes, semaphores, threads, processes. */
    public boolean isWaitable() {
        return waitable;
    }

    /**
     * The access a handle gets for a request: generic rights mapped through the type's mapping,
     * {@code MAXIMUM_ALLOWED} granting every valid right (the model has no security descriptors),
     * and bits outside the valid mask dropped (R23).
     */
    public int grantedAccessFor(int desiredAccess) {
        int mapped = genericMapping.map(desiredAccess);
        if ((mapped & AccessRights.MAXIMUM_ALLOWED) != 0) {
            mapped |= validAccessMask;
        }
        return mapped & validAccessMask;
    }

    void runCloseProcedure(KernelObject object, KProcess process, int handleCountLeft) {
        if (closeProcedure != null) {
            closeProcedure.closed(object, process, handleCountLeft);
        }
    }

    void runDeleteProcedure(KernelObject object) {
        if (deleteProcedure != null) {
            deleteProcedure.delete(object);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
