package io.virtforge.testkit;

import io.virtforge.host.sysfs.CpuPaths;
import io.virtforge.host.sysfs.HugePagePaths;
import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.NodePaths;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a host back from sysfs, the way a host reader would, for checking that a fixture's two views agree.
 * Test code: the real reader is sdk-host's.
 */
final class SysfsTopologyReader {
    private final Sysfs sysfs;

    SysfsTopologyReader(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    private String read(SysfsPath p) {
        return sysfs.readTrimmed(p);
    }

    private static int number(String name, String prefix) {
        return Integer.parseInt(name.substring(prefix.length()));
    }

    HostTopology read() {
        HostTopology.Builder b = HostTopology.builder();
        List<Integer> nodes = new ArrayList<>();
        for (String n : sysfs.list(NodePaths.NODES)) {
            if (n.matches("node\\d+")) {
                nodes.add(number(n, "node"));
            }
        }
        nodes.sort(null);
        for (int node : nodes) {
            String total = read(NodePaths.meminfo(node)).lines().filter(l -> l.contains("MemTotal")).findFirst()
                    .orElseThrow().replaceAll("\\D+", " ").trim().split(" ")[1];
            b.node(node, DataSize.kib(Long.parseLong(total)));
            String[] row = read(NodePaths.distance(node)).split("\\s+");
            for (int i = 0; i < row.length; i++) {
                b.distance(node, nodes.get(i), Integer.parseInt(row[i]));
            }
            SysfsPath pools = NodePaths.node(node).resolve("hugepages");
            for (String pool : sysfs.list(pools)) {
                PageSize size = PageSize.ofKib(Long.parseLong(pool.replaceAll("\\D", "")));
                b.hugePages(node, HugePagePool.of(size, Long.parseLong(read(HugePagePaths.nrHugePages(node, size))),
                        Long.parseLong(read(HugePagePaths.freeHugePages(node, size)))));
            }
        }
        String iso = read(CpuPaths.ISOLATED);
        CpuSet isolated = iso.isEmpty() ? CpuSet.empty() : CpuSet.parse(iso);
        CpuSet online = CpuSet.parse(read(CpuPaths.ONLINE));
        for (String c : sysfs.list(CpuPaths.CPUS)) {
            if (!c.matches("cpu\\d+")) {
                continue;
            }
            int id = number(c, "cpu");
            int node = sysfs.list(CpuPaths.cpu(id)).stream().filter(x -> x.matches("node\\d+"))
                    .mapToInt(x -> number(x, "node")).findFirst().orElseThrow();
            b.cpu(HostCpu.of(id, node).withTopology(Integer.parseInt(read(CpuPaths.physicalPackageId(id))),
                    Integer.parseInt(read(CpuPaths.dieId(id))), Integer.parseInt(read(CpuPaths.coreId(id))),
                    CpuSet.parse(read(CpuPaths.threadSiblingsList(id)))).withOnline(online.contains(id))
                    .withIsolated(isolated.contains(id)));
        }
        for (String d : sysfs.list(PciDevicePaths.DEVICES)) {
            b.pciDevice(device(PciAddress.parse(d)));
        }
        b.iommu(!sysfs.list(IommuPaths.CLASS_IOMMU).isEmpty());
        return b.build();
    }

    private PciDevice device(PciAddress a) {
        PciDevice.Builder d = PciDevice.builder(a).vendorId(Integer.decode(read(PciDevicePaths.vendor(a))))
                .deviceId(Integer.decode(read(PciDevicePaths.deviceId(a))))
                .classCode(Integer.decode(read(PciDevicePaths.deviceClass(a))))
                .numaNode(Integer.parseInt(read(PciDevicePaths.numaNode(a))));
        if (sysfs.exists(PciDevicePaths.iommuGroup(a))) {
            d.iommuGroup(Integer.parseInt(sysfs.readLinkName(PciDevicePaths.iommuGroup(a))));
        }
        if (sysfs.exists(PciDevicePaths.driver(a))) {
            d.driver(sysfs.readLinkName(PciDevicePaths.driver(a)));
        }
        if (sysfs.exists(PciDevicePaths.physfn(a))) {
            d.physfn(PciAddress.parse(sysfs.readLinkName(PciDevicePaths.physfn(a))));
        }
        if (sysfs.exists(PciDevicePaths.sriovTotalVfs(a))) {
            d.sriovTotalVfs(Integer.parseInt(read(PciDevicePaths.sriovTotalVfs(a))));
            List<PciAddress> vfs = new ArrayList<>();
            for (int i = 0; sysfs.exists(PciDevicePaths.virtfn(a, i)); i++) {
                vfs.add(PciAddress.parse(sysfs.readLinkName(PciDevicePaths.virtfn(a, i))));
            }
            d.virtfns(vfs);
        }
        if (sysfs.isDirectory(PciDevicePaths.net(a))) {
            sysfs.list(PciDevicePaths.net(a)).stream().findFirst().ifPresent(d::netdev);
        }
        return d.build();
    }
}
