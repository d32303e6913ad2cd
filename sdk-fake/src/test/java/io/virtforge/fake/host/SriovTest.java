package io.virtforge.fake.host;

import static io.virtforge.fake.host.HostFixtures.NIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.pci.Sriov;
import io.virtforge.host.pci.SriovPhysicalFunction;
import io.virtforge.host.pci.VfCountChange;
import io.virtforge.host.pci.VfProbe;
import io.virtforge.host.sysfs.KeepPartial;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.value.PciAddress;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SriovTest {
    private static final PciAddress VF0 = PciAddress.parse("0000:3b:10.0");

    private static FakeSysfs withVfs(int n) {
        FakeSysfs s = HostFixtures.sriovHost();
        s.write(PciDevicePaths.sriovNumVfs(NIC), Integer.toString(n));
        s.writeLog().clear();
        return s;
    }

    @Test
    void listsPhysicalFunctionsAndMapsVirtualFunctions() {
        FakeSysfs sysfs = withVfs(2);
        Sriov sriov = new Sriov(sysfs);
        assertThat(sriov.physicalFunctions()).extracting(SriovPhysicalFunction::address).containsExactly(NIC);
        SriovPhysicalFunction pf = sriov.physicalFunction(NIC).orElseThrow();
        assertThat(pf.totalVfs()).isEqualTo(8);
        assertThat(pf.numVfs()).isEqualTo(2);
        assertThat(pf.driver()).contains("i40e");
        assertThat(pf.autoprobe()).contains(true);
        assertThat(pf.vfs()).extracting(v -> v.address().format()).containsExactly("0000:3b:10.0", "0000:3b:10.1");
        assertThat(sriov.physicalFunctionOf(VF0)).contains(NIC);
        var vf = sriov.virtualFunction(VF0).orElseThrow();
        assertThat(vf.index()).isZero();
        assertThat(vf.numaNode()).hasValue(1);
        assertThat(vf.driver()).contains("iavf");
        assertThat(sriov.physicalFunctionOf(NIC)).isEmpty();
        assertThat(sriov.physicalFunction(HostFixtures.NIC2)).isEmpty();
    }

    @Test
    void changingANonZeroCountWritesZeroFirst() {
        FakeSysfs sysfs = withVfs(2);
        VfCountChange c = new Sriov(sysfs).setVfCount(NIC, 4, KeepPartial.KEEP, VfProbe.AS_CONFIGURED);
        assertThat(c).isEqualTo(new VfCountChange(NIC, 2, 4, 4, 4));
        assertThat(sysfs.writeLog().valuesWrittenTo(PciDevicePaths.sriovNumVfs(NIC))).containsExactly("0", "4");
    }

    @Test
    void fewerVfsThanAskedAreReportedAndKeptOrRestored() {
        FakeSysfs sysfs = withVfs(2);
        sysfs.faults().limitSriovVfs(NIC, 3);
        Sriov sriov = new Sriov(sysfs);
        VfCountChange restored = sriov.setVfCount(NIC, 6, KeepPartial.RESTORE, VfProbe.AS_CONFIGURED);
        assertThat(restored).isEqualTo(new VfCountChange(NIC, 2, 6, 3, 2));
        assertThat(restored.partial()).isTrue();
        VfCountChange kept = sriov.setVfCount(NIC, 6, KeepPartial.KEEP, VfProbe.AS_CONFIGURED);
        assertThat(kept).isEqualTo(new VfCountChange(NIC, 2, 6, 3, 3));
    }

    @Test
    void suppressedAutoprobeLeavesNewVfsUnboundAndIsRestored() {
        FakeSysfs sysfs = HostFixtures.sriovHost();
        new Sriov(sysfs).setVfCount(NIC, 2, KeepPartial.KEEP, VfProbe.SUPPRESS);
        assertThat(sysfs.exists(PciDevicePaths.driver(VF0))).isFalse();
        assertThat(sysfs.readTrimmed(PciDevicePaths.sriovDriversAutoprobe(NIC))).isEqualTo("1");
        assertThat(sysfs.writeLog().valuesWrittenTo(PciDevicePaths.sriovDriversAutoprobe(NIC)))
                .containsExactly("0", "1");
    }

    @Test
    void everyWriteOfAVfChangeCanFailAndNothingChanges() {
        Supplier<FakeSysfs> fresh = HostFixtures::sriovHost;
        assertThat(FaultAtEveryWrite.check(fresh,
                s -> new Sriov(s).setVfCount(NIC, 4, KeepPartial.KEEP, VfProbe.SUPPRESS))).isEqualTo(3);
        assertThat(FaultAtEveryWrite.check(() -> withVfs(2),
                s -> new Sriov(s).setVfCount(NIC, 4, KeepPartial.KEEP, VfProbe.SUPPRESS))).isEqualTo(4);
        assertThat(FaultAtEveryWrite.check(() -> {
            FakeSysfs s = withVfs(2);
            s.faults().limitSriovVfs(NIC, 3);
            return s;
        }, s -> new Sriov(s).setVfCount(NIC, 6, KeepPartial.RESTORE, VfProbe.AS_CONFIGURED))).isEqualTo(4);
        assertThat(Optional.of(fresh.get())).isPresent();
    }
}
