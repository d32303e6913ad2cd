package io.virtforge.fake.host;

import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.fake.kernel.FakeHostBuilder;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;

/**
 * The fake hosts of the host helpers' tests, built with {@link FakeHostBuilder}. Every host with vfio-pci
 * loaded has {@code /dev/vfio/vfio}, as a real one does once the module is in.
 */
final class HostFixtures {
    static final PciAddress NIC = PciAddress.parse("0000:3b:00.0");
    static final PciAddress NIC2 = PciAddress.parse("0000:3b:00.1");
    static final PciAddress GPU = PciAddress.parse("0000:af:00.0");
    static final PciAddress GPU_AUDIO = PciAddress.parse("0000:af:00.1");
    static final PciAddress BRIDGE = PciAddress.parse("0000:ae:00.0");
    static final PciAddress BOOT_VGA = PciAddress.parse("0000:03:00.0");
    static final PciAddress NVME = PciAddress.parse("0000:5e:00.0");
    static final String ROUTES_HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

    private HostFixtures() {
    }

    private static FakeSysfs withVfioNode(FakeSysfs sysfs) {
        sysfs.createFile(IommuPaths.VFIO_CONTAINER, "");
        sysfs.createReadOnlyFile(ProcPaths.NET_ROUTE, ROUTES_HEADER);
        return sysfs;
    }

    /**
     * Two Xeon sockets, one node each, 4 cores x 2 threads per socket (CPU n and n+8 are siblings), 2 MiB and
     * 1 GiB pools, an Intel NIC with its interface up, an NVMe drive and a SATA disk on non-ideal schedulers,
     * THP always, KSM merging, CPUs 4-7 on powersave, an IOMMU without iommu=pt.
     */
    static FakeHostBuilder twoSocketXeon() {
        FakeHostBuilder b = FakeSysfs.builder()
                .node(0, n -> n.cpus("0-3,8-11").memory(DataSize.gib(16)).freeMemory(DataSize.gib(8)).distances(10, 21))
                .node(1, n -> n.cpus("4-7,12-15").memory(DataSize.gib(16)).freeMemory(DataSize.gib(8)).distances(21, 10));
        for (int cpu = 0; cpu < 16; cpu++) {
            int socket = (cpu % 8) / 4;
            int core = cpu % 4;
            String governor = socket == 0 ? "performance" : "powersave";
            b.cpu(cpu, c -> c.socket(socket).core(core).governor(governor));
        }
        return b.hugePages(0, PageSize.MIB_2, 256)
                .pciDevice(NIC.format(), d -> d.vendor(0x8086).device(0x1572).numaNode(0).iommuGroup(12).driver("i40e"))
                .pciDevice(NVME.format(), d -> d.vendor(0x144d).device(0xa808).deviceClass(0x010802).numaNode(1)
                        .iommuGroup(30).driver("nvme"))
                .pciDriver("vfio-pci")
                .netInterface("enp59s0f0", n -> n.device(NIC.format()).operstate("up"))
                .blockDevice("nvme0n1", d -> d.scheduler("[mq-deadline] none"))
                .blockDevice("sda", d -> d.scheduler("mq-deadline [bfq] none").rotational(true))
                .blockDevice("loop0", d -> d.scheduler("[none]"))
                .transparentHugePages("always", "always")
                .ksm(1, 1200)
                .cmdline("BOOT_IMAGE=/vmlinuz root=/dev/sda1 intel_iommu=on");
    }

    static FakeSysfs twoSocketXeonHost() {
        return withVfioNode(twoSocketXeon().build());
    }

    /** An AMD EPYC in NPS4: 2 sockets x 4 NUMA nodes, 4 cores x 2 threads per node (64 CPUs). */
    static FakeSysfs epycFourNodesPerSocket() {
        FakeHostBuilder b = FakeSysfs.builder();
        for (int node = 0; node < 8; node++) {
            int[] row = new int[8];
            for (int other = 0; other < 8; other++) {
                row[other] = other == node ? 10 : other / 4 == node / 4 ? 12 : 32;
            }
            String cpus = (node * 4) + "-" + (node * 4 + 3) + "," + (32 + node * 4) + "-" + (32 + node * 4 + 3);
            b.node(node, n -> n.cpus(cpus).memory(DataSize.gib(32)).distances(row));
        }
        for (int cpu = 0; cpu < 64; cpu++) {
            int core = cpu % 32;
            b.cpu(cpu, c -> c.socket(core / 16).core(core % 16));
        }
        return withVfioNode(b.cpuPower("AuthenticAMD", "acpi_idle", "acpi-cpufreq")
                .cmdline("BOOT_IMAGE=/vmlinuz amd_iommu=on iommu=pt processor.max_cstate=1")
                .transparentHugePages("never", "never").build());
    }

    /**
     * A GPU server: a GPU whose IOMMU group 40 also holds its audio function and the PCI bridge above them,
     * the boot display in group 20, an Intel NIC, vfio-pci loaded.
     */
    static FakeSysfs gpuServer() {
        return withVfioNode(FakeSysfs.builder()
                .node(0, n -> n.cpus("0-7"))
                .pciDevice(BRIDGE.format(), d -> d.vendor(0x8086).device(0x2030).deviceClass(0x060400).numaNode(0)
                        .iommuGroup(40).driver("pcieport"))
                .pciDevice(GPU.format(), d -> d.vendor(0x10de).device(0x1db6).deviceClass(0x030200).numaNode(0)
                        .iommuGroup(40).driver("nouveau").bootVga(false))
                .pciDevice(GPU_AUDIO.format(), d -> d.vendor(0x10de).device(0x10f2).deviceClass(0x040300).numaNode(0)
                        .iommuGroup(40).driver("snd_hda_intel"))
                .pciDevice(BOOT_VGA.format(), d -> d.vendor(0x1a03).device(0x2000).deviceClass(0x030000).numaNode(0)
                        .iommuGroup(20).driver("ast").bootVga(true))
                .pciDevice(NIC.format(), d -> d.vendor(0x8086).device(0x1572).numaNode(0).iommuGroup(12).driver("i40e"))
                .netInterface("enp59s0f0", n -> n.device(NIC.format()).operstate("down"))
                .pciDriver("vfio-pci")
                .cmdline("BOOT_IMAGE=/vmlinuz intel_iommu=on iommu=pt")
                .build());
    }

    static final PciAddress VGPU0 = PciAddress.parse("0000:3b:00.0");
    static final PciAddress VGPU1 = PciAddress.parse("0000:d8:00.0");
    static final String EXISTING_MDEV = "6f2a6c1e-1d5b-4c59-9a0e-2f4e3a8b9c01";

    /**
     * A vGPU server: two sockets, a vGPU-capable GPU on each node (types nvidia-63 with 4 instances and
     * nvidia-64 with 2 on node 0, nvidia-63 with 4 on node 1), one nvidia-63 instance on node 0 already.
     */
    static FakeSysfs vgpuServer() {
        return withVfioNode(FakeSysfs.builder()
                .node(0, n -> n.cpus("0-3"))
                .node(1, n -> n.cpus("4-7"))
                .pciDevice(VGPU0.format(), d -> d.vendor(0x10de).device(0x1bb3).deviceClass(0x030200).numaNode(0)
                        .iommuGroup(30).driver("nvidia").mdev(m -> m.type("nvidia-63", "GRID P4-1Q", 4)
                                .type("nvidia-64", "GRID P4-2Q", 2).instance(EXISTING_MDEV, "nvidia-63")))
                .pciDevice(VGPU1.format(), d -> d.vendor(0x10de).device(0x1bb3).deviceClass(0x030200).numaNode(1)
                        .iommuGroup(31).driver("nvidia").mdev(m -> m.type("nvidia-63", "GRID P4-1Q", 4)))
                .pciDriver("vfio-pci")
                .build());
    }

    /** A host with an SR-IOV NIC: PF {@code 3b:00.0} (8 VFs, iavf) with its interface down, vfio-pci loaded. */
    static FakeSysfs sriovHost() {
        return withVfioNode(FakeSysfs.builder()
                .node(0, n -> n.cpus("0-3"))
                .node(1, n -> n.cpus("4-7"))
                .pciDevice(NIC.format(), d -> d.vendor(0x8086).device(0x1572).numaNode(1).iommuGroup(12).driver("i40e")
                        .sriov(s -> s.totalVfs(8).vfDevice(0x154c).vfDriver("iavf")))
                .pciDevice(NIC2.format(), d -> d.vendor(0x8086).device(0x1572).numaNode(1).iommuGroup(13).driver("i40e"))
                .netInterface("enp59s0f0", n -> n.device(NIC.format()).operstate("down"))
                .pciDriver("vfio-pci")
                .build());
    }

    /** A host without an IOMMU: devices without groups, {@code /sys/class/iommu} empty, vfio-pci loaded. */
    static FakeSysfs withoutIommu() {
        return withVfioNode(FakeSysfs.builder()
                .node(0, n -> n.cpus("0-3"))
                .pciDevice(NIC.format(), d -> d.vendor(0x8086).device(0x1572).numaNode(0).driver("i40e"))
                .pciDriver("vfio-pci")
                .iommu(false)
                .build());
    }
}
