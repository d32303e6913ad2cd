package io.virtforge.host.sysfs;

/** Paths of network interfaces under {@code /sys/class/net/<interface>}. */
public final class NetInterfacePaths {
    /** {@code /sys/class/net}. */
    public static final SysfsPath NET = SysfsPath.of("sys", "class", "net");

    private NetInterfacePaths() {
    }

    /** {@code /sys/class/net/<interface>}. */
    public static SysfsPath netInterface(NetInterfaceName name) {
        return NET.resolve(name);
    }

    /** The operational state, {@code up}, {@code down}, ... */
    public static SysfsPath operstate(NetInterfaceName name) {
        return netInterface(name).resolve("operstate");
    }

    /** The link to the interface's device (its PCI function); absent for virtual interfaces. */
    public static SysfsPath device(NetInterfaceName name) {
        return netInterface(name).resolve("device");
    }
}
