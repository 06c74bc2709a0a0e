package org.kernelhandles.executive;

/**
 * A failed executive operation, carrying its NTSTATUS. The executive throws it deep inside a
 * service and the {@code Nt*} layer turns it back into a return value, so that each rule is
 * checked in one place without threading status codes through every helper. It records no stack
 * trace: it is a result, not a bug, and failing calls must stay cheap.
 */
public final class NtStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public NtStatusException(int status) {
        super(NtStatus.name(status), null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
