package io.virtforge.testkit.assertions;

import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostState;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link HostState}: which domains use the host, their pins, pages and devices. */
public final class HostStateAssert extends AbstractAssert<HostStateAssert, HostState> {
    HostStateAssert(HostState actual) {
        super(actual, HostStateAssert.class);
    }

    private List<String> domains() {
        return actual.footprints().stream().map(DomainFootprint::domain).toList();
    }

    /** Exactly these domains use the host, in any order. */
    public HostStateAssert hasDomains(String... names) {
        isNotNull();
        List<String> have = domains();
        if (have.size() != names.length || !have.containsAll(List.of(names))) {
            failWithMessage("Expecting the host to be used by %s but it is used by %s", List.of(names), have);
        }
        return this;
    }

    /** {@code count} pages of a size are free on a node. */
    public HostStateAssert hasFreeHugePages(int node, PageSize size, long count) {
        isNotNull();
        long free = actual.freeHugePages(node, size);
        if (free != count) {
            failWithMessage("Expecting %d free %s pages on node %d but there are %d (domains hold %d)", count, size, node,
                    free, actual.heldHugePages(node, size));
        }
        return this;
    }

    /** A domain pins a vCPU to the host CPU. */
    public HostStateAssert hasCpuPinnedBy(int cpu, String domain) {
        isNotNull();
        List<String> by = actual.vcpuPinnedBy(cpu);
        if (!by.contains(domain)) {
            failWithMessage("Expecting domain '%s' to pin a vCPU to host CPU %d but %s", domain, cpu,
                    by.isEmpty() ? "no domain does" : "only " + by + " do");
        }
        return this;
    }

    /** No domain pins a vCPU to the host CPU. */
    public HostStateAssert hasCpuFree(int cpu) {
        isNotNull();
        List<String> by = actual.vcpuPinnedBy(cpu);
        if (!by.isEmpty()) {
            failWithMessage("Expecting no vCPU pinned to host CPU %d but %s pin one", cpu, by);
        }
        return this;
    }

    /** The device is assigned to the domain. */
    public HostStateAssert hasDeviceAssignedTo(PciAddress device, String domain) {
        isNotNull();
        Optional<String> holder = actual.assignedTo(device);
        if (holder.isEmpty() || !holder.get().equals(domain)) {
            failWithMessage("Expecting PCI device %s to be assigned to '%s' but %s", device, domain,
                    holder.map(h -> "it is assigned to '" + h + "'").orElse("it is not assigned"));
        }
        return this;
    }

    /** No domain holds the device. */
    public HostStateAssert hasDeviceFree(PciAddress device) {
        isNotNull();
        actual.assignedTo(device).ifPresent(h -> failWithMessage(
                "Expecting PCI device %s to be free but it is assigned to '%s'", device, h));
        return this;
    }
}
