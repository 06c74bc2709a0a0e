package org.kernelhandles.nt;

/**
 * What {@code NtQueryObject(ObjectBasicInformation)} returns: the handle's own access and flags, and
 * the object's counts, without the reference the query itself held while it looked (R1).
 */
public record ObjectBasicInformation(int grantedAccess, int attributes, int handleCount, int pointerCount,
        long objectId, String typeName) {}
