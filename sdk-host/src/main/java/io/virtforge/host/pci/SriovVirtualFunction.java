package io.virtforge.host.pci;

import io.virtforge.value.PciAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An SR-IOV virtual function.
 *
 * @param address          the function
 * @param physicalFunction its PF ({@code physfn})
 * @param index            its number at the PF ({@code virtfnN})
 * @param numaNode         its NUMA node, when known (the PF's)
 * @param driver           its driver, when bound
 */
public record SriovVirtualFunction(PciAddress address, PciAddress physicalFunction, int index, OptionalInt numaNode,
        Optional<String> driver) {
}
