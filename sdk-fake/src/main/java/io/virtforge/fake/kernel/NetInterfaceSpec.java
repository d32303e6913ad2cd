package io.virtforge.fake.kernel;

import io.virtforge.value.PciAddress;

/** How a network interface of a {@link FakeSysfs} host looks. */
public final class NetInterfaceSpec {
    String operstate = "up";
    PciAddress device;
    String macAddress = "52:54:00:00:00:01";

    NetInterfaceSpec() {
    }

    /** {@code operstate} (default up). */
    public NetInterfaceSpec operstate(String state) {
        this.operstate = state;
        return this;
    }

    /** The PCI function the interface belongs to (default: none, a virtual interface). */
    public NetInterfaceSpec device(String pciAddress) {
        this.device = PciAddress.parse(pciAddress);
        return this;
    }

    /** The MAC address shown in {@code address}. */
    public NetInterfaceSpec macAddress(String mac) {
        this.macAddress = mac;
        return this;
    }
}
