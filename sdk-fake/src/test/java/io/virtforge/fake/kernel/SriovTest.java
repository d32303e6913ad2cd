package io.virtforge.fake.kernel;

import static io.virtforge.fake.kernel.TestHosts.NIC2;
import static io.virtforge.fake.kernel.TestHosts.NIC;
import static io.virtforge.fake.kernel.TestHosts.writeFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.IommuPaths;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.PciDriverPaths;
import io.virtforge.value.PciAddress;
import org.junit.jupiter.api.Test;

class SriovTest {
    private static final PciAddress VF0 = PciAddress.parse("0000:3b:10.0");
    private static final PciAddress VF1 = PciAddress.parse("0000:3b:10.1");
    private final FakeSysfs sysfs = TestHosts.twoNodeHost().build();

    private void numVfs(String n) {
        sysfs.write(PciDevicePaths.sriovNumVfs(NIC), n);
    }

    @Test
    void enablingCreatesTheVirtualFunctions() {
        assertThat(sysfs.readTrimmed(PciDevicePaths.sriovTotalVfs(NIC))).isEqualTo("4");
        assertThat(sysfs.readTrimmed(PciDevicePaths.sriovNumVfs(NIC))).isEqualTo("0");
        numVfs("2\n");
        assertThat(sysfs.readTrimmed(PciDevicePaths.sriovNumVfs(NIC))).isEqualTo("2");
        assertThat(sysfs.list(PciDevicePaths.DEVICES)).contains(VF0.format(), VF1.format());
        assertThat(sysfs.readLink(PciDevicePaths.virtfn(NIC, 0))).isEqualTo("../0000:3b:10.0");
        assertThat(sysfs.readLinkName(PciDevicePaths.virtfn(NIC, 1))).isEqualTo(VF1.format());
        assertThat(sysfs.readLink(PciDevicePaths.physfn(VF1))).isEqualTo("../0000:3b:00.0");
        assertThat(sysfs.readTrimmed(PciDevicePaths.vendor(VF0))).isEqualTo("0x8086");
        assertThat(sysfs.readTrimmed(PciDevicePaths.deviceId(VF0))).isEqualTo("0x154c");
        assertThat(sysfs.readTrimmed(PciDevicePaths.numaNode(VF0))).isEqualTo("1");
        String group0 = sysfs.readLinkName(PciDevicePaths.iommuGroup(VF0));
        String group1 = sysfs.readLinkName(PciDevicePaths.iommuGroup(VF1));
        assertThat(group0).isNotEqualTo(group1).isNotIn("12", "13", "40");
        assertThat(sysfs.list(IommuPaths.groupDevices(Integer.parseInt(group0)))).containsExactly(VF0.format());
        assertThat(sysfs.readLinkName(PciDevicePaths.driver(VF0))).isEqualTo("iavf");
        assertThat(sysfs.readTrimmed(PciDevicePaths.physfn(VF0).resolve("vendor"))).isEqualTo("0x8086");
    }

    @Test
    void moreThanTotalIsErangeAndGarbageIsEinval() {
        assertThat(writeFails(sysfs, PciDevicePaths.sriovNumVfs(NIC), "5")).isEqualTo(Errno.ERANGE);
        assertThat(writeFails(sysfs, PciDevicePaths.sriovNumVfs(NIC), "abc")).isEqualTo(Errno.EINVAL);
        assertThat(writeFails(sysfs, PciDevicePaths.sriovNumVfs(NIC), "70000")).isEqualTo(Errno.EINVAL);
        assertThat(sysfs.readTrimmed(PciDevicePaths.sriovNumVfs(NIC))).isEqualTo("0");
    }

    @Test
    void changingANonZeroCountIsEbusyAndZeroRemovesTheFunctions() {
        numVfs("2");
        assertThat(writeFails(sysfs, PciDevicePaths.sriovNumVfs(NIC), "3")).isEqualTo(Errno.EBUSY);
        numVfs("2");
        String group = sysfs.readLinkName(PciDevicePaths.iommuGroup(VF0));
        numVfs("0");
        assertThat(sysfs.readTrimmed(PciDevicePaths.sriovNumVfs(NIC))).isEqualTo("0");
        assertThat(sysfs.exists(PciDevicePaths.device(VF0))).isFalse();
        assertThat(sysfs.exists(PciDevicePaths.virtfn(NIC, 0))).isFalse();
        assertThat(sysfs.exists(IommuPaths.group(Integer.parseInt(group)))).isFalse();
        assertThat(sysfs.list(PciDriverPaths.driver(DriverName.of("iavf")))).doesNotContain(VF0.format());
        numVfs("3");
        assertThat(sysfs.list(PciDevicePaths.device(NIC))).contains("virtfn0", "virtfn1", "virtfn2");
    }

    @Test
    void withoutAutoprobeTheFunctionsStayUnboundForVfio() {
        sysfs.write(PciDevicePaths.sriovDriversAutoprobe(NIC), "0");
        assertThat(sysfs.readTrimmed(PciDevicePaths.sriovDriversAutoprobe(NIC))).isEqualTo("0");
        numVfs("1");
        assertThat(sysfs.exists(PciDevicePaths.driver(VF0))).isFalse();
        sysfs.write(PciDevicePaths.driverOverride(VF0), "vfio-pci");
        sysfs.write(PciDriverPaths.DRIVERS_PROBE, VF0.format());
        assertThat(sysfs.readLinkName(PciDevicePaths.driver(VF0))).isEqualTo("vfio-pci");
        assertThat(writeFails(sysfs, PciDevicePaths.sriovDriversAutoprobe(NIC), "maybe")).isEqualTo(Errno.EINVAL);
    }

    @Test
    void aDriverShortOfResourcesEnablesFewerFunctions() {
        sysfs.faults().limitSriovVfs(NIC, 1);
        numVfs("3");
        assertThat(sysfs.readTrimmed(PciDevicePaths.sriovNumVfs(NIC))).isEqualTo("1");
        assertThat(sysfs.exists(PciDevicePaths.virtfn(NIC, 1))).isFalse();
    }

    @Test
    void aPhysicalFunctionWithoutDriverIsEnoentAndUnbindingItRemovesItsFunctions() {
        numVfs("2");
        sysfs.write(PciDriverPaths.unbind(DriverName.of("i40e")), NIC.format());
        assertThat(sysfs.readTrimmed(PciDevicePaths.sriovNumVfs(NIC))).isEqualTo("0");
        assertThat(sysfs.exists(PciDevicePaths.device(VF0))).isFalse();
        assertThat(writeFails(sysfs, PciDevicePaths.sriovNumVfs(NIC), "1")).isEqualTo(Errno.ENOENT);
        sysfs.write(PciDevicePaths.sriovNumVfs(NIC), "0");
        assertThat(sysfs.exists(PciDevicePaths.sriovNumVfs(NIC2))).isFalse();
    }
}
