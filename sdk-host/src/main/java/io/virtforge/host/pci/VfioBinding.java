package io.virtforge.host.pci;

import io.virtforge.value.PciAddress;
import java.util.List;

/**
 * The devices a {@link VfioBinder} moved to vfio-pci, each with the binding it had before, so that
 * {@link VfioBinder#release(VfioBinding)} can give it back. Devices already on vfio-pci were not moved and
 * are not listed.
 *
 * @param previous the bindings before the move, in the order the devices were moved
 */
public record VfioBinding(List<DriverBinding> previous) {
    /** Copies the list. */
    public VfioBinding {
        previous = List.copyOf(previous);
    }

    /** The devices moved. */
    public List<PciAddress> devices() {
        return previous.stream().map(DriverBinding::device).toList();
    }
}
