package org.kernelhandles.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kernelhandles.executive.NtStatus.*;
import static org.kernelhandles.win32.Win32Error.*;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.kernelhandles.executive.NtStatus;

/** RtlNtStatusToDosError for the statuses the rules name, with the Win32 codes the rules give. */
class DosErrorsTest {

    @ParameterizedTest(name = "{0}: {1} -> {2} ({3})")
    @CsvSource({
        "R14,      STATUS_INVALID_HANDLE,          ERROR_INVALID_HANDLE,      6",
        "R15,      STATUS_HANDLE_NOT_CLOSABLE,     ERROR_INVALID_HANDLE,      6",
        "R30/R33,  STATUS_OBJECT_TYPE_MISMATCH,    ERROR_INVALID_HANDLE,      6",
        "R18,      STATUS_PROCESS_IS_TERMINATING,  ERROR_ACCESS_DENIED,       5",
        "R18/R32,  STATUS_ACCESS_DENIED,           ERROR_ACCESS_DENIED,       5",
        "R9,       STATUS_INSUFFICIENT_RESOURCES,  ERROR_NO_SYSTEM_RESOURCES, 1450",
        "R28,      STATUS_NOT_SAME_OBJECT,         ERROR_NOT_SAME_OBJECT,     1656",
        "R29,      STATUS_OBJECT_NAME_EXISTS,      ERROR_ALREADY_EXISTS,      183",
        "R29/R31,  STATUS_INVALID_PARAMETER,       ERROR_INVALID_PARAMETER,   87",
        "R2/R31,   STATUS_OBJECT_NAME_NOT_FOUND,   ERROR_FILE_NOT_FOUND,      2",
        "R4,       STATUS_INVALID_CID,             ERROR_INVALID_PARAMETER,   87",
        "R35,      STATUS_MUTANT_NOT_OWNED,        ERROR_NOT_OWNER,           288",
        "R35,      STATUS_SEMAPHORE_LIMIT_EXCEEDED, ERROR_TOO_MANY_POSTS,     298",
        "R38,      STATUS_SHARING_VIOLATION,       ERROR_SHARING_VIOLATION,   32",
        "R38,      STATUS_DELETE_PENDING,          ERROR_ACCESS_DENIED,       5",
        "R38,      STATUS_NO_SUCH_FILE,            ERROR_FILE_NOT_FOUND,      2",
        "R38,      STATUS_OBJECT_NAME_COLLISION,   ERROR_ALREADY_EXISTS,      183",
        "R39,      STATUS_INVALID_DEVICE_REQUEST,  ERROR_INVALID_FUNCTION,    1",
        "R39,      STATUS_BUFFER_TOO_SMALL,        ERROR_INSUFFICIENT_BUFFER, 122",
        "R36,      STATUS_INVALID_PARAMETER_MIX,   ERROR_INVALID_PARAMETER,   87",
        "-,        STATUS_SUCCESS,                 ERROR_SUCCESS,             0",
    })
    @DisplayName("RtlNtStatusToDosError maps each status the rules name to the rules' Win32 error")
    void mapping(String rule, String status, String error, int code) throws ReflectiveOperationException {
        int s = NtStatus.class.getField(status).getInt(null);
        int e = Win32Error.class.getField(error).getInt(null);
        assertEquals(code, e, error + "'s value");
        assertEquals(error, Win32Error.name(DosErrors.toDosError(s)), rule + ": " + status);
        assertEquals(e, Kernel32.RtlNtStatusToDosError(s));
    }

    @Test
    @DisplayName("RtlNtStatusToDosError: a status outside the table gives ERROR_MR_MID_NOT_FOUND (317), as Windows does")
    void unknownStatus() {
        assertEquals(ERROR_MR_MID_NOT_FOUND, DosErrors.toDosError(0xC0DE0001));
        assertEquals(317, ERROR_MR_MID_NOT_FOUND);
    }

    @Test
    @DisplayName("R15/R33: a Win32 caller cannot tell a protected handle or a wrong type from an invalid one")
    void threeStatusesOneError() {
        assertEquals(DosErrors.toDosError(STATUS_INVALID_HANDLE), DosErrors.toDosError(STATUS_HANDLE_NOT_CLOSABLE));
        assertEquals(DosErrors.toDosError(STATUS_INVALID_HANDLE), DosErrors.toDosError(STATUS_OBJECT_TYPE_MISMATCH));
    }
}
