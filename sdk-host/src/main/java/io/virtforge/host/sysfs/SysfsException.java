package io.virtforge.host.sysfs;

import io.virtforge.VirtforgeException;

/**
 * An access to a sysfs, procfs or device file that the kernel (or the file system standing in for it)
 * refused. Carries the path and the kernel's error number; see {@link SysfsReadException} and
 * {@link SysfsWriteException}.
 */
public class SysfsException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    private final transient SysfsPath path;
    private final Errno errno;

    /**
     * Creates the exception.
     *
     * @param message what was attempted and how it failed
     * @param path    the path accessed
     * @param errno   the error number
     * @param cause   the underlying exception, or {@code null}
     */
    public SysfsException(String message, SysfsPath path, Errno errno, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.errno = errno;
    }

    /** The path accessed. */
    public SysfsPath path() {
        return path;
    }

    /** The kernel's error number. */
    public Errno errno() {
        return errno;
    }
}
