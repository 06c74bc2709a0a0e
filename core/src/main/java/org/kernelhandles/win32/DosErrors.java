package org.kernelhandles.win32;

import static org.kernelhandles.executive.NtStatus.*;
import static org.kernelhandles.win32.Win32Error.*;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code RtlNtStatusToDosError}: the one table that turns an NTSTATUS into the Win32 error
 * {@code GetLastError()} reports. Several statuses share an error, which is why a Win32 caller
 * cannot tell a protected handle (R15) or a wrong type (R33) from an invalid one.
 */
final class DosErrors {
    private DosErrors() {}

    private static final Map<Integer, Integer> TABLE = new HashMap<>();

    private static void map(int status, int error) {
        TABLE.put(status, error);
    }

    static {
        map(STATUS_SUCCESS, ERROR_SUCCESS);
        map(STATUS_OBJECT_NAME_EXISTS, ERROR_ALREADY_EXISTS);
        map(STATUS_TIMEOUT, ERROR_TIMEOUT);
        map(STATUS_UNSUCCESSFUL, ERROR_GEN_FAILURE);
        map(STATUS_NOT_IMPLEMENTED, ERROR_INVALID_FUNCTION);
        map(STATUS_INVALID_HANDLE, ERROR_INVALID_HANDLE);
        map(STATUS_HANDLE_NOT_CLOSABLE, ERROR_INVALID_HANDLE);
        map(STATUS_OBJECT_TYPE_MISMATCH, ERROR_INVALID_HANDLE);
        map(STATUS_INVALID_CID, ERROR_INVALID_PARAMETER);
        map(STATUS_INVALID_PARAMETER, ERROR_INVALID_PARAMETER);
        map(STATUS_INVALID_PARAMETER_1, ERROR_INVALID_PARAMETER);
        map(STATUS_INVALID_PARAMETER_MIX, ERROR_INVALID_PARAMETER);
        map(STATUS_NO_SUCH_FILE, ERROR_FILE_NOT_FOUND);
        map(STATUS_OBJECT_NAME_NOT_FOUND, ERROR_FILE_NOT_FOUND);
        map(STATUS_OBJECT_PATH_NOT_FOUND, ERROR_PATH_NOT_FOUND);
        map(STATUS_OBJECT_NAME_INVALID, ERROR_INVALID_NAME);
        map(STATUS_OBJECT_NAME_COLLISION, ERROR_ALREADY_EXISTS);
        map(STATUS_INVALID_DEVICE_REQUEST, ERROR_INVALID_FUNCTION);
        map(STATUS_END_OF_FILE, ERROR_HANDLE_EOF);
        map(STATUS_ACCESS_DENIED, ERROR_ACCESS_DENIED);
        map(STATUS_PROCESS_IS_TERMINATING, ERROR_ACCESS_DENIED);
        map(STATUS_THREAD_IS_TERMINATING, ERROR_ACCESS_DENIED);
        map(STATUS_DELETE_PENDING, ERROR_ACCESS_DENIED);
        map(STATUS_FILE_IS_A_DIRECTORY, ERROR_ACCESS_DENIED);
        map(STATUS_BUFFER_TOO_SMALL, ERROR_INSUFFICIENT_BUFFER);
        map(STATUS_BUFFER_OVERFLOW, ERROR_MORE_DATA);
        map(STATUS_SHARING_VIOLATION, ERROR_SHARING_VIOLATION);
        map(STATUS_MUTANT_NOT_OWNED, ERROR_NOT_OWNER);
        map(STATUS_SEMAPHORE_LIMIT_EXCEEDED, ERROR_TOO_MANY_POSTS);
        map(STATUS_INSUFFICIENT_RESOURCES, ERROR_NO_SYSTEM_RESOURCES);
        map(STATUS_NOT_SUPPORTED, ERROR_NOT_SUPPORTED);
        map(STATUS_NOT_SAME_OBJECT, ERROR_NOT_SAME_OBJECT);
    }

    /**
     * The Win32 error for {@code status}; a status the table lacks gives
     * {@code ERROR_MR_MID_NOT_FOUND}, as Windows does.
     */
    static int toDosError(int status) {
        Integer error = TABLE.get(status);
        return error != null ? error : ERROR_MR_MID_NOT_FOUND;
    }
}
