package io.virtforge.fake.libvirt;

import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.value.PciAddress;
import java.util.Optional;

/**
 * Which host driver each PCI function is bound to, and libvirt's two moves: detach a device to vfio-pci for
 * assignment, and give it back to its host driver. Kept by the connection ({@link LedgerPciBindings}) or
 * done through a paired {@link FakeSysfs} ({@link SysfsPciBindings}).
 */
interface PciBindings {
    /** The bound driver; empty when unbound. */
    Optional<String> driver(PciAddress device);

    /** Binds the device to vfio-pci, as {@code virPCIDeviceBindToStub}; nothing when it is already. */
    void bindToVfio(PciAddress device);

    /** Unbinds the device from vfio-pci and lets the kernel probe its own driver, as {@code virPCIDeviceUnbindFromStub}. */
    void restore(PciAddress device);
}
