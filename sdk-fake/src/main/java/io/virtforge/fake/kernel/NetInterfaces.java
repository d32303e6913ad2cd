package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.NetInterfacePaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.fake.kernel.fs.FakeDirectory;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Network interfaces: {@code /sys/class/net/<name>} links to the interface folder, under its PCI function
 * ({@code .../<address>/net/<name>}, with a {@code device} link back) or under
 * {@code /sys/devices/virtual/net}. A PCI function's interfaces exist only while it is bound to its own
 * driver: unbinding it (to hand it to vfio-pci) makes them disappear, as the driver unregisters them.
 */
final class NetInterfaces implements BindingListener {
    private static final SysfsPath VIRTUAL = SysfsPath.of("sys", "devices", "virtual", "net");
    private final FakeTree tree;
    private final PciDevices devices;
    private final List<NetInterfaceState> interfaces = new ArrayList<>();

    NetInterfaces(FakeTree tree, PciDevices devices) {
        this.tree = tree;
        this.devices = devices;
        tree.directory(NetInterfacePaths.NET);
    }

    void add(NetInterfaceState netInterface) {
        interfaces.add(netInterface);
        if (netInterface.device() == null) {
            create(netInterface, VIRTUAL.resolve(netInterface.name()));
            return;
        }
        PciDeviceState device = devices.find(netInterface.device()).orElseThrow(
                () -> new IllegalStateException("network interface " + netInterface.name() + " on unknown device "
                        + netInterface.device()));
        if (device.boundDriver != null && device.boundDriver.equals(device.nativeDriver)) {
            create(netInterface, device.dir);
        }
    }

    private void create(NetInterfaceState i, SysfsPath dirOrDevice) {
        SysfsPath dir = i.device() == null ? dirOrDevice : dirOrDevice.resolve("net").resolve(i.name());
        tree.put(dir.resolve("operstate"), FakeFile.readOnly(i.operstate() + "\n"));
        tree.put(dir.resolve("address"), FakeFile.readOnly(i.macAddress() + "\n"));
        tree.put(dir.resolve("mtu"), FakeFile.readWrite("1500\n"));
        if (i.device() != null) {
            tree.link(dir.resolve("device"), dirOrDevice);
        }
        tree.link(NetInterfacePaths.netInterface(i.name()), dir);
    }

    @Override
    public void bound(PciDeviceState device, DriverName driver) {
        if (driver.equals(device.nativeDriver)) {
            interfaces.stream().filter(i -> device.address.equals(i.device())).forEach(i -> create(i, device.dir));
        }
    }

    @Override
    public void unbinding(PciDeviceState device, DriverName driver) {
        for (NetInterfaceState i : interfaces) {
            if (device.address.equals(i.device())) {
                tree.remove(device.dir.resolve("net").resolve(i.name()));
                tree.remove(NetInterfacePaths.netInterface(i.name()));
            }
        }
        SysfsPath net = device.dir.resolve("net");
        if (tree.exists(net) && tree.locate(net, false).node() instanceof FakeDirectory dir && dir.entries().isEmpty()) {
            tree.remove(net); // the kernel drops the emptied class folder too
        }
    }
}
