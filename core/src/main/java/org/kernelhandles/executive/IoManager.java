package org.kernelhandles.executive;

import static org.kernelhandles.executive.AccessRights.*;
import static org.kernelhandles.executive.NtStatus.*;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Files and devices (R38, R39): an in-memory file system that starts empty, with folders implied by
 * paths and names compared without regard to case as NTFS does, and two devices, {@code \\.\NUL}
 * and {@code \\.\Echo}. Share modes are enforced both ways the way {@code IoCheckShareAccess} does;
 * delete-on-close marks a file delete-pending when the last handle of the open that asked for it
 * closes, and the file goes when its last open goes.
 */
public final class IoManager {

    /** {@code CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)}: the Echo device's one control code. */
    public static final int IOCTL_ECHO_OBJECT_ID = 0x00222000;

    public static final int CREATE_NEW = 1;
    public static final int CREATE_ALWAYS = 2;
    public static final int OPEN_EXISTING = 3;
    public static final int OPEN_ALWAYS = 4;
    public static final int TRUNCATE_EXISTING = 5;

    public static final int FILE_SHARE_READ = 1;
    public static final int FILE_SHARE_WRITE = 2;
    public static final int FILE_SHARE_DELETE = 4;

    public static final int FILE_FLAG_DELETE_ON_CLOSE = 0x04000000;

    public static final int FILE_BEGIN = 0;
    public static final int FILE_CURRENT = 1;
    public static final int FILE_END = 2;

    private static final int DATA_ACCESS = FILE_READ_DATA | FILE_WRITE_DATA | FILE_APPEND_DATA | DELETE | FILE_EXECUTE;

    private final Kernel kernel;
    private final ObjectType fileType;
    private final Map<String, FileNode> files = new HashMap<>(); // guarded by this
    private final Map<String, Device> devices = new HashMap<>();

    IoManager(Kernel kernel) {
        this.kernel = kernel;
        this.fileType = ObjectType.define("File", FILE_ALL_ACCESS,
                        new GenericMapping(FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS))
                .withCloseProcedure((object, process, left) -> {
                    if (left == 0) {
                        cleanup((FileObject) object);
                    }
                });
        devices.put("\\\\.\\NUL", new NulDevice());
        devices.put("\\\\.\\ECHO", new EchoDevice());
    }

    public ObjectType fileType() {
        return fileType;
    }

    /** The outcome of an open: the handle, and whether the file existed (for ERROR_ALREADY_EXISTS). */
    public record Opened(long handle, boolean existed) {}

    /**
     * Opens or creates {@code path} for {@code process} (NtCreateFile with CreateFile's
     * dispositions). A refused open changes nothing (R38).
     */
    public Opened createFile(KProcess process, String path, int desiredAccess, int shareMode, int disposition,
            int flags, int handleAttributes) {
        if (path == null || path.isEmpty()) {
            throw new NtStatusException(STATUS_OBJECT_NAME_INVALID);
        }
        if (disposition < CREATE_NEW || disposition > TRUNCATE_EXISTING) {
            throw new NtStatusException(STATUS_INVALID_PARAMETER);
        }
        if ((desiredAccess & RESERVED_ACCESS_BITS) != 0) {
            throw new NtStatusException(STATUS_ACCESS_DENIED);
        }
        boolean deleteOnClose = (flags & FILE_FLAG_DELETE_ON_CLOSE) != 0;
        int access = fileType.grantedAccessFor(desiredAccess | (deleteOnClose ? DELETE : 0))
                | SYNCHRONIZE | FILE_READ_ATTRIBUTES;
        if (disposition == TRUNCATE_EXISTING && (access & FILE_WRITE_DATA) == 0) {
            throw new NtStatusException(STATUS_INVALID_PARAMETER);
        }
        Device device = devices.get(path.toUpperCase(Locale.ROOT));
        if (device != null) {
            FileObject fo = new FileObject(kernel, path, null, device, access, shareMode, false);
            return new Opened(kernel.objects().insertNew(process, fo, access, handleAttributes), false);
        }
        if (path.endsWith("\\")) {
            throw new NtStatusException(STATUS_FILE_IS_A_DIRECTORY);
        }
        FileObject fo;
        boolean existed;
        synchronized (this) {
            String key = path.toUpperCase(Locale.ROOT);
            FileNode node = files.get(key);
            existed = node != null;
            if (node != null && node.deletePending) {
                throw new NtStatusException(STATUS_DELETE_PENDING);
            }
            if (node == null && (disposition == OPEN_EXISTING || disposition == TRUNCATE_EXISTING)) {
                throw new NtStatusException(STATUS_OBJECT_NAME_NOT_FOUND);
            }
            if (node != null && disposition == CREATE_NEW) {
                throw new NtStatusException(STATUS_OBJECT_NAME_COLLISION);
            }
            if (node == null) {
                node = new FileNode(path);
                files.put(key, node);
            } else {
                node.checkShareAccess(access, shareMode); // before any truncation: a refusal changes nothing
                if (disposition == CREATE_ALWAYS || disposition == TRUNCATE_EXISTING) {
                    node.truncate();
                }
            }
            fo = new FileObject(kernel, path, node, null, access, shareMode, deleteOnClose);
            node.addOpen(access, shareMode);
        }
        try {
            return new Opened(kernel.objects().insertNew(process, fo, access, handleAttributes), existed);
        } catch (NtStatusException e) {
            // No handle was made (R9: a full table), so no close will ever clean this open up: do it
            // now, as the cleanup after a failed ObInsertObject does, so its share access is not leaked.
            cleanup(fo);
            throw e;
        }
    }

    /** The last handle to a file object closed: release its share access, apply delete-on-close (R38). */
    private void cleanup(FileObject fo) {
        FileNode node = fo.file();
        if (node == null) {
            return;
        }
        synchronized (this) {
            node.removeOpen(fo.openAccess(), fo.shareMode());
            if (fo.deleteOnClose()) {
                node.deletePending = true;
            }
            if (node.deletePending && node.opens == 0) {
                files.remove(node.name.toUpperCase(Locale.ROOT), node);
            }
        }
    }

    /** Whether {@code path} names an existing file (for tests and traces). */
    public synchronized boolean exists(String path) {
        return files.containsKey(path.toUpperCase(Locale.ROOT));
    }

    /** Reads up to {@code count} bytes at the file object's position and advances it. */
    public byte[] read(FileObject fo, int count) {
        if (count < 0) {
            throw new NtStatusException(STATUS_INVALID_PARAMETER);
        }
        if (fo.device() != null) {
            return fo.device().read(count);
        }
        synchronized (fo) {
            byte[] data;
            synchronized (this) {
                data = fo.file().read(fo.position(), count);
            }
            fo.setPosition(fo.position() + data.length);
            return data;
        }
    }

    /** Writes at the position (at the end when the open may only append) and advances it. */
    public int write(FileObject fo, byte[] data) {
        if (fo.device() != null) {
            return fo.device().write(data);
        }
        boolean appendOnly = (fo.openAccess() & FILE_WRITE_DATA) == 0;
        synchronized (fo) {
            long end;
            synchronized (this) {
                long at = appendOnly ? fo.file().length() : fo.position();
                end = fo.file().write(at, data);
            }
            fo.setPosition(end);
            return data.length;
        }
    }

    /** Moves the position; a result below 0 is refused and changes nothing. */
    public long seek(FileObject fo, long distance, int method) {
        synchronized (fo) {
            long base = switch (method) {
                case FILE_BEGIN -> 0;
                case FILE_CURRENT -> fo.position();
                case FILE_END -> fo.device() != null ? 0 : fileLength(fo.file());
                default -> throw new NtStatusException(STATUS_INVALID_PARAMETER);
            };
            long target = base + distance;
            if (target < 0) {
                throw new NtStatusException(STATUS_INVALID_PARAMETER_1);
            }
            fo.setPosition(target);
            return target;
        }
    }

    private synchronized long fileLength(FileNode node) {
        return node.length();
    }

    /** {@code DeviceIoControl}: a control code reaches the device behind the file object (R39). */
    public long deviceControl(FileObject fo, int code, int outSize) {
        if (fo.device() == null) {
            throw new NtStatusException(STATUS_INVALID_DEVICE_REQUEST);
        }
        return fo.device().control(fo, code, outSize);
    }

    /** The access a control code requires, from its {@code CTL_CODE} access field. */
    public static int accessForControlCode(int code) {
        int field = (code >>> 14) & 3;
        return ((field & 1) != 0 ? FILE_READ_DATA : 0) | ((field & 2) != 0 ? FILE_WRITE_DATA : 0);
    }

    // ---------------------------------------------------------------- the file system's nodes

    /** One file: its bytes and the share access of its opens. Guarded by the IoManager. */
    static final class FileNode {
        final String name;
        private byte[] bytes = new byte[0];
        private int length;
        boolean deletePending;
        int opens;
        private int shareCounted, readers, writers, deleters, sharedRead, sharedWrite, sharedDelete;

        FileNode(String name) {
            this.name = name;
        }

        void checkShareAccess(int access, int share) {
            if ((access & DATA_ACCESS) == 0) {
                return; // an open that touches no data is not checked (R38)
            }
            boolean read = (access & (FILE_READ_DATA | FILE_EXECUTE)) != 0;
            boolean write = (access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0;
            boolean delete = (access & DELETE) != 0;
            boolean refused = (read && sharedRead < shareCounted)
                    || (write && sharedWrite < shareCounted)
                    || (delete && sharedDelete < shareCounted)
                    || (readers > 0 && (share & FILE_SHARE_READ) == 0)
                    || (writers > 0 && (share & FILE_SHARE_WRITE) == 0)
                    || (deleters > 0 && (share & FILE_SHARE_DELETE) == 0);
            if (refused) {
                throw new NtStatusException(STATUS_SHARING_VIOLATION);
            }
        }

        void addOpen(int access, int share) {
            opens++;
            shareDelta(access, share, 1);
        }

        void removeOpen(int access, int share) {
            opens--;
            shareDelta(access, share, -1);
        }

        private void shareDelta(int access, int share, int d) {
            if ((access & DATA_ACCESS) == 0) {
                return;
            }
            shareCounted += d;
            if ((access & (FILE_READ_DATA | FILE_EXECUTE)) != 0) {
                readers += d;
            }
            if ((access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0) {
                writers += d;
            }
            if ((access & DELETE) != 0) {
                deleters += d;
            }
            if ((share & FILE_SHARE_READ) != 0) {
                sharedRead += d;
            }
            if ((share & FILE_SHARE_WRITE) != 0) {
                sharedWrite += d;
            }
            if ((share & FILE_SHARE_DELETE) != 0) {
                sharedDelete += d;
            }
        }

        long length() {
            return length;
        }

        void truncate() {
            bytes = new byte[0];
            length = 0;
        }

        byte[] read(long at, int count) {
            if (at >= length) {
                return new byte[0];
            }
            int from = (int) at;
            return Arrays.copyOfRange(bytes, from, (int) Math.min(length, (long) from + count));
        }

        long write(long at, byte[] data) {
            long end = at + data.length;
            if (end > Integer.MAX_VALUE - 8) {
                throw new NtStatusException(STATUS_INSUFFICIENT_RESOURCES);
            }
            if (end > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.max(end, bytes.length * 2L));
            }
            System.arraycopy(data, 0, bytes, (int) at, data.length);
            length = (int) Math.max(length, end);
            return end;
        }
    }

    // ---------------------------------------------------------------- devices

    /** A device behind {@code \\.\NAME}. */
    interface Device {
        byte[] read(int count);

        int write(byte[] data);

        /** Runs a control code and returns its output value. */
        long control(FileObject through, int code, int outSize);
    }

    /** {@code \\.\NUL}: reads return nothing, writes succeed, control codes are refused. */
    private static final class NulDevice implements Device {
        @Override
        public byte[] read(int count) {
            return new byte[0];
        }

        @Override
        public int write(byte[] data) {
            return data.length;
        }

        @Override
        public long control(FileObject through, int code, int outSize) {
            throw new NtStatusException(STATUS_INVALID_DEVICE_REQUEST);
        }
    }

    /**
     * {@code \\.\Echo}: what is written can be read back, and {@link #IOCTL_ECHO_OBJECT_ID} answers
     * with the id of the file object the call came through, so a script can see whose object a
     * stale handle reached (R39).
     */
    private static final class EchoDevice implements Device {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        @Override
        public synchronized byte[] read(int count) {
            byte[] all = pending.toByteArray();
            int n = Math.min(count, all.length);
            pending.reset();
            pending.write(all, n, all.length - n);
            return Arrays.copyOf(all, n);
        }

        @Override
        public synchronized int write(byte[] data) {
            pending.writeBytes(data);
            return data.length;
        }

        @Override
        public long control(FileObject through, int code, int outSize) {
            if (code != IOCTL_ECHO_OBJECT_ID) {
                throw new NtStatusException(STATUS_INVALID_DEVICE_REQUEST);
            }
            if (outSize < Long.BYTES) {
                throw new NtStatusException(STATUS_BUFFER_TOO_SMALL);
            }
            return through.id();
        }
    }
}
