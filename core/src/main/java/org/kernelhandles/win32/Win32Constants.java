package org.kernelhandles.win32;

import org.kernelhandles.executive.Dispatcher;
import org.kernelhandles.executive.IoManager;
import org.kernelhandles.executive.KProcess;
import org.kernelhandles.executive.ObjectManager;
import org.kernelhandles.executive.handles.HandleEntry;

/** The kernel32 constants that are neither access rights nor error codes, with their Win32 names. */
public final class Win32Constants {
    private Win32Constants() {}

    public static final int TRUE = 1;
    public static final int FALSE = 0;
    public static final long NULL = 0;
    public static final int INFINITE = 0xFFFFFFFF;
    /** A HANDLE, so 64 bits wide: the value CreateFile returns on failure. */
    public static final long INVALID_HANDLE_VALUE = -1;

    public static final int WAIT_OBJECT_0 = 0x00000000;
    public static final int WAIT_ABANDONED = 0x00000080;
    public static final int WAIT_ABANDONED_0 = 0x00000080;
    public static final int WAIT_TIMEOUT = 0x00000102;
    public static final int WAIT_FAILED = 0xFFFFFFFF;
    public static final int MAXIMUM_WAIT_OBJECTS = Dispatcher.MAXIMUM_WAIT_OBJECTS;
    public static final int STILL_ACTIVE = KProcess.STILL_ACTIVE;

    public static final int DUPLICATE_CLOSE_SOURCE = ObjectManager.DUPLICATE_CLOSE_SOURCE;
    public static final int DUPLICATE_SAME_ACCESS = ObjectManager.DUPLICATE_SAME_ACCESS;
    public static final int DUPLICATE_SAME_ATTRIBUTES = ObjectManager.DUPLICATE_SAME_ATTRIBUTES;
    public static final int HANDLE_FLAG_INHERIT = HandleEntry.INHERIT;
    public static final int HANDLE_FLAG_PROTECT_FROM_CLOSE = HandleEntry.PROTECT_FROM_CLOSE;

    public static final int CREATE_SUSPENDED = 0x00000004;

    public static final int CREATE_NEW = IoManager.CREATE_NEW;
    public static final int CREATE_ALWAYS = IoManager.CREATE_ALWAYS;
    public static final int OPEN_EXISTING = IoManager.OPEN_EXISTING;
    public static final int OPEN_ALWAYS = IoManager.OPEN_ALWAYS;
    public static final int TRUNCATE_EXISTING = IoManager.TRUNCATE_EXISTING;
    public static final int FILE_SHARE_READ = IoManager.FILE_SHARE_READ;
    public static final int FILE_SHARE_WRITE = IoManager.FILE_SHARE_WRITE;
    public static final int FILE_SHARE_DELETE = IoManager.FILE_SHARE_DELETE;
    public static final int FILE_ATTRIBUTE_NORMAL = 0x00000080;
    public static final int FILE_FLAG_DELETE_ON_CLOSE = IoManager.FILE_FLAG_DELETE_ON_CLOSE;
    public static final int FILE_BEGIN = IoManager.FILE_BEGIN;
    public static final int FILE_CURRENT = IoManager.FILE_CURRENT;
    public static final int FILE_END = IoManager.FILE_END;
    public static final int INVALID_SET_FILE_POINTER = 0xFFFFFFFF;
    public static final int IOCTL_ECHO_OBJECT_ID = IoManager.IOCTL_ECHO_OBJECT_ID;
}
