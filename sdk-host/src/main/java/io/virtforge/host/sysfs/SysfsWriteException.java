package io.virtforge.host.sysfs;

/**
 * A write that the kernel refused. Sysfs treats each write as a command, so the errno says which command
 * failed how: {@link Errno#EBUSY} for a device already bound or SR-IOV VFs already enabled,
 * {@link Errno#ENODEV} for unbinding a device from a driver it is not bound to, {@link Errno#ERANGE} for
 * more VFs than the device supports, {@link Errno#EINVAL} for a value the attribute does not accept, and
 * so on. Carries the value written.
 */
public final class SysfsWriteException extends SysfsException {
    private static final long serialVersionUID = 1L;
    private final String value;

    /**
     * Creates the exception.
     *
     * @param path  the path written
     * @param value the value written
     * @param errno the error number
     * @param cause the underlying exception, or {@code null}
     */
    public SysfsWriteException(SysfsPath path, String value, Errno errno, Throwable cause) {
        super("write of '" + printable(value) + "' to " + path + " failed: " + errno.describe()
                + SysfsReadException.detail(errno, cause), path, errno, cause);
        this.value = value;
    }

    private static String printable(String v) {
        String s = v.replace("\n", "\\n");
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** The value written. */
    public String value() {
        return value;
    }
}
