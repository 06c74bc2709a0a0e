package org.kernelhandles.executive;

import java.util.Map;

/**
 * NTSTATUS values the executive reports. A status is a plain {@code int}, as in Windows: the
 * executive and the {@code Nt*} layer return them; the Win32 layer translates them once, through
 * {@code RtlNtStatusToDosError}.
 */
public final class NtStatus {
    private NtStatus() {}

    public static final int STATUS_SUCCESS = 0x00000000;
    public static final int STATUS_WAIT_0 = 0x00000000;
    public static final int STATUS_ABANDONED_WAIT_0 = 0x00000080;
    public static final int STATUS_ALERTED = 0x00000101;
    public static final int STATUS_TIMEOUT = 0x00000102;
    public static final int STATUS_PENDING = 0x00000103;
    /** Success with information: a create found the name and opened the existing object (R29). */
    public static final int STATUS_OBJECT_NAME_EXISTS = 0x40000000;
    public static final int STATUS_BUFFER_OVERFLOW = 0x80000005;
    public static final int STATUS_UNSUCCESSFUL = 0xC0000001;
    public static final int STATUS_NOT_IMPLEMENTED = 0xC0000002;
    public static final int STATUS_INVALID_HANDLE = 0xC0000008;
    public static final int STATUS_INVALID_CID = 0xC000000B;
    public static final int STATUS_INVALID_PARAMETER = 0xC000000D;
    public static final int STATUS_NO_SUCH_FILE = 0xC000000F;
    public static final int STATUS_INVALID_DEVICE_REQUEST = 0xC0000010;
    public static final int STATUS_END_OF_FILE = 0xC0000011;
    public static final int STATUS_ACCESS_DENIED = 0xC0000022;
    public static final int STATUS_BUFFER_TOO_SMALL = 0xC0000023;
    public static final int STATUS_OBJECT_TYPE_MISMATCH = 0xC0000024;
    public static final int STATUS_OBJECT_NAME_INVALID = 0xC0000033;
    public static final int STATUS_OBJECT_NAME_NOT_FOUND = 0xC0000034;
    public static final int STATUS_OBJECT_NAME_COLLISION = 0xC0000035;
    public static final int STATUS_OBJECT_PATH_NOT_FOUND = 0xC000003A;
    public static final int STATUS_SHARING_VIOLATION = 0xC0000043;
    public static final int STATUS_SEMAPHORE_LIMIT_EXCEEDED = 0xC0000047;
    public static final int STATUS_MUTANT_NOT_OWNED = 0xC0000046;
    public static final int STATUS_THREAD_IS_TERMINATING = 0xC000004B;
    public static final int STATUS_DELETE_PENDING = 0xC0000056;
    public static final int STATUS_INSUFFICIENT_RESOURCES = 0xC000009A;
    public static final int STATUS_FILE_IS_A_DIRECTORY = 0xC00000BA;
    public static final int STATUS_NOT_SUPPORTED = 0xC00000BB;
    public static final int STATUS_INVALID_PARAMETER_MIX = 0xC0000030;
    public static final int STATUS_PROCESS_IS_TERMINATING = 0xC000010A;
    public static final int STATUS_HANDLE_NOT_CLOSABLE = 0xC0000235;
    public static final int STATUS_NOT_SAME_OBJECT = 0xC00001AC;
    public static final int STATUS_INVALID_PARAMETER_1 = 0xC00000EF;

    /** True for success and informational statuses (severity 0 or 1), as {@code NT_SUCCESS}. */
    public static boolean isSuccess(int status) {
        return status >= 0;
    }

    private static final Map<Integer, String> NAMES = Constants.namesOf(NtStatus.class, "STATUS_");

    /** The status's symbolic name, or its hex value when it has none here. */
    public static String name(int status) {
        String n = NAMES.get(status);
        return n != null ? n : String.format("0x%08X", status);
    }
}
