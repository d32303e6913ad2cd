package io.virtforge.host.sysfs;

import java.util.List;
import java.util.Optional;

/**
 * Access to the kernel's virtual files: sysfs, procfs and device nodes, by {@link SysfsPath}. The one
 * door through which Virtforge's host helpers touch the host, so that every helper runs against the real
 * {@code /} ({@link RealSysfs}), a captured tree in a directory, or an in-memory fake kernel.
 *
 * <p>Paths follow symbolic links, as the kernel does, except for the link itself in
 * {@link #readLink(SysfsPath)}. Failures are {@link SysfsReadException} and {@link SysfsWriteException},
 * each with the kernel's {@link Errno}.
 */
public interface Sysfs {
    /**
     * The whole content of a file, as text (UTF-8), with its trailing newline.
     *
     * @throws SysfsReadException {@link Errno#ENOENT} when missing, {@link Errno#EISDIR} for a directory,
     *                            {@link Errno#EACCES} for a write-only attribute
     */
    String read(SysfsPath path);

    /** The content of a file without leading and trailing white space (sysfs values end with a newline). */
    default String readTrimmed(SysfsPath path) {
        return read(path).strip();
    }

    /** The trimmed content of a file, or empty when the file does not exist ({@link Errno#ENOENT}). */
    default Optional<String> readTrimmedIfExists(SysfsPath path) {
        try {
            return Optional.of(readTrimmed(path));
        } catch (SysfsReadException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Writes a value with exactly one {@code write()} call: the kernel treats each write to an attribute as
     * one command, so the value is never split, appended to, or given a newline it did not have.
     *
     * @throws SysfsWriteException with the kernel's errno; {@link Errno#ENOENT} when the file does not
     *                             exist (files are never created)
     */
    void write(SysfsPath path, String value);

    /**
     * The names of a directory's entries, sorted.
     *
     * @throws SysfsReadException {@link Errno#ENOENT} when missing, {@link Errno#ENOTDIR} for a file
     */
    List<String> list(SysfsPath directory);

    /**
     * The target of a symbolic link, as stored: usually relative, e.g.
     * {@code ../../../bus/pci/drivers/vfio-pci}.
     *
     * @throws SysfsReadException {@link Errno#ENOENT} when missing, {@link Errno#EINVAL} when not a link
     */
    String readLink(SysfsPath link);

    /**
     * The last component of a link's target: the driver name of a {@code driver} link, the group number of
     * an {@code iommu_group} link, the address of a {@code physfn} link.
     */
    default String readLinkName(SysfsPath link) {
        String target = readLink(link);
        int end = target.length();
        while (end > 1 && target.charAt(end - 1) == '/') {
            end--;
        }
        return target.substring(target.lastIndexOf('/', end - 1) + 1, end);
    }

    /** True when the path exists, following links (a dangling link does not exist). */
    boolean exists(SysfsPath path);

    /** True when the path is a directory, following links. */
    boolean isDirectory(SysfsPath path);

    /**
     * True when this process may open the path for reading and writing, as a device node such as
     * {@code /dev/kvm} needs; by default, when it exists.
     */
    default boolean readWritable(SysfsPath path) {
        return exists(path);
    }
}
