package io.virtforge.host.sysfs;

/** Paths of block devices under {@code /sys/block/<device>}. */
public final class BlockDevicePaths {
    /** {@code /sys/block}. */
    public static final SysfsPath BLOCK = SysfsPath.of("sys", "block");

    private BlockDevicePaths() {
    }

    /** {@code /sys/block/<device>}. */
    public static SysfsPath device(BlockDeviceName device) {
        return BLOCK.resolve(device);
    }

    /** The I/O scheduler, {@code [mq-deadline] kyber bfq none}. */
    public static SysfsPath scheduler(BlockDeviceName device) {
        return device(device).resolve("queue", "scheduler");
    }

    /** {@code 1} for a rotating disk, {@code 0} for flash. */
    public static SysfsPath rotational(BlockDeviceName device) {
        return device(device).resolve("queue", "rotational");
    }
}
