package org.kernelhandles.executive.handles;

/**
 * One handle: its value, the object it refers to, the access granted through it, and its
 * attribute flags ({@code HANDLE_FLAG_INHERIT} = 1, {@code HANDLE_FLAG_PROTECT_FROM_CLOSE} = 2).
 * Access and flags belong to the handle, not to the object (R10).
 */
public record HandleEntry<T>(long value, T object, int grantedAccess, int attributes) {

    public static final int INHERIT = 1;
    public static final int PROTECT_FROM_CLOSE = 2;

    public boolean inherit() {
        return (attributes & INHERIT) != 0;
    }

    public boolean protectedFromClose() {
        return (attributes & PROTECT_FROM_CLOSE) != 0;
    }
}
