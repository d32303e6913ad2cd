/**
 * Host discovery: {@link io.virtforge.host.discovery.HostDiscovery} builds a
 * {@link io.virtforge.topology.HostTopology} (NUMA nodes, CPUs, huge page pools, PCI functions, IOMMU groups)
 * and {@link io.virtforge.host.discovery.DiscoveredHost} adds the kernel facts around it. The CPU and node
 * readers live here; the pools and PCI functions are read through {@code io.virtforge.host.hugepages} and
 * {@code io.virtforge.host.pci}. {@link io.virtforge.host.discovery.SyntheticSysfsTree} writes a big server's
 * tree to a directory, for benchmarks and tests of discovery.
 *
 * <p>Depends on {@code sysfs}, {@code hugepages} and {@code pci}; read-only.
 */
package io.virtforge.host.discovery;
