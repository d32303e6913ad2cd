package io.virtforge.fake.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.host.sysfs.SysfsWriteException;
import io.virtforge.value.DataSize;
import io.virtforge.value.PciAddress;

/** Hosts and helpers shared by the fake kernel's tests. */
final class TestHosts {
    static final PciAddress NIC = PciAddress.parse("0000:3b:00.0");
    static final PciAddress NIC2 = PciAddress.parse("0000:3b:00.1");
    static final PciAddress GPU = PciAddress.parse("0000:af:00.0");
    static final PciAddress GPU_AUDIO = PciAddress.parse("0000:af:00.1");
    static final PciAddress LPC = PciAddress.parse("0000:00:1f.0");

    private TestHosts() {
    }

    /** Two nodes; an SR-IOV NIC pair on node 1, a GPU with its audio function in one group, a device without IOMMU group. */
    static FakeHostBuilder twoNodeHost() {
        return FakeSysfs.builder()
                .node(0, n -> n.cpus("0-3").memory(DataSize.gib(8)).freeMemory(DataSize.gib(4)))
                .node(1, n -> n.cpus("4-7").memory(DataSize.gib(8)).freeMemory(DataSize.gib(4)))
                .pciDevice(NIC.format(), d -> d.vendor(0x8086).device(0x1572).numaNode(1).iommuGroup(12).driver("i40e")
                        .sriov(s -> s.totalVfs(4).vfDevice(0x154c).vfDriver("iavf")))
                .pciDevice(NIC2.format(), d -> d.vendor(0x8086).device(0x1572).numaNode(1).iommuGroup(13).driver("i40e"))
                .pciDevice(GPU.format(), d -> d.vendor(0x10de).device(0x1db6).deviceClass(0x030200).numaNode(1)
                        .iommuGroup(40).driver("nouveau").bootVga(false))
                .pciDevice(GPU_AUDIO.format(), d -> d.vendor(0x10de).device(0x10f2).deviceClass(0x040300).numaNode(1)
                        .iommuGroup(40).driver("snd_hda_intel"))
                .pciDevice(LPC.format(), d -> d.vendor(0x8086).device(0xa1c1).deviceClass(0x060100).driver("lpc_ich"))
                .pciDriver("vfio-pci")
                .netInterface("enp59s0f0", n -> n.device(NIC.format()))
                .netInterface("lo", n -> n.operstate("unknown"));
    }

    /** The errno of a write that must fail. */
    static Errno writeFails(FakeSysfs sysfs, SysfsPath path, String value) {
        SysfsWriteException e = catchThrowableOfType(SysfsWriteException.class, () -> sysfs.write(path, value));
        assertThat(e).as("write of '%s' to %s should fail", value, path).isNotNull();
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.value()).isEqualTo(value);
        return e.errno();
    }
}
