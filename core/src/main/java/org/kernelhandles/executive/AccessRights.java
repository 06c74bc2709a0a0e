package org.kernelhandles.executive;

/** Access-right bits, with their Win32 names, for every object type the model has. */
public final class AccessRights {
    private AccessRights() {}

    // Standard rights.
    public static final int DELETE = 0x00010000;
    public static final int READ_CONTROL = 0x00020000;
    public static final int WRITE_DAC = 0x00040000;
    public static final int WRITE_OWNER = 0x00080000;
    public static final int SYNCHRONIZE = 0x00100000;
    public static final int STANDARD_RIGHTS_REQUIRED = 0x000F0000;
    public static final int STANDARD_RIGHTS_READ = READ_CONTROL;
    public static final int STANDARD_RIGHTS_WRITE = READ_CONTROL;
    public static final int STANDARD_RIGHTS_EXECUTE = READ_CONTROL;
    public static final int STANDARD_RIGHTS_ALL = 0x001F0000;
    public static final int SPECIFIC_RIGHTS_ALL = 0x0000FFFF;
    public static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
    public static final int MAXIMUM_ALLOWED = 0x02000000;
    public static final int GENERIC_ALL = 0x10000000;
    public static final int GENERIC_EXECUTE = 0x20000000;
    public static final int GENERIC_WRITE = 0x40000000;
    public static final int GENERIC_READ = 0x80000000;
    /** Bits no access mask may ask for; a duplicate asking for them is refused (R23). */
    public static final int RESERVED_ACCESS_BITS = 0x0CE00000;

    // Events.
    public static final int EVENT_QUERY_STATE = 0x0001;
    public static final int EVENT_MODIFY_STATE = 0x0002;
    public static final int EVENT_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3;

    // Mutexes (mutants). MUTEX_MODIFY_STATE is reserved: ReleaseMutex checks ownership only (R32).
    public static final int MUTANT_QUERY_STATE = 0x0001;
    public static final int MUTEX_MODIFY_STATE = 0x0001;
    public static final int MUTEX_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1;
    public static final int MUTANT_ALL_ACCESS = MUTEX_ALL_ACCESS;

    // Semaphores.
    public static final int SEMAPHORE_QUERY_STATE = 0x0001;
    public static final int SEMAPHORE_MODIFY_STATE = 0x0002;
    public static final int SEMAPHORE_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3;

    // Processes.
    public static final int PROCESS_TERMINATE = 0x0001;
    public static final int PROCESS_CREATE_THREAD = 0x0002;
    public static final int PROCESS_SET_SESSIONID = 0x0004;
    public static final int PROCESS_VM_OPERATION = 0x0008;
    public static final int PROCESS_VM_READ = 0x0010;
    public static final int PROCESS_VM_WRITE = 0x0020;
    public static final int PROCESS_DUP_HANDLE = 0x0040;
    public static final int PROCESS_CREATE_PROCESS = 0x0080;
    public static final int PROCESS_SET_QUOTA = 0x0100;
    public static final int PROCESS_SET_INFORMATION = 0x0200;
    public static final int PROCESS_QUERY_INFORMATION = 0x0400;
    public static final int PROCESS_SUSPEND_RESUME = 0x0800;
    public static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    public static final int PROCESS_SET_LIMITED_INFORMATION = 0x2000;
    public static final int PROCESS_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFF;

    // Threads.
    public static final int THREAD_TERMINATE = 0x0001;
    public static final int THREAD_SUSPEND_RESUME = 0x0002;
    public static final int THREAD_GET_CONTEXT = 0x0008;
    public static final int THREAD_SET_CONTEXT = 0x0010;
    public static final int THREAD_SET_INFORMATION = 0x0020;
    public static final int THREAD_QUERY_INFORMATION = 0x0040;
    public static final int THREAD_SET_THREAD_TOKEN = 0x0080;
    public static final int THREAD_IMPERSONATE = 0x0100;
    public static final int THREAD_DIRECT_IMPERSONATION = 0x0200;
    public static final int THREAD_SET_LIMITED_INFORMATION = 0x0400;
    public static final int THREAD_QUERY_LIMITED_INFORMATION = 0x0800;
    public static final int THREAD_RESUME = 0x1000;
    public static final int THREAD_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFF;

    // Files and devices.
    public static final int FILE_READ_DATA = 0x0001;
    public static final int FILE_LIST_DIRECTORY = 0x0001;
    public static final int FILE_WRITE_DATA = 0x0002;
    public static final int FILE_ADD_FILE = 0x0002;
    public static final int FILE_APPEND_DATA = 0x0004;
    public static final int FILE_READ_EA = 0x0008;
    public static final int FILE_WRITE_EA = 0x0010;
    public static final int FILE_EXECUTE = 0x0020;
    public static final int FILE_READ_ATTRIBUTES = 0x0080;
    public static final int FILE_WRITE_ATTRIBUTES = 0x0100;
    public static final int FILE_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1FF;
    public static final int FILE_GENERIC_READ =
            STANDARD_RIGHTS_READ | FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | SYNCHRONIZE;
    public static final int FILE_GENERIC_WRITE = STANDARD_RIGHTS_WRITE | FILE_WRITE_DATA
            | FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA | FILE_APPEND_DATA | SYNCHRONIZE;
    public static final int FILE_GENERIC_EXECUTE =
            STANDARD_RIGHTS_EXECUTE | FILE_READ_ATTRIBUTES | FILE_EXECUTE | SYNCHRONIZE;

    /** True when {@code granted} has every bit of {@code needed}. */
    public static boolean hasAll(int granted, int needed) {
        return (granted & needed) == needed;
    }
}
