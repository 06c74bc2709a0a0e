package org.kernelhandles.executive;

import java.util.HashMap;
import java.util.Map;

/**
 * The object namespace: one flat directory of named objects, case-sensitive (R31). A name
 * reaches its object while the object has at least one handle (R2); the object manager unlinks it
 * when the handle count reaches zero, under this namespace's lock, so that an open by name either
 * sees a live handle count and takes a handle, or does not see the object at all.
 */
final class Namespace {
    private final Map<String, KernelObject> objects = new HashMap<>();

    /** The live object with {@code name}, or null. Call with the lock held. */
    KernelObject find(String name) {
        KernelObject o = objects.get(name);
        return o != null && o.handleCount() > 0 ? o : null;
    }

    /** Links a new object under its name, replacing an entry whose handles have all gone. */
    void link(String name, KernelObject object) {
        objects.put(name, object);
    }

    /** Unlinks {@code object} if it is still the one under its name and has no handle left. */
    boolean unlinkIfUnreferenced(String name, KernelObject object) {
        if (objects.get(name) == object && object.handleCount() == 0) {
            objects.remove(name);
            return true;
        }
        return false;
    }

    Object lock() {
        return this;
    }
}
