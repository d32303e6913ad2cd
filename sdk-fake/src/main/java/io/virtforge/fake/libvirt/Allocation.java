package io.virtforge.fake.libvirt;

import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What a running domain holds on the host: huge pages per node and size, PCI devices, and which of them libvirt bound to vfio-pci for it. */
final class Allocation {
    final Map<Integer, Map<PageSize, Long>> pages = new TreeMap<>();
    final Set<PciAddress> devices = new LinkedHashSet<>();
    final Set<PciAddress> managed = new LinkedHashSet<>();

    void addPages(int node, PageSize size, long count) {
        if (count > 0) {
            pages.computeIfAbsent(node, k -> new TreeMap<>()).merge(size, count, Long::sum);
        }
    }

    long pages(int node, PageSize size) {
        return pages.getOrDefault(node, Map.of()).getOrDefault(size, 0L);
    }
}
