package org.kernelhandles.executive;

import static org.kernelhandles.executive.AccessRights.GENERIC_ALL;
import static org.kernelhandles.executive.AccessRights.GENERIC_EXECUTE;
import static org.kernelhandles.executive.AccessRights.GENERIC_READ;
import static org.kernelhandles.executive.AccessRights.GENERIC_WRITE;

/** What each generic right means for one object type, as the NT object type's GENERIC_MAPPING. */
public record GenericMapping(int read, int write, int execute, int all) {

    /** Replaces the generic bits of {@code access} by the type-specific rights they stand for. */
    public int map(int access) {
        int mapped = access & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL);
        if ((access & GENERIC_READ) != 0) {
            mapped |= read;
        }
        if ((access & GENERIC_WRITE) != 0) {
            mapped |= write;
        }
        if ((access & GENERIC_EXECUTE) != 0) {
            mapped |= execute;
        }
        if ((access & GENERIC_ALL) != 0) {
            mapped |= all;
        }
        return mapped;
    }
}
