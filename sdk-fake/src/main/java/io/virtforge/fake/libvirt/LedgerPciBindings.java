package io.virtforge.fake.libvirt;

import io.virtforge.topology.HostTopology;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PciAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PCI bindings kept in memory: each device starts on the driver the topology names; a device given back
 * returns to that driver (or stays unbound when it started on vfio-pci, since no other driver is known to
 * claim it, as the fake kernel does).
 */
final class LedgerPciBindings implements PciBindings {
    private static final String VFIO = "vfio-pci";
    private final Map<PciAddress, String> original = new HashMap<>();
    private final Map<PciAddress, String> current = new HashMap<>();

    LedgerPciBindings(HostTopology host) {
        for (PciDevice d : host.pciDevices()) {
            d.driver().ifPresent(name -> {
                original.put(d.address(), name);
                current.put(d.address(), name);
            });
        }
    }

    @Override
    public Optional<String> driver(PciAddress device) {
        return Optional.ofNullable(current.get(device));
    }

    @Override
    public void bindToVfio(PciAddress device) {
        current.put(device, VFIO);
    }

    @Override
    public void restore(PciAddress device) {
        String host = original.get(device);
        if (host == null || host.equals(VFIO)) {
            current.remove(device);
        } else {
            current.put(device, host);
        }
    }
}
