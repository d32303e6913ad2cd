package io.virtforge.check;

import static io.virtforge.check.RuleFixtures.check;
import static io.virtforge.check.RuleFixtures.domain;
import static io.virtforge.check.RuleFixtures.named;
import static io.virtforge.check.RuleFixtures.pins;
import static io.virtforge.check.RuleFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.PciDevice;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.DataSize;
import io.virtforge.value.PciAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host rules on passthrough devices. */
class DeviceRulesTest {
    static final PciAddress BRIDGE = PciAddress.parse("0000:ae:00.0");
    static final PciAddress GPU = PciAddress.parse("0000:af:00.0");
    static final PciAddress AUDIO = PciAddress.parse("0000:af:00.1");
    static final PciAddress NVME = PciAddress.parse("0000:5e:00.0");
    static final PciAddress PF = PciAddress.parse("0000:3b:00.0");
    static final PciAddress VF0 = PciAddress.parse("0000:3b:02.0");
    static final PciAddress VF1 = PciAddress.parse("0000:3b:02.1");
    static final PciAddress STRAY_VF = PciAddress.parse("0000:3b:02.7");
    static final PciAddress ORPHAN_VF = PciAddress.parse("0000:3c:02.0");

    /**
     * The 2-node host with: a GPU on node 1 sharing IOMMU group 70 with its audio function (bound to
     * snd_hda_intel) and a PCIe bridge; an NVMe drive alone in group 40 on node 0; an SR-IOV PF on node 0 with
     * VFs 3b:02.0 and 3b:02.1 listed, and a VF 3b:02.7 that claims the PF but is not listed; a VF whose PF
     * the host does not describe.
     */
    static HostTopology host() {
        return SyntheticHost.of(2, 1, 16, 2, DataSize.gib(64), 1024)
                .pciDevice(PciDevice.builder(BRIDGE).classCode(0x060400).driver("pcieport").iommuGroup(70).numaNode(1)
                        .build())
                .pciDevice(PciDevice.builder(GPU).vendorId(0x10de).deviceId(0x2236).classCode(0x030200)
                        .driver("nvidia").iommuGroup(70).numaNode(1).build())
                .pciDevice(PciDevice.builder(AUDIO).vendorId(0x10de).deviceId(0x1aef).classCode(0x040300)
                        .driver("snd_hda_intel").iommuGroup(70).numaNode(1).build())
                .pciDevice(PciDevice.builder(NVME).classCode(0x010802).driver("nvme").iommuGroup(40).numaNode(0).build())
                .pciDevice(PciDevice.builder(PF).classCode(0x020000).driver("i40e").iommuGroup(20).numaNode(0)
                        .virtfns(List.of(VF0, VF1)).sriovTotalVfs(8).netdev("ens1f0").build())
                .pciDevice(PciDevice.builder(VF0).driver("iavf").physfn(PF).iommuGroup(30).numaNode(0).build())
                .pciDevice(PciDevice.builder(VF1).driver("vfio-pci").physfn(PF).iommuGroup(31).numaNode(0).build())
                .pciDevice(PciDevice.builder(STRAY_VF).driver("iavf").physfn(PF).iommuGroup(32).numaNode(0).build())
                .pciDevice(PciDevice.builder(ORPHAN_VF).driver("iavf").physfn(PciAddress.parse("0000:3c:00.0"))
                        .iommuGroup(33).numaNode(0).build())
                .build();
    }

    static HostState idle() {
        return HostState.of(host());
    }

    static String hostdev(PciAddress a, String managed) {
        return "<hostdev mode='subsystem' type='pci' managed='" + managed + "'><source><address domain='"
                + a.xmlDomain() + "' bus='" + a.xmlBus() + "' slot='" + a.xmlSlot() + "' function='" + a.xmlFunction()
                + "'/></source></hostdev>";
    }

    static String vf(PciAddress a) {
        return "<interface type='hostdev' managed='yes'><source><address type='pci' domain='" + a.xmlDomain()
                + "' bus='" + a.xmlBus() + "' slot='" + a.xmlSlot() + "' function='" + a.xmlFunction()
                + "'/></source></interface>";
    }

    static Domain devices(String... devices) {
        return domain("<devices>" + String.join("", devices) + "</devices>");
    }

    // DEVICE_MISSING

    @Test
    void deviceMissingAHostdevTheHostLacks() {
        Domain d = devices(hostdev(NVME, "yes"), hostdev(PciAddress.parse("0000:d8:00.0"), "yes"));
        Finding f = single(check(DeviceRules.DEVICE_MISSING, d, idle()), "DEVICE_MISSING", Severity.ERROR,
                "/domain/devices/hostdev[2]/source/address");
        assertThat(f.message()).contains("0000:d8:00.0");
    }

    @Test
    void deviceMissingPresentDevicesAreCleanAndVfsAreLeftToVfMissing() {
        assertThat(check(DeviceRules.DEVICE_MISSING, devices(hostdev(NVME, "yes")), idle())).isEmpty();
        assertThat(check(DeviceRules.DEVICE_MISSING, devices(vf(PciAddress.parse("0000:3b:02.5"))), idle())).isEmpty();
    }

    // DEVICE_BUSY

    @Test
    void deviceBusyADeviceAssignedToAnotherDomain() {
        HostState s = HostState.of(host(), List.of(named("other", "<devices>" + hostdev(NVME, "yes") + "</devices>")));
        Finding f = single(check(DeviceRules.DEVICE_BUSY, devices(hostdev(NVME, "yes")), s), "DEVICE_BUSY",
                Severity.ERROR, "/domain/devices/hostdev[1]/source/address");
        assertThat(f.message()).contains("0000:5e:00.0").contains("other");
    }

    @Test
    void deviceBusyAVfAssignedToAnotherDomain() {
        HostState s = HostState.of(host(), List.of(named("other", "<devices>" + vf(VF1) + "</devices>")));
        Finding f = single(check(DeviceRules.DEVICE_BUSY, devices(vf(VF1)), s), "DEVICE_BUSY", Severity.ERROR,
                "/domain/devices/interface[1]/source/address");
        assertThat(f.message()).contains("0000:3b:02.1").contains("other");
    }

    @Test
    void deviceBusyAFreeDeviceOrTheDomainsOwnIsClean() {
        Domain d = devices(hostdev(NVME, "yes"));
        HostState s = HostState.of(host(), List.of(named("other", "<devices>" + vf(VF1) + "</devices>")));
        assertThat(check(DeviceRules.DEVICE_BUSY, d, s)).isEmpty();
        assertThat(check(DeviceRules.DEVICE_BUSY, d, s.with(d))).isEmpty();
    }

    // IOMMU_GROUP_NOT_VIABLE

    @Test
    void iommuGroupNotViableAnEndpointOfTheGroupOnAHostDriver() {
        Finding f = single(check(DeviceRules.IOMMU_GROUP_NOT_VIABLE, devices(hostdev(GPU, "yes")), idle()),
                "IOMMU_GROUP_NOT_VIABLE", Severity.ERROR, "/domain/devices/hostdev[1]/source/address");
        assertThat(f.message()).contains("IOMMU group 70").contains("0000:af:00.0").contains("0000:af:00.1")
                .contains("snd_hda_intel");
        assertThat(f.hint()).contains("0000:af:00.1");
    }

    @Test
    void iommuGroupNotViableTheWholeGroupAssignedIsCleanAndBridgesAreIgnored() {
        assertThat(check(DeviceRules.IOMMU_GROUP_NOT_VIABLE, devices(hostdev(GPU, "yes"), hostdev(AUDIO, "yes")),
                idle())).isEmpty();
    }

    @Test
    void iommuGroupNotViableMembersOnVfioOrNoDriverAreClean() {
        HostTopology vfio = host().toBuilder().pciDevice(host().pciDevice(AUDIO).orElseThrow().toBuilder()
                .driver("vfio-pci").build()).build();
        assertThat(check(DeviceRules.IOMMU_GROUP_NOT_VIABLE, devices(hostdev(GPU, "yes")), HostState.of(vfio)))
                .isEmpty();
        HostTopology unbound = host().toBuilder().pciDevice(host().pciDevice(AUDIO).orElseThrow().toBuilder()
                .driver(null).build()).build();
        assertThat(check(DeviceRules.IOMMU_GROUP_NOT_VIABLE, devices(hostdev(GPU, "yes")), HostState.of(unbound)))
                .isEmpty();
    }

    @Test
    void iommuGroupNotViableWhenTheIommuIsOff() {
        HostState off = HostState.of(host().toBuilder().iommu(false).build());
        Finding f = single(check(DeviceRules.IOMMU_GROUP_NOT_VIABLE, devices(hostdev(NVME, "yes")), off),
                "IOMMU_GROUP_NOT_VIABLE", Severity.ERROR, "/domain/devices/hostdev[1]/source/address");
        assertThat(f.message()).contains("IOMMU is off").contains("0000:5e:00.0");
    }

    @Test
    void iommuGroupNotViableAnUnmanagedDeviceNotOnVfio() {
        Finding f = single(check(DeviceRules.IOMMU_GROUP_NOT_VIABLE, devices(hostdev(NVME, "no")), idle()),
                "IOMMU_GROUP_NOT_VIABLE", Severity.ERROR, "/domain/devices/hostdev[1]/source/address");
        assertThat(f.message()).contains("0000:5e:00.0").contains("not bound to vfio-pci");
        assertThat(check(DeviceRules.IOMMU_GROUP_NOT_VIABLE, devices(hostdev(NVME, "yes")), idle())).isEmpty();
    }

    @Test
    void iommuGroupNotViableAGroupSplitBetweenDomains() {
        HostTopology vfio = host().toBuilder().pciDevice(host().pciDevice(AUDIO).orElseThrow().toBuilder()
                .driver("vfio-pci").build()).build();
        HostState s = HostState.of(vfio, List.of(named("other", "<devices>" + hostdev(AUDIO, "yes") + "</devices>")));
        Finding f = single(check(DeviceRules.IOMMU_GROUP_NOT_VIABLE, devices(hostdev(GPU, "yes")), s),
                "IOMMU_GROUP_NOT_VIABLE", Severity.ERROR, "/domain/devices/hostdev[1]/source/address");
        assertThat(f.message()).contains("0000:af:00.1").contains("other");
    }

    // DEVICE_NUMA_REMOTE

    @Test
    void deviceNumaRemoteADeviceOnAnotherNodeThanTheDomain() {
        Domain d = domain("<vcpu>2</vcpu><cputune>" + pins(2, 3) + "</cputune><devices>" + hostdev(GPU, "yes")
                + "</devices>");
        Finding f = single(check(DeviceRules.DEVICE_NUMA_REMOTE, d, idle()), "DEVICE_NUMA_REMOTE", Severity.WARNING,
                "/domain/devices/hostdev[1]/source/address");
        assertThat(f.message()).contains("0000:af:00.0").contains("host node 1").contains("[0]");
    }

    @Test
    void deviceNumaRemoteByMemoryBinding() {
        Domain d = domain("<numatune><memory mode='strict' nodeset='1'/></numatune><devices>" + vf(VF1) + "</devices>");
        Finding f = single(check(DeviceRules.DEVICE_NUMA_REMOTE, d, idle()), "DEVICE_NUMA_REMOTE", Severity.WARNING,
                "/domain/devices/interface[1]/source/address");
        assertThat(f.message()).contains("host node 0").contains("[1]");
    }

    @Test
    void deviceNumaRemoteALocalDeviceOrAnUnplacedDomainIsClean() {
        assertThat(check(DeviceRules.DEVICE_NUMA_REMOTE, domain("<vcpu>2</vcpu><cputune>" + pins(16, 17)
                + "</cputune><devices>" + hostdev(GPU, "yes") + "</devices>"), idle())).isEmpty();
        assertThat(check(DeviceRules.DEVICE_NUMA_REMOTE, devices(hostdev(GPU, "yes")), idle())).isEmpty();
    }

    // VF_MISSING

    @Test
    void vfMissingAVfTheHostLacks() {
        Finding f = single(check(DeviceRules.VF_MISSING, devices(vf(PciAddress.parse("0000:3b:02.5"))), idle()),
                "VF_MISSING", Severity.ERROR, "/domain/devices/interface[1]/source/address");
        assertThat(f.message()).contains("0000:3b:02.5").contains("does not exist");
    }

    @Test
    void vfMissingAFunctionThatIsNoVf() {
        Finding f = single(check(DeviceRules.VF_MISSING, devices(vf(PF)), idle()), "VF_MISSING", Severity.ERROR,
                "/domain/devices/interface[1]/source/address");
        assertThat(f.message()).contains("0000:3b:00.0").contains("not an SR-IOV VF");
    }

    @Test
    void vfMissingAVfItsPfDoesNotList() {
        Finding f = single(check(DeviceRules.VF_MISSING, devices(vf(STRAY_VF)), idle()), "VF_MISSING", Severity.ERROR,
                "/domain/devices/interface[1]/source/address");
        assertThat(f.message()).contains("0000:3b:02.7").contains("0000:3b:00.0");
    }

    @Test
    void vfMissingAListedVfIsCleanAndAnUndescribedPfCannotContradict() {
        assertThat(check(DeviceRules.VF_MISSING, devices(vf(VF1)), idle())).isEmpty();
        assertThat(check(DeviceRules.VF_MISSING, devices(vf(ORPHAN_VF)), idle())).isEmpty();
        assertThat(check(DeviceRules.VF_MISSING, devices(hostdev(PciAddress.parse("0000:d8:00.0"), "yes")), idle()))
                .as("hostdevs are DEVICE_MISSING's").isEmpty();
    }

    @Test
    void aDomainWithoutDevicesIsCleanForEveryDeviceRule() {
        for (Rule r : DeviceRules.ALL) {
            assertThat(check(r, domain(""), idle())).as(r.code()).isEmpty();
        }
    }
}
