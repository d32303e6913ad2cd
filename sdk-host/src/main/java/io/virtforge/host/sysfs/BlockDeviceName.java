package io.virtforge.host.sysfs;

import java.util.regex.Pattern;

/**
 * A block device name as it appears under {@code /sys/block}, e.g. {@code sda}, {@code nvme0n1},
 * {@code dm-0}, {@code cciss!c0d0} (sysfs writes a {@code /} of the kernel name as {@code !}): 1 to 31
 * characters ({@code DISK_NAME_LEN} - 1) of {@code [A-Za-z0-9_.:!+-]}, not {@code .} or {@code ..}.
 *
 * @param name the device name
 */
public record BlockDeviceName(String name) implements PathSegment {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:!+-]{1,31}");

    /** Checks the name. */
    public BlockDeviceName {
        if (name == null || !VALID.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new InvalidSysfsPathException(name,
                    "a block device name is 1 to 31 characters of [A-Za-z0-9_.:!+-], not '.' or '..'");
        }
    }

    /** The device of the given name. */
    public static BlockDeviceName of(String name) {
        return new BlockDeviceName(name);
    }

    @Override
    public String segment() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
