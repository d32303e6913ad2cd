package io.virtforge.testkit.contract;

import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;

/** A small host and, written out by hand, what its tree must answer. */
final class ContractFixture {
    private static final String DEV = "/sys/devices/pci0000:3b/0000:3b:00.0";

    private ContractFixture() {
    }

    static FakeSysfs fake() {
        return FakeSysfs.builder()
                .node(0, n -> n.cpus("0-1").memory(DataSize.gib(8)).freeMemory(DataSize.gib(4)))
                .node(1, n -> n.cpus("2-3").memory(DataSize.gib(8)).freeMemory(DataSize.gib(4)))
                .cpu(1, c -> c.core(0))
                .cpu(3, c -> c.core(2))
                .hugePageSizes(PageSize.MIB_2)
                .hugePages(0, PageSize.MIB_2, 4)
                .pciDevice("0000:3b:00.0", d -> d.vendor(0x8086).device(0x1572).numaNode(1).iommuGroup(12).driver("i40e"))
                .pciDriver("vfio-pci")
                .netInterface("enp59s0f0", n -> n.device("0000:3b:00.0").operstate("up"))
                .cmdline("intel_iommu=on iommu=pt")
                .build();
    }

    static SysfsSnapshot expected() {
        return SysfsSnapshot.builder()
                .file("/sys/devices/system/cpu/online", "0-3\n")
                .file("/sys/devices/system/cpu/isolated", "\n")
                .file("/sys/devices/system/cpu/cpu1/topology/thread_siblings_list", "0-1\n")
                .file("/sys/devices/system/cpu/cpu3/topology/core_id", "2\n")
                .file("/sys/devices/system/cpu/cpu2/topology/physical_package_id", "1\n")
                .file("/sys/devices/system/node/online", "0-1\n")
                .file("/sys/devices/system/node/node1/cpulist", "2-3\n")
                .file("/sys/devices/system/node/node0/distance", "10 20\n")
                .file("/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages", "4\n")
                .file("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages", "4\n")
                .file("/sys/bus/pci/devices/0000:3b:00.0/vendor", "0x8086\n")
                .file(DEV + "/class", "0x020000\n")
                .file("/sys/bus/pci/devices/0000:3b:00.0/numa_node", "1\n")
                .file("/sys/bus/pci/devices/0000:3b:00.0/driver_override", "(null)\n")
                .file(DEV + "/uevent", "DRIVER=i40e\nPCI_CLASS=20000\nPCI_ID=8086:1572\nPCI_SLOT_NAME=0000:3b:00.0\n")
                .file("/sys/class/net/enp59s0f0/operstate", "up\n")
                .file("/sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never\n")
                .file("/proc/cmdline", "intel_iommu=on iommu=pt\n")
                .directory("/sys/bus/pci/devices", "0000:3b:00.0")
                .directory("/sys/bus/pci/drivers", "i40e", "vfio-pci")
                .directory("/sys/bus/pci/drivers/i40e", "0000:3b:00.0", "bind", "new_id", "remove_id", "unbind")
                .directory("/sys/kernel/iommu_groups/12/devices", "0000:3b:00.0")
                .directory("/sys/devices/system/node/node1", "cpu2", "cpu3", "cpulist", "distance", "hugepages", "meminfo")
                .directory("/sys/class/net", "enp59s0f0")
                .directory(DEV, "class", "device", "driver", "driver_override", "enable", "iommu_group", "net",
                        "numa_node", "uevent", "vendor")
                .link("/sys/bus/pci/devices/0000:3b:00.0", "../../../devices/pci0000:3b/0000:3b:00.0")
                .link("/sys/bus/pci/devices/0000:3b:00.0/driver", "../../../bus/pci/drivers/i40e")
                .link(DEV + "/iommu_group", "../../../kernel/iommu_groups/12")
                .link("/sys/kernel/iommu_groups/12/devices/0000:3b:00.0", "../../../../devices/pci0000:3b/0000:3b:00.0")
                .link("/sys/bus/pci/drivers/i40e/0000:3b:00.0", "../../../../devices/pci0000:3b/0000:3b:00.0")
                .link("/sys/class/net/enp59s0f0", "../../devices/pci0000:3b/0000:3b:00.0/net/enp59s0f0")
                .link(DEV + "/net/enp59s0f0/device", "../../../0000:3b:00.0")
                .link("/sys/devices/system/node/node1/cpu2", "../../cpu/cpu2")
                .build();
    }
}
