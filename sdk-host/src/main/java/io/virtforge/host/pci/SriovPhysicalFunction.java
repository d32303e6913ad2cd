package io.virtforge.host.pci;

import io.virtforge.value.PciAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An SR-IOV physical function.
 *
 * @param address   the function
 * @param totalVfs  the most VFs it supports ({@code sriov_totalvfs})
 * @param numVfs    the VFs enabled ({@code sriov_numvfs})
 * @param vfs       the enabled VFs, by index ({@code virtfnN})
 * @param numaNode  its NUMA node, when known
 * @param driver    its driver; VFs can only be enabled while it has one
 * @param autoprobe whether new VFs are probed by host drivers ({@code sriov_drivers_autoprobe}), when shown
 */
public record SriovPhysicalFunction(PciAddress address, int totalVfs, int numVfs, List<SriovVirtualFunction> vfs,
        OptionalInt numaNode, Optional<String> driver, Optional<Boolean> autoprobe) {
    /** Copies the list. */
    public SriovPhysicalFunction {
        vfs = List.copyOf(vfs);
    }
}
