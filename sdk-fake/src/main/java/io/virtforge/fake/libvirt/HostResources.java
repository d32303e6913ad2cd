package io.virtforge.fake.libvirt;

import io.virtforge.model.Domain;
import io.virtforge.model.Hostdev;
import io.virtforge.model.NetInterface;
import io.virtforge.model.NumaTune;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.NumaNode;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host side of the fake hypervisor: huge page pools and PCI bindings, what a domain takes when it
 * starts (checked in the order libvirt and QEMU check: host nodes, PCI devices and their binding, then huge
 * pages, IOMMU group viability and CPU pins) and gives back when it stops, and the node calls. Guarded by
 * the connection's lock.
 */
final class HostResources {
    private static final String VFIO = "vfio-pci";
    private final HostTopology base;
    private final PagePools pools;
    private final PciBindings bindings;

    HostResources(HostTopology base, PagePools pools, PciBindings bindings) {
        this.base = base;
        this.pools = pools;
        this.bindings = bindings;
    }

    /** The host as libvirt reports it now: capabilities (pool totals only) and node devices (current drivers). */
    HostTopology topology() {
        HostTopology.Builder b = base.toBuilder();
        for (NumaNode n : base.nodes()) {
            for (PageSize size : n.hugePages().keySet()) {
                b.hugePages(n.id(), HugePagePool.ofTotal(size, pools.total(n.id(), size)));
            }
        }
        for (PciDevice d : base.pciDevices()) {
            b.pciDevice(d.toBuilder().driver(bindings.driver(d.address()).orElse(null)).build());
        }
        return b.build();
    }

    HostTopology base() {
        return base;
    }

    /**
     * Takes what a domain about to start needs, or throws (taking nothing) as libvirt or QEMU would.
     *
     * @param holders   the running domain holding each assigned device
     * @param timestamp QEMU's log timestamp, for its messages
     */
    Allocation acquire(Domain d, int id, Map<PciAddress, String> holders, Supplier<String> timestamp) {
        checkNodes(d);
        DomainFootprint fp = DomainFootprint.of(d, base);
        Allocation a = new Allocation();
        acquireDevices(d, fp, holders, a);
        try {
            planPages(d.name(), fp, a, timestamp);
            checkGroups(fp, timestamp);
            checkPins(d, id);
        } catch (RuntimeException e) {
            a.pages.clear();
            release(a);
            throw e;
        }
        a.pages.forEach((node, bySize) -> bySize.forEach((size, n) -> pools.take(node, size, n)));
        return a;
    }

    /** Gives back what a stopped domain held. */
    void release(Allocation a) {
        a.pages.forEach((node, bySize) -> bySize.forEach((size, n) -> pools.give(node, size, n)));
        a.pages.clear();
        for (PciAddress device : a.managed) {
            bindings.restore(device);
        }
        a.managed.clear();
        a.devices.clear();
    }

    private void checkNodes(Domain d) {
        NumaTune tune = d.numatune().orElse(null);
        if (tune == null) {
            return;
        }
        List<NodeSet> sets = new ArrayList<>();
        tune.memory().flatMap(NumaTune.Memory::nodeset).ifPresent(sets::add);
        tune.memNodes().forEach(m -> m.nodeset().ifPresent(sets::add));
        for (NodeSet s : sets) {
            for (int node : s.toArray()) {
                if (!base.hasNode(node)) {
                    throw FakeErrors.nodeUnavailable(node);
                }
            }
        }
    }

    private void acquireDevices(Domain d, DomainFootprint fp, Map<PciAddress, String> holders, Allocation a) {
        if (!fp.devices().isEmpty() && !base.iommuEnabled()) {
            throw FakeErrors.noPassthrough();
        }
        for (PciAddress device : fp.devices()) {
            if (base.pciDevice(device).isEmpty()) {
                throw FakeErrors.pciMissing(device);
            }
            String holder = holders.get(device);
            if (holder != null && !holder.equals(d.name())) {
                throw FakeErrors.pciInUse(device, holder);
            }
            if (!managed(d, device) && !bindings.driver(device).map(VFIO::equals).orElse(false)) {
                throw FakeErrors.pciNotDetached(device);
            }
        }
        for (PciAddress device : fp.devices()) {
            a.devices.add(device);
            if (managed(d, device) && !bindings.driver(device).map(VFIO::equals).orElse(false)) {
                try {
                    bindings.bindToVfio(device);
                } finally {
                    a.managed.add(device);
                }
            }
        }
    }

    /** libvirt's default for {@code managed} is no. */
    static boolean managed(Domain d, PciAddress device) {
        for (Hostdev h : d.devices().hostdevs()) {
            if (h.sourcePci().map(device::equals).orElse(false)) {
                return h.managed().orElse(false);
            }
        }
        for (NetInterface n : d.devices().interfaces()) {
            if (n.sourcePci().map(device::equals).orElse(false)) {
                return n.managed().orElse(false);
            }
        }
        return false;
    }

    private void planPages(String name, DomainFootprint fp, Allocation a, Supplier<String> timestamp) {
        Map<Integer, Map<PageSize, Long>> left = new HashMap<>();
        for (DomainFootprint.CellUse c : fp.cells()) {
            if (c.pageSize().isEmpty() || c.hugePages() == 0) {
                continue;
            }
            PageSize size = c.pageSize().get();
            if (base.nodes().stream().noneMatch(n -> pools.hasPool(n.id(), size))) {
                throw FakeErrors.noHugetlbfs(name, size);
            }
            long missing = 0;
            for (Map.Entry<Integer, Long> e : c.hugePagesByNode().entrySet()) {
                missing += e.getValue() - take(left, a, e.getKey(), size, e.getValue());
            }
            if (c.hostNodes().isEmpty() || c.hostNodes().get().isEmpty()) {
                missing = c.hugePages();
            } else if (c.strict() && missing > 0) {
                throw FakeErrors.hugePagesExhausted(name, "guest cell " + c.cell() + " needs " + c.hugePages() + " "
                        + size + " pages on host nodes " + c.hostNodes().get().format() + ", " + missing
                        + " short (strict)", timestamp.get());
            }
            for (NumaNode n : base.nodes()) {
                missing -= take(left, a, n.id(), size, missing);
            }
            if (missing > 0) {
                throw FakeErrors.hugePagesExhausted(name, "guest cell " + c.cell() + " needs " + c.hugePages() + " "
                        + size + " pages, " + missing + " short", timestamp.get());
            }
        }
    }

    private long take(Map<Integer, Map<PageSize, Long>> left, Allocation a, int node, PageSize size, long wanted) {
        if (wanted <= 0 || !pools.hasPool(node, size)) {
            return 0;
        }
        Map<PageSize, Long> bySize = left.computeIfAbsent(node, k -> new HashMap<>());
        long free = bySize.computeIfAbsent(size, s -> pools.free(node, s));
        long got = Math.min(free, wanted);
        bySize.put(size, free - got);
        a.addPages(node, size, got);
        return got;
    }

    private void checkGroups(DomainFootprint fp, Supplier<String> timestamp) {
        for (PciAddress device : fp.devices()) {
            PciDevice dev = base.pciDevice(device).orElseThrow();
            if (dev.iommuGroup().isEmpty()) {
                continue;
            }
            int group = dev.iommuGroup().getAsInt();
            for (PciAddress member : base.iommuGroup(group).map(g -> g.devices()).orElse(List.of())) {
                boolean bridge = base.pciDevice(member).map(PciDevice::isBridge).orElse(false);
                Optional<String> driver = bindings.driver(member);
                if (!bridge && driver.isPresent() && !driver.get().equals(VFIO)) {
                    throw FakeErrors.groupNotViable(device, group, timestamp.get());
                }
            }
        }
    }

    /**
     * Every thread's CPUs, in QEMU's order (the emulator's cgroup first, then each vCPU's, then each I/O
     * thread's); a thread without a pin of its own gets the {@code <vcpu cpuset>} (transcript-issue19.txt: a
     * cpuset of CPU 63 fails on the emulator's cgroup).
     */
    private void checkPins(Domain d, int id) {
        Optional<io.virtforge.value.CpuSet> cpuset = d.vcpu().flatMap(v -> v.cpuset());
        Optional<io.virtforge.model.CpuTune> tune = d.cputune();
        tune.flatMap(t -> t.emulatorPin()).or(() -> cpuset).ifPresent(s -> checkCpus(d, id, "emulator", s));
        for (int v = 0; v < d.vcpuCount(); v++) {
            int vcpu = v;
            tune.flatMap(t -> t.vcpuPin(vcpu)).map(p -> p.cpuset()).or(() -> cpuset)
                    .ifPresent(s -> checkCpus(d, id, "vcpu" + vcpu, s));
        }
        tune.ifPresent(t -> t.iothreadPins().forEach(p -> checkCpus(d, id, "iothread" + p.iothread(), p.cpuset())));
    }

    void checkCpus(Domain d, int id, String thread, io.virtforge.value.CpuSet cpus) {
        if (!base.allCpus().containsAll(cpus)) {
            throw FakeErrors.cpusUnavailable(d.name(), id, thread, cpus.format());
        }
    }

    // ---- node calls

    private void checkPool(int node, PageSize size) {
        if (!base.hasNode(node)) {
            throw FakeErrors.noNode(node, base.nodes().isEmpty() ? 0 : base.nodes().get(base.nodes().size() - 1).id());
        }
        if (!pools.hasPool(node, size)) {
            throw FakeErrors.noPageSize(node, size);
        }
    }

    long freePages(int node, PageSize size) {
        checkPool(node, size);
        return pools.free(node, size);
    }

    long setPagePool(int node, PageSize size, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative page count " + count);
        }
        checkPool(node, size);
        return pools.setTotal(node, size, count);
    }

    void setFreeMemory(int node, io.virtforge.value.DataSize free) {
        pools.setFreeMemory(node, free);
    }

    /** {@code virNodeDeviceDetachFlags}: checks the device exists and is not assigned, then binds it to vfio-pci. */
    void detach(PciAddress device, Map<PciAddress, String> holders) {
        checkFree(device, holders);
        bindings.bindToVfio(device);
    }

    /** {@code virNodeDeviceReAttach}: checks the device exists and is not assigned, then gives it back. */
    void reattach(PciAddress device, Map<PciAddress, String> holders) {
        checkFree(device, holders);
        bindings.restore(device);
    }

    private void checkFree(PciAddress device, Map<PciAddress, String> holders) {
        if (base.pciDevice(device).isEmpty()) {
            throw FakeErrors.noNodeDevice(device);
        }
        String holder = holders.get(device);
        if (holder != null) {
            throw FakeErrors.pciInUse(device, holder);
        }
    }

    /** Gives back one device of a running domain (live detach). */
    void releaseDevice(Allocation a, PciAddress device) {
        if (a.managed.remove(device)) {
            bindings.restore(device);
        }
        a.devices.remove(device);
    }

    /** Takes one device for a live attach (same checks as at start). */
    Allocation acquireDevice(Domain d, PciAddress device, Map<PciAddress, String> holders, Supplier<String> timestamp) {
        Allocation a = new Allocation();
        if (!base.iommuEnabled()) {
            throw FakeErrors.noPassthrough();
        }
        if (base.pciDevice(device).isEmpty()) {
            throw FakeErrors.pciMissing(device);
        }
        String holder = holders.get(device);
        if (holder != null && !holder.equals(d.name())) {
            throw FakeErrors.pciInUse(device, holder);
        }
        boolean isManaged = managed(d, device);
        boolean onVfio = bindings.driver(device).map(VFIO::equals).orElse(false);
        if (!isManaged && !onVfio) {
            throw FakeErrors.pciNotDetached(device);
        }
        a.devices.add(device);
        if (isManaged && !onVfio) {
            bindings.bindToVfio(device);
            a.managed.add(device);
        }
        return a;
    }
}
