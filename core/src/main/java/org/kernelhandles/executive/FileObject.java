package org.kernelhandles.executive;

/**
 * A file object: one open of a file or a device (R38). Each {@code CreateFile} makes a new one;
 * duplicates of a handle share it, and with it the current position (R26).
 */
public final class FileObject extends KernelObject {
    private final IoManager.FileNode file;       // null for a device
    private final IoManager.Device device;       // null for a file
    private final int grantedAccess;
    private final int shareMode;
    private final boolean deleteOnClose;
    private final String path;
    private long position; // guarded by this

    FileObject(Kernel kernel, String path, IoManager.FileNode file, IoManager.Device device, int grantedAccess,
            int shareMode, boolean deleteOnClose) {
        super(kernel, kernel.io().fileType());
        this.path = path;
        this.file = file;
        this.device = device;
        this.grantedAccess = grantedAccess;
        this.shareMode = shareMode;
        this.deleteOnClose = deleteOnClose;
    }

    /** The path it was opened with. */
    public String path() {
        return path;
    }

    public boolean isDevice() {
        return device != null;
    }

    IoManager.FileNode file() {
        return file;
    }

    IoManager.Device device() {
        return device;
    }

    /** The access this open asked for, which share modes are checked against (R38). */
    int openAccess() {
        return grantedAccess;
    }

    int shareMode() {
        return shareMode;
    }

    boolean deleteOnClose() {
        return deleteOnClose;
    }

    public synchronized long position() {
        return position;
    }

    synchronized void setPosition(long position) {
        this.position = position;
    }

    @Override
    public String describe() {
        return "File#" + id() + " \"" + path + "\"";
    }
}
