package io.virtforge.host.discovery;

import io.virtforge.host.hugepages.HugetlbfsMount;
import io.virtforge.host.pci.IommuStatus;
import io.virtforge.host.sysfs.KernelCommandLine;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.PageSize;
import java.util.List;
import java.util.Optional;

/**
 * What {@link HostDiscovery} found: the host topology and the kernel facts around it that the topology
 * model does not hold.
 *
 * @param topology            nodes, CPUs, huge page pools, PCI devices and IOMMU groups
 * @param commandLine         the kernel command line
 * @param defaultHugePageSize {@code Hugepagesize} of {@code /proc/meminfo}; empty when not shown
 * @param hugetlbfsMounts     the mounted hugetlbfs file systems
 * @param iommu               whether the IOMMU is on, and what the command line asks of it
 */
public record DiscoveredHost(HostTopology topology, KernelCommandLine commandLine, Optional<PageSize> defaultHugePageSize,
        List<HugetlbfsMount> hugetlbfsMounts, IommuStatus iommu) {
    /** Copies the list. */
    public DiscoveredHost {
        hugetlbfsMounts = List.copyOf(hugetlbfsMounts);
    }

    /** True when some hugetlbfs mount serves pages of this size. */
    public boolean hugetlbfsMounted(PageSize size) {
        return hugetlbfsMounts.stream().anyMatch(m -> m.pageSize().equals(size));
    }
}
