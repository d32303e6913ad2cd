package io.virtforge.host.sysfs;

/**
 * A read, directory listing or {@code readlink} that failed: {@link Errno#ENOENT} for a missing file,
 * {@link Errno#EISDIR} for reading a directory, {@link Errno#ENOTDIR} for listing a file,
 * {@link Errno#EINVAL} for {@code readlink} of something that is not a link, {@link Errno#EACCES} for a
 * write-only attribute, and so on.
 */
public final class SysfsReadException extends SysfsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param operation what was attempted, e.g. "read", "list", "readlink"
     * @param path      the path accessed
     * @param errno     the error number
     * @param cause     the underlying exception, or {@code null}
     */
    public SysfsReadException(String operation, SysfsPath path, Errno errno, Throwable cause) {
        super(operation + " of " + path + " failed: " + errno.describe()
                + detail(errno, cause), path, errno, cause);
    }

    static String detail(Errno errno, Throwable cause) {
        return errno == Errno.OTHER && cause != null ? " [" + cause + "]" : "";
    }
}
