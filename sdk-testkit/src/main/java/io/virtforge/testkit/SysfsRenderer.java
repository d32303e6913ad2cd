package io.virtforge.testkit;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.PciDriverPaths;
import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.NumaNode;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds the {@link FakeSysfs} of a host from its {@link HostTopology}, so a fixture's two views cannot
 * disagree: nodes with memory, CPUs and distances; CPUs with socket, die, core and online state; the huge
 * page pools of every size any node has (pages in use where the pool's free count is below its total);
 * PCI functions with ids, class, node, IOMMU group and bound driver (a device bound to vfio-pci gets no
 * host driver of its own); network interfaces of PCI functions; SR-IOV physical functions whose VFs are
 * enabled through {@code sriov_numvfs} as on a real host (offset and stride read from the topology's VF
 * addresses, the VFs' groups and drivers as the topology gives them). Product names and VF network
 * interfaces are not rendered.
 */
final class SysfsRenderer {
    private SysfsRenderer() {
    }

    static FakeSysfs render(HostTopology host) {
        FakeHostBuilder b = FakeSysfs.builder();
        nodes(host, b);
        for (HostCpu c : host.cpus()) {
            b.cpu(c.id(), s -> s.node(c.node()).socket(c.socket().orElse(c.node())).die(c.die().orElse(0))
                    .core(c.core().orElse(c.id())).online(c.online()));
        }
        if (!host.isolatedCpus().isEmpty()) {
            b.isolatedCpus(host.isolatedCpus().format());
        }
        List<PageSize> sizes = poolSizes(host);
        b.hugePageSizes(sizes.toArray(PageSize[]::new));
        for (NumaNode n : host.nodes()) {
            n.hugePages().values().forEach(p -> b.hugePages(n.id(), p.size(), p.total()));
        }
        b.pciDriver(DriverName.VFIO_PCI.name());
        List<PciDevice> pfs = new ArrayList<>();
        for (PciDevice d : host.pciDevices()) {
            if (d.isVf()) {
                d.driver().filter(x -> !x.equals(DriverName.VFIO_PCI.name())).ifPresent(b::pciDriver);
                continue;
            }
            if (!d.virtfns().isEmpty()) {
                pfs.add(d);
            }
            b.pciDevice(d.address().format(), s -> device(host, d, s));
            d.netdev().ifPresent(net -> b.netInterface(net, i -> i.device(d.address().format())));
        }
        b.iommu(host.iommuEnabled());
        FakeSysfs sysfs = b.build();
        for (NumaNode n : host.nodes()) {
            for (HugePagePool p : n.hugePages().values()) {
                sysfs.setHugePagesInUse(n.id(), p.size(), p.total() - p.free().orElse(p.total()));
            }
        }
        pfs.forEach(pf -> enableVfs(host, sysfs, pf));
        sysfs.writeLog().clear();
        return sysfs;
    }

    private static void nodes(HostTopology host, FakeHostBuilder b) {
        List<Integer> ids = host.nodes().stream().map(NumaNode::id).toList();
        for (NumaNode n : host.nodes()) {
            int[] row = ids.stream().mapToInt(to -> n.distanceTo(to).orElse(-1)).toArray();
            boolean complete = java.util.Arrays.stream(row).allMatch(v -> v >= 0);
            b.node(n.id(), s -> {
                s.memory(n.memory()).cpus(n.cpus());
                if (complete) {
                    s.distances(row);
                }
            });
        }
    }

    private static List<PageSize> poolSizes(HostTopology host) {
        TreeSet<PageSize> sizes = new TreeSet<>();
        host.nodes().forEach(n -> sizes.addAll(n.hugePages().keySet()));
        if (sizes.isEmpty()) {
            host.pageSizes().stream().filter(PageSize::isHuge).forEach(sizes::add);
        }
        if (sizes.isEmpty()) {
            sizes.add(PageSize.MIB_2);
        }
        return List.copyOf(sizes);
    }

    private static void device(HostTopology host, PciDevice d, PciDeviceSpec s) {
        s.vendor(d.vendorId()).device(d.deviceId()).deviceClass(d.classCode()).numaNode(d.numaNode().orElse(-1));
        d.iommuGroup().ifPresent(s::iommuGroup);
        Optional<String> driver = d.driver();
        if (driver.isEmpty()) {
            s.unbound();
        } else if (driver.get().equals(DriverName.VFIO_PCI.name())) {
            s.boundTo(DriverName.VFIO_PCI.name());
        } else {
            s.driver(driver.get());
        }
        if (!d.virtfns().isEmpty() || d.sriovTotalVfs().isPresent()) {
            s.sriov(x -> sriov(host, d, x));
        }
    }

    private static int rid(PciAddress a) {
        return a.bus() << 8 | a.slot() << 3 | a.function();
    }

    private static void sriov(HostTopology host, PciDevice pf, SriovSpec x) {
        List<PciAddress> vfs = pf.virtfns();
        x.totalVfs(pf.sriovTotalVfs().orElse(vfs.size()));
        if (vfs.isEmpty()) {
            return;
        }
        int offset = rid(vfs.get(0)) - rid(pf.address());
        int stride = vfs.size() > 1 ? rid(vfs.get(1)) - rid(vfs.get(0)) : 1;
        for (int i = 0; i < vfs.size(); i++) {
            if (rid(vfs.get(i)) != rid(pf.address()) + offset + i * stride) {
                throw new IllegalArgumentException("the VFs of " + pf.address() + " are not evenly spaced ("
                        + vfs + "); the fake kernel places VFs at offset + i * stride");
            }
        }
        PciDevice first = host.pciDevice(vfs.get(0)).orElseThrow(
                () -> new IllegalArgumentException("VF " + vfs.get(0) + " of " + pf.address() + " is not in the topology"));
        x.offset(offset).stride(stride).vfDevice(first.deviceId());
        String driver = first.driver().filter(d -> !d.equals(DriverName.VFIO_PCI.name())).orElse("iavf");
        x.vfDriver(driver);
        int[] groups = vfs.stream().mapToInt(v -> host.pciDevice(v).flatMap(d -> {
            java.util.OptionalInt g = d.iommuGroup();
            return g.isPresent() ? Optional.of(g.getAsInt()) : Optional.empty();
        }).orElse(-1)).toArray();
        if (java.util.Arrays.stream(groups).allMatch(g -> g >= 0)) {
            x.vfIommuGroups(groups);
        }
    }

    private static void enableVfs(HostTopology host, FakeSysfs sysfs, PciDevice pf) {
        if (pf.driver().isEmpty()) {
            throw new IllegalArgumentException("PF " + pf.address() + " has VFs but no driver; the kernel enables VFs"
                    + " only through a PF driver");
        }
        sysfs.write(PciDevicePaths.sriovNumVfs(pf.address()), Integer.toString(pf.virtfns().size()));
        for (PciAddress vf : pf.virtfns()) {
            PciDevice want = host.pciDevice(vf).orElseThrow();
            Optional<String> now = sysfs.exists(PciDevicePaths.driver(vf))
                    ? Optional.of(sysfs.readLinkName(PciDevicePaths.driver(vf))) : Optional.empty();
            if (!now.equals(want.driver())) {
                now.ifPresent(d -> sysfs.write(PciDriverPaths.unbind(DriverName.of(d)), vf.format()));
                want.driver().ifPresent(d -> {
                    sysfs.write(PciDevicePaths.driverOverride(vf), d);
                    sysfs.write(PciDriverPaths.DRIVERS_PROBE, vf.format());
                });
            }
            if (want.iommuGroup().isPresent() && !sysfs.exists(IommuPaths.groupDevices(want.iommuGroup().getAsInt())
                    .resolve(vf))) {
                throw new IllegalStateException("the fake kernel put VF " + vf + " outside IOMMU group "
                        + want.iommuGroup().getAsInt());
            }
        }
    }
}
