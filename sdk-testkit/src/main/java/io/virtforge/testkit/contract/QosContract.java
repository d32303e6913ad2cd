package io.virtforge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

import io.virtforge.connect.DomainQos;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtDomain;
import io.virtforge.connect.VirtException;
import io.virtforge.model.Bandwidth;
import io.virtforge.model.BlkioTune;
import io.virtforge.model.CpuTune;
import io.virtforge.model.Disk;
import io.virtforge.model.IoTune;
import io.virtforge.model.IoTune.Limit;
import io.virtforge.model.MemTune;
import io.virtforge.model.NetInterface;
import io.virtforge.value.DataSize;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The QoS cases of {@link ConnectionContract} ({@link VirtDomain#qos()}), which it runs on every target: each change
 * reads back as set, in the scopes it was made in, and each misuse throws the class libvirt 9.0's QEMU driver's
 * error gets from {@link io.virtforge.connect.LibvirtErrors} (the messages are in sdk-fake's {@code QosErrors}).
 * A call the target's driver does not have (libvirt's test driver has few of them) aborts the case with libvirt's
 * "not supported" message. Live bandwidth is left out: applying it needs tc queueing disciplines a host may lack
 * (the tests' machine has no {@code sfq}), so it is checked on the configuration, and live on the fake only.
 */
public interface QosContract {
    /** A running domain of {@link ConnectionContract#minimalDomain}, cleaned up after the test. */
    VirtDomain qosRunning();

    /** A defined, shut-off domain of {@link ConnectionContract#minimalDomain}, cleaned up after the test. */
    VirtDomain qosDefined();

    /** The value, or an aborted case when the target's driver does not have the call. */
    private static <T> T supported(Supplier<T> call) {
        try {
            return call.get();
        } catch (NotSupportedException e) {
            return abort("the target does not have this QoS call: " + e.libvirtMessage());
        }
    }

    private static String firstDisk(VirtDomain d) {
        return d.definition().devices().disks().stream().findFirst().flatMap(Disk::targetDev)
                .orElseGet(() -> abort("the minimal domain has no disk"));
    }

    private static String firstMac(VirtDomain d) {
        return d.definition().devices().interfaces().stream().findFirst().flatMap(NetInterface::mac)
                .map(m -> m.format()).orElseGet(() -> abort("the minimal domain has no NIC with a MAC address"));
    }

    @Test
    default void cpuSharesAndQuotaApplyLiveAndToTheConfiguration() {
        VirtDomain d = qosRunning();
        CpuTune set = CpuTune.builder().shares(512L).period(100_000L).quota(50_000L).build();
        CpuTune after = supported(() -> d.qos().setScheduler(set, Scope.BOTH));
        assertThat(after.shares()).hasValue(512);
        assertThat(after.quota()).contains(50_000L);
        CpuTune config = d.qos().scheduler(Scope.CONFIG);
        assertThat(config.shares()).hasValue(512);
        assertThat(config.period()).hasValue(100_000);
        assertThat(config.quota()).contains(50_000L);
        assertThat(d.definition().cputune().orElseThrow().shares()).hasValue(512);
        assertThat(d.live().cputune().orElseThrow().quota()).contains(50_000L);
    }

    @Test
    default void aCpuQuotaBelowLibvirtsMinimumIsAnInvalidDefinition() {
        VirtDomain d = qosRunning();
        CpuTune before = supported(() -> d.qos().scheduler(Scope.LIVE));
        assertThatThrownBy(() -> d.qos().setScheduler(CpuTune.builder().quota(500L).build(), Scope.LIVE))
                .isExactlyInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> d.qos().setScheduler(CpuTune.builder().period(100L).build(), Scope.CONFIG))
                .isExactlyInstanceOf(InvalidDefinitionException.class);
        assertThat(d.qos().scheduler(Scope.LIVE)).isEqualTo(before);
    }

    @Test
    default void diskThrottlingAppliesLiveWithItsBurstAndReadsBack() {
        VirtDomain d = qosRunning();
        String disk = firstDisk(d);
        IoTune set = IoTune.builder().rate(Limit.READ_IOPS_SEC, 500L).burst(Limit.READ_IOPS_SEC, 2000L)
                .burstLength(Limit.READ_IOPS_SEC, 10L).rate(Limit.TOTAL_BYTES_SEC, 50_000_000L)
                .burst(Limit.TOTAL_BYTES_SEC, 100_000_000L).build(); // the test driver wants a burst with each rate
        IoTune after = supported(() -> d.qos().setBlockIoTune(disk, set, Scope.LIVE));
        assertThat(after.rate(Limit.READ_IOPS_SEC)).hasValue(500);
        assertThat(after.burst(Limit.READ_IOPS_SEC)).hasValue(2000);
        assertThat(after.burstLength(Limit.READ_IOPS_SEC)).hasValue(10);
        assertThat(after.rate(Limit.TOTAL_BYTES_SEC)).hasValue(50_000_000);
        assertThat(after.rate(Limit.WRITE_IOPS_SEC)).isEmpty();
        // a change names some limits; the others stay
        IoTune again = d.qos().setBlockIoTune(disk, IoTune.builder().burst(Limit.READ_IOPS_SEC, 5000L).build(),
                Scope.LIVE);
        assertThat(again.rate(Limit.READ_IOPS_SEC)).hasValue(500);
        assertThat(again.burst(Limit.READ_IOPS_SEC)).hasValue(5000);
        assertThat(d.live().devices().disks().get(0).iotune().orElseThrow().burst(Limit.READ_IOPS_SEC)).hasValue(5000);
    }

    @Test
    default void aDiskBurstBelowItsRateOrATotalWithASplitLimitIsAnInvalidDefinition() {
        VirtDomain d = qosRunning();
        String disk = firstDisk(d);
        supported(() -> d.qos().blockIoTune(disk, Scope.LIVE));
        assertThatThrownBy(() -> d.qos().setBlockIoTune(disk, IoTune.builder().rate(Limit.READ_IOPS_SEC, 500L)
                .burst(Limit.READ_IOPS_SEC, 100L).build(), Scope.LIVE))
                .isExactlyInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> d.qos().setBlockIoTune(disk, IoTune.builder().rate(Limit.TOTAL_BYTES_SEC, 5L)
                .rate(Limit.READ_BYTES_SEC, 5L).build(), Scope.LIVE))
                .isExactlyInstanceOf(InvalidDefinitionException.class);
        assertThat(d.qos().blockIoTune(disk, Scope.LIVE).rate(Limit.READ_IOPS_SEC)).isEmpty();
    }

    @Test
    default void throttlingADiskTheDomainLacksIsAnInvalidDefinition() {
        VirtDomain d = qosRunning();
        IoTune set = IoTune.builder().rate(Limit.READ_IOPS_SEC, 5L).build();
        supported(() -> d.qos().blockIoTune(firstDisk(d), Scope.LIVE));
        assertThatThrownBy(() -> d.qos().setBlockIoTune("vdz", set, Scope.LIVE))
                .isExactlyInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> d.qos().setBlockIoTune("vdz", set, Scope.CONFIG))
                .isExactlyInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    default void memoryLimitsApplyLiveAndToTheConfiguration() {
        VirtDomain d = qosRunning();
        MemTune set = MemTune.builder().hardLimit(DataSize.gib(4)).softLimit(DataSize.gib(3)).build();
        MemTune after = supported(() -> d.qos().setMemoryTune(set, Scope.BOTH));
        assertThat(after.hardLimit()).contains(DataSize.gib(4));
        assertThat(after.softLimit()).contains(DataSize.gib(3));
        assertThat(d.qos().memoryTune(Scope.CONFIG).hardLimit()).contains(DataSize.gib(4));
        assertThat(d.definition().memtune().orElseThrow().softLimit()).contains(DataSize.gib(3));
    }

    @Test
    default void aHardLimitAboveTheSwapLimitIsAnInvalidDefinition() {
        VirtDomain d = qosRunning();
        MemTune bad = MemTune.builder().hardLimit(DataSize.gib(2)).swapHardLimit(DataSize.gib(1)).build();
        supported(() -> d.qos().memoryTune(Scope.LIVE));
        assertThatThrownBy(() -> d.qos().setMemoryTune(bad, Scope.LIVE))
                .isExactlyInstanceOf(InvalidDefinitionException.class);
        assertThat(d.qos().memoryTune(Scope.LIVE).swapHardLimit()).isEmpty();
    }

    @Test
    default void nicShapingAppliesToTheConfigurationByMacAndZeroRemovesADirection() {
        VirtDomain d = qosDefined();
        String mac = firstMac(d);
        Bandwidth set = Bandwidth.of(Bandwidth.Limit.builder().average(1000L).peak(2000L).burst(64L).build(),
                Bandwidth.Limit.builder().average(500L).build());
        Bandwidth after = supported(() -> d.qos().setInterfaceBandwidth(mac, set, Scope.CONFIG));
        assertThat(after.inbound().orElseThrow().peak()).hasValue(2000);
        assertThat(after.outbound().orElseThrow().average()).hasValue(500);
        assertThat(d.definition().devices().interfaces().get(0).bandwidth()).contains(after);
        Bandwidth cleared = d.qos().setInterfaceBandwidth(mac,
                Bandwidth.of(Bandwidth.Limit.builder().average(0L).build(), null), Scope.CONFIG);
        assertThat(cleared.inbound()).isEmpty();
        assertThat(cleared.outbound().orElseThrow().average()).hasValue(500);
    }

    @Test
    default void shapingANicTheDomainLacksIsAnInvalidDefinition() {
        VirtDomain d = qosDefined();
        supported(() -> d.qos().interfaceBandwidth(firstMac(d), Scope.CONFIG));
        Bandwidth set = Bandwidth.of(Bandwidth.Limit.builder().average(1000L).build(), null);
        assertThatThrownBy(() -> d.qos().setInterfaceBandwidth("52:54:00:ff:ff:fe", set, Scope.CONFIG))
                .isExactlyInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    default void theBlkioWeightAppliesToTheConfiguration() {
        VirtDomain d = qosDefined();
        BlkioTune after = supported(() -> d.qos().setBlkioTune(BlkioTune.builder().weight(500).build(), Scope.CONFIG));
        assertThat(after.weight()).hasValue(500);
        assertThat(d.definition().blkiotune().orElseThrow().weight()).hasValue(500);
    }

    @Test
    default void aLiveQosChangeOfAShutOffDomainIsAnInvalidState() {
        VirtDomain d = qosDefined();
        supported(() -> d.qos().scheduler(Scope.CONFIG));
        assertThatThrownBy(() -> d.qos().setScheduler(CpuTune.builder().shares(512L).build(), Scope.LIVE))
                .isExactlyInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> d.qos().setMemoryTune(MemTune.builder().hardLimit(DataSize.gib(4)).build(),
                Scope.BOTH)).isExactlyInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> d.qos().scheduler(Scope.LIVE)).isInstanceOf(VirtException.class);
    }

    @Test
    default void readingBothScopesAtOnceIsRefusedBeforeAskingTheHypervisor() {
        DomainQos qos = qosDefined().qos();
        assertThatThrownBy(() -> qos.scheduler(Scope.BOTH)).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> qos.memoryTune(Scope.BOTH)).isExactlyInstanceOf(IllegalArgumentException.class);
    }
}
