package org.kernelhandles.win32;

import java.util.Map;
import org.kernelhandles.executive.Constants;

/** Win32 error codes, as {@code GetLastError()} returns them. */
public final class Win32Error {
    private Win32Error() {}

    public static final int ERROR_SUCCESS = 0;
    public static final int ERROR_INVALID_FUNCTION = 1;
    public static final int ERROR_FILE_NOT_FOUND = 2;
    public static final int ERROR_PATH_NOT_FOUND = 3;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_INVALID_HANDLE = 6;
    public static final int ERROR_NOT_ENOUGH_MEMORY = 8;
    public static final int ERROR_GEN_FAILURE = 31;
    public static final int ERROR_SHARING_VIOLATION = 32;
    public static final int ERROR_HANDLE_EOF = 38;
    public static final int ERROR_NOT_SUPPORTED = 50;
    public static final int ERROR_FILE_EXISTS = 80;
    public static final int ERROR_INVALID_PARAMETER = 87;
    public static final int ERROR_CALL_NOT_IMPLEMENTED = 120;
    public static final int ERROR_INSUFFICIENT_BUFFER = 122;
    public static final int ERROR_INVALID_NAME = 123;
    public static final int ERROR_NEGATIVE_SEEK = 131;
    public static final int ERROR_ALREADY_EXISTS = 183;
    public static final int ERROR_MORE_DATA = 234;
    public static final int ERROR_MR_MID_NOT_FOUND = 317;
    public static final int ERROR_NOT_OWNER = 288;
    public static final int ERROR_TOO_MANY_POSTS = 298;
    public static final int ERROR_NO_SYSTEM_RESOURCES = 1450;
    public static final int ERROR_TIMEOUT = 1460;
    public static final int ERROR_NOT_SAME_OBJECT = 1656;

    private static final Map<Integer, String> NAMES = Constants.namesOf(Win32Error.class, "ERROR_");

    /** The code's symbolic name, or its decimal value when it has none here. */
    public static String name(int error) {
        String n = NAMES.get(error);
        return n != null ? n : Integer.toUnsignedString(error);
    }
}
