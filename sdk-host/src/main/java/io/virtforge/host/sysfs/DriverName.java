package io.virtforge.host.sysfs;

import java.util.regex.Pattern;

/**
 * The name of a kernel driver as it appears under {@code /sys/bus/pci/drivers}, e.g. {@code vfio-pci},
 * {@code ixgbe}, {@code mlx5_core}: 1 to 64 characters of {@code [A-Za-z0-9_-]}.
 *
 * @param name the driver name
 */
public record DriverName(String name) implements PathSegment {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The VFIO PCI driver, the one device assignment binds devices to. */
    public static final DriverName VFIO_PCI = new DriverName("vfio-pci");

    /** Checks the name. */
    public DriverName {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new InvalidSysfsPathException(name, "a driver name is 1 to 64 characters of [A-Za-z0-9_-]");
        }
    }

    /** The driver of the given name. */
    public static DriverName of(String name) {
        return new DriverName(name);
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
