package io.virtforge.host.sysfs;

/**
 * A validated value that can stand as one component of a {@link SysfsPath}: a driver name, a network
 * interface name, a block device name. Implementations check their own rules when constructed.
 */
public interface PathSegment {
    /** The component as it appears in the path; never contains {@code /}, NUL, and is never {@code .} or {@code ..}. */
    String segment();
}
