package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.NetInterfaceName;
import io.virtforge.value.PciAddress;

/** A network interface of the fake host; {@code device} is {@code null} for a virtual one. */
record NetInterfaceState(NetInterfaceName name, PciAddress device, String operstate, String macAddress) {
}
