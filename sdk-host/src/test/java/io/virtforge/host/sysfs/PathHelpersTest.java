package io.virtforge.host.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import org.junit.jupiter.api.Test;

class PathHelpersTest {
    private static final PciAddress NIC = PciAddress.parse("0000:3b:00.0");
    private static final DriverName VFIO = DriverName.VFIO_PCI;

    private static void assertPath(SysfsPath path, String expected) {
        assertThat(path).hasToString(expected);
        assertThat(SysfsPath.parse(expected)).isEqualTo(path);
    }

    @Test
    void pciDevicePaths() {
        String d = "/sys/bus/pci/devices/0000:3b:00.0/";
        assertPath(PciDevicePaths.vendor(NIC), d + "vendor");
        assertPath(PciDevicePaths.deviceId(NIC), d + "device");
        assertPath(PciDevicePaths.deviceClass(NIC), d + "class");
        assertPath(PciDevicePaths.numaNode(NIC), d + "numa_node");
        assertPath(PciDevicePaths.driver(NIC), d + "driver");
        assertPath(PciDevicePaths.driverOverride(NIC), d + "driver_override");
        assertPath(PciDevicePaths.iommuGroup(NIC), d + "iommu_group");
        assertPath(PciDevicePaths.physfn(NIC), d + "physfn");
        assertPath(PciDevicePaths.virtfn(NIC, 7), d + "virtfn7");
        assertPath(PciDevicePaths.sriovTotalVfs(NIC), d + "sriov_totalvfs");
        assertPath(PciDevicePaths.sriovNumVfs(NIC), d + "sriov_numvfs");
        assertPath(PciDevicePaths.sriovDriversAutoprobe(NIC), d + "sriov_drivers_autoprobe");
        assertPath(PciDevicePaths.net(NIC), d + "net");
        assertPath(PciDevicePaths.bootVga(NIC), d + "boot_vga");
        assertPath(PciDevicePaths.enable(NIC), d + "enable");
    }

    @Test
    void driverAndIommuPaths() {
        assertPath(PciDriverPaths.bind(VFIO), "/sys/bus/pci/drivers/vfio-pci/bind");
        assertPath(PciDriverPaths.unbind(VFIO), "/sys/bus/pci/drivers/vfio-pci/unbind");
        assertPath(PciDriverPaths.newId(VFIO), "/sys/bus/pci/drivers/vfio-pci/new_id");
        assertPath(PciDriverPaths.removeId(VFIO), "/sys/bus/pci/drivers/vfio-pci/remove_id");
        assertPath(PciDriverPaths.DRIVERS_PROBE, "/sys/bus/pci/drivers_probe");
        assertPath(IommuPaths.groupDevices(12), "/sys/kernel/iommu_groups/12/devices");
        assertPath(IommuPaths.CLASS_IOMMU, "/sys/class/iommu");
        assertPath(IommuPaths.vfioGroup(12), "/dev/vfio/12");
    }

    @Test
    void nodeCpuAndHugePagePaths() {
        assertPath(NodePaths.ONLINE, "/sys/devices/system/node/online");
        assertPath(NodePaths.cpulist(1), "/sys/devices/system/node/node1/cpulist");
        assertPath(NodePaths.meminfo(1), "/sys/devices/system/node/node1/meminfo");
        assertPath(NodePaths.distance(1), "/sys/devices/system/node/node1/distance");
        String node = "/sys/devices/system/node/node1/hugepages/hugepages-2048kB/";
        assertPath(HugePagePaths.nrHugePages(1, PageSize.MIB_2), node + "nr_hugepages");
        assertPath(HugePagePaths.freeHugePages(1, PageSize.MIB_2), node + "free_hugepages");
        assertPath(HugePagePaths.surplusHugePages(1, PageSize.MIB_2), node + "surplus_hugepages");
        assertPath(HugePagePaths.nrHugePages(PageSize.GIB_1), "/sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages");
        assertPath(CpuPaths.ONLINE, "/sys/devices/system/cpu/online");
        assertPath(CpuPaths.ISOLATED, "/sys/devices/system/cpu/isolated");
        String cpu = "/sys/devices/system/cpu/cpu5/";
        assertPath(CpuPaths.physicalPackageId(5), cpu + "topology/physical_package_id");
        assertPath(CpuPaths.dieId(5), cpu + "topology/die_id");
        assertPath(CpuPaths.coreId(5), cpu + "topology/core_id");
        assertPath(CpuPaths.threadSiblingsList(5), cpu + "topology/thread_siblings_list");
        assertPath(CpuPaths.scalingGovernor(5), cpu + "cpufreq/scaling_governor");
    }

    @Test
    void tuningProcBlockAndNetPaths() {
        assertPath(MemoryTuningPaths.THP_ENABLED, "/sys/kernel/mm/transparent_hugepage/enabled");
        assertPath(MemoryTuningPaths.THP_DEFRAG, "/sys/kernel/mm/transparent_hugepage/defrag");
        assertPath(MemoryTuningPaths.KSM_RUN, "/sys/kernel/mm/ksm/run");
        assertPath(MemoryTuningPaths.KSM_PAGES_SHARING, "/sys/kernel/mm/ksm/pages_sharing");
        assertPath(ProcPaths.MEMINFO, "/proc/meminfo");
        assertPath(ProcPaths.MOUNTS, "/proc/mounts");
        assertPath(ProcPaths.CMDLINE, "/proc/cmdline");
        assertPath(BlockDevicePaths.scheduler(BlockDeviceName.of("nvme0n1")), "/sys/block/nvme0n1/queue/scheduler");
        assertPath(BlockDevicePaths.rotational(BlockDeviceName.of("sda")), "/sys/block/sda/queue/rotational");
        assertPath(NetInterfacePaths.operstate(NetInterfaceName.of("eth0")), "/sys/class/net/eth0/operstate");
        assertPath(NetInterfacePaths.device(NetInterfaceName.of("eth0")), "/sys/class/net/eth0/device");
    }
}
