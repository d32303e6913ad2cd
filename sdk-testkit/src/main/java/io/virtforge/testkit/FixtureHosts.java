package io.virtforge.testkit;

import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.PciDevice;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.List;

/** The topologies of the built-in {@link Fixtures}. */
final class FixtureHosts {
    private static final int ETHERNET = 0x020000;
    private static final int NVME = 0x010802;
    private static final int ISA_BRIDGE = 0x060100;
    private static final int PCI_BRIDGE = 0x060400;
    private static final int GPU_3D = 0x030200;
    private static final int AUDIO = 0x040300;

    private FixtureHosts() {
    }

    private static PciDevice.Builder pci(String address, int vendor, int device, int pciClass, int node, int group,
            String driver) {
        return PciDevice.builder(PciAddress.parse(address)).vendorId(vendor).deviceId(device).classCode(pciClass)
                .numaNode(node).iommuGroup(group).driver(driver);
    }

    private static void pools(HostTopology.Builder b, int nodes, long pages2m, long pages1g) {
        for (int n = 0; n < nodes; n++) {
            b.hugePages(n, HugePagePool.of(PageSize.MIB_2, pages2m, pages2m));
            b.hugePages(n, HugePagePool.of(PageSize.GIB_1, pages1g, pages1g));
        }
    }

    /** 2 sockets x 16 cores x 2 threads, a node per socket, 2 MiB and 1 GiB pages free on both, NICs and NVMe. */
    static HostTopology xeon2s() {
        HostTopology.Builder b = SyntheticHost.of(2, 1, 16, 2, DataSize.gib(96), 8192)
                .cpuModel("Cascadelake-Server", "Intel").cpuFeature("pdpe1gb").cpuFeature("vmx");
        pools(b, 2, 8192, 16);
        b.pciDevice(pci("0000:00:1f.0", 0x8086, 0xa1c1, ISA_BRIDGE, 0, 30, "lpc_ich").build());
        b.pciDevice(pci(Fixtures.XEON_NIC, 0x8086, 0x1572, ETHERNET, 0, 40, "i40e").netdev("ens1f0")
                .names("Ethernet Controller X710 for 10GbE SFP+", "Intel Corporation").build());
        b.pciDevice(pci(Fixtures.XEON_NIC2, 0x8086, 0x1572, ETHERNET, 0, 41, "i40e").netdev("ens1f1")
                .names("Ethernet Controller X710 for 10GbE SFP+", "Intel Corporation").build());
        b.pciDevice(pci("0000:3b:00.0", 0x8086, 0x0a54, NVME, 0, 50, "nvme").build());
        b.pciDevice(pci(Fixtures.XEON_NVME_NODE1, 0x8086, 0x0a54, NVME, 1, 60, "nvme").build());
        b.pciDevice(pci(Fixtures.XEON_NIC_NODE1, 0x8086, 0x1592, ETHERNET, 1, 70, "ice").netdev("ens5f0")
                .names("Ethernet Controller E810-C for QSFP", "Intel Corporation").build());
        return b.build();
    }

    /** 2 sockets x 4 nodes (NPS4) x 8 cores x 2 threads, 2 MiB and 1 GiB pages, a NIC on node 2. */
    static HostTopology epycNps4() {
        HostTopology.Builder b = SyntheticHost.of(2, 4, 8, 2, DataSize.gib(32), 4096).cpuModel("EPYC-Rome", "AMD")
                .cpuFeature("pdpe1gb").cpuFeature("svm");
        pools(b, 8, 4096, 8);
        b.pciDevice(pci("0000:41:00.0", 0x15b3, 0x101b, ETHERNET, 2, 20, "mlx5_core").netdev("enp65s0f0")
                .names("MT28908 Family [ConnectX-6]", "Mellanox Technologies").build());
        b.pciDevice(pci("0000:c1:00.0", 0x144d, 0xa808, NVME, 5, 50, "nvme").build());
        return b.build();
    }

    /**
     * 2 sockets x 12 cores x 2 threads, a node per socket; 4 GPUs, 2 per node; the first shares its IOMMU group
     * with its HDMI audio function and the PCI bridge above it.
     */
    static HostTopology gpuServer() {
        HostTopology.Builder b = SyntheticHost.of(2, 1, 12, 2, DataSize.gib(128), 16384)
                .cpuModel("Icelake-Server", "Intel").cpuFeature("pdpe1gb").cpuFeature("vmx");
        pools(b, 2, 16384, 32);
        b.pciDevice(pci(Fixtures.GPU_BRIDGE, 0x8086, 0x347a, PCI_BRIDGE, 0, 20, "pcieport").build());
        b.pciDevice(pci(Fixtures.GPU0, 0x10de, 0x2236, GPU_3D, 0, 20, "nvidia")
                .names("GA102GL [A10]", "NVIDIA Corporation").build());
        b.pciDevice(pci(Fixtures.GPU0_AUDIO, 0x10de, 0x1aef, AUDIO, 0, 20, "snd_hda_intel")
                .names("GA102 High Definition Audio Controller", "NVIDIA Corporation").build());
        b.pciDevice(pci(Fixtures.GPU1, 0x10de, 0x2236, GPU_3D, 0, 21, "nvidia").build());
        b.pciDevice(pci(Fixtures.GPU2, 0x10de, 0x2236, GPU_3D, 1, 40, "nvidia").build());
        b.pciDevice(pci(Fixtures.GPU3, 0x10de, 0x2236, GPU_3D, 1, 41, "nvidia").build());
        b.pciDevice(pci("0000:4b:00.0", 0x8086, 0x1593, ETHERNET, 0, 30, "ice").netdev("ens2f0").build());
        return b.build();
    }

    /** 2 nodes x 8 cores x 2 threads; an X710 PF on node 1 with 8 of its 32 VFs enabled, each VF its own group. */
    static HostTopology sriovHost() {
        HostTopology.Builder b = SyntheticHost.of(2, 1, 8, 2, DataSize.gib(64), 4096).cpuModel("Skylake-Server", "Intel")
                .cpuFeature("pdpe1gb").cpuFeature("vmx");
        pools(b, 2, 4096, 8);
        b.pciDevice(pci("0000:18:00.0", 0x8086, 0x1521, ETHERNET, 0, 20, "igb").netdev("eno1").build());
        PciAddress pf = PciAddress.parse(Fixtures.SRIOV_PF);
        List<PciAddress> vfs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            PciAddress vf = new PciAddress(0, 0x3b, 2, i);
            vfs.add(vf);
            b.pciDevice(PciDevice.builder(vf).vendorId(0x8086).deviceId(0x154c).classCode(ETHERNET).numaNode(1)
                    .iommuGroup(31 + i).driver("iavf").physfn(pf).build());
        }
        b.pciDevice(pci(Fixtures.SRIOV_PF, 0x8086, 0x1572, ETHERNET, 1, 30, "i40e").netdev("ens3f0")
                .sriovTotalVfs(32).virtfns(vfs).build());
        return b.build();
    }

    /** 1 node, 2 CPUs (no SMT), 8 GiB, 128 free 2 MiB pages and no 1 GiB pool, no IOMMU: like the build machine. */
    static HostTopology tiny() {
        HostTopology.Builder b = HostTopology.builder().arch("x86_64").cpuModel("qemu64", "Intel")
                .pageSize(PageSize.KIB_4).pageSize(PageSize.MIB_2).node(0, DataSize.gib(8)).distance(0, 0, 10)
                .hugePages(0, HugePagePool.of(PageSize.MIB_2, 128, 128)).iommu(false);
        SyntheticHost.of(1, 1, 2, 1, DataSize.gib(8), 0).build().cpus().forEach(b::cpu);
        return b.build();
    }
}
