package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.fails;
import static io.virtforge.fake.libvirt.TestDomains.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.DomainQos;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.Bandwidth;
import io.virtforge.model.BlkioTune;
import io.virtforge.model.CpuTune;
import io.virtforge.model.IoTune;
import io.virtforge.model.IoTune.Limit;
import io.virtforge.model.MemTune;
import io.virtforge.model.NetInterface;
import io.virtforge.value.DataSize;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fake's QoS beyond the contract: the merges libvirt does (a total limit replaces the read and write ones, a
 * device's blkio values merge into its path's), live shaping (which the tests' real host cannot do), and libvirt's exact errors.
 */
class FakeQosTest {
    private final FakeVirtConnection fake = TestDomains.connect(Fixtures.XEON_2S);

    private VirtDomain running(String name) {
        VirtDomain d = fake.define(plain(name));
        d.start();
        return d;
    }

    @Test
    void aTotalLimitReplacesTheReadAndWriteOnesAndTheOtherGroupStays() {
        DomainQos qos = running("a").qos();
        qos.setBlockIoTune("vda", IoTune.builder().rate(Limit.READ_BYTES_SEC, 10L).rate(Limit.WRITE_BYTES_SEC, 20L)
                .rate(Limit.READ_IOPS_SEC, 5L).build(), Scope.LIVE);
        IoTune after = qos.setBlockIoTune("vda", IoTune.builder().rate(Limit.TOTAL_BYTES_SEC, 30L).build(), Scope.LIVE);
        assertThat(after.rate(Limit.TOTAL_BYTES_SEC)).hasValue(30);
        assertThat(after.rate(Limit.READ_BYTES_SEC)).isEmpty();
        assertThat(after.rate(Limit.WRITE_BYTES_SEC)).isEmpty();
        assertThat(after.rate(Limit.READ_IOPS_SEC)).hasValue(5);
        IoTune cleared = qos.setBlockIoTune("/var/lib/libvirt/images/a.qcow2",
                IoTune.builder().rate(Limit.TOTAL_BYTES_SEC, 0L).rate(Limit.READ_IOPS_SEC, 0L).build(), Scope.LIVE);
        assertThat(cleared.isEmpty()).isTrue();
    }

    @Test
    void theErrorsAreLibvirtsWords() {
        DomainQos qos = running("b").qos();
        fails(InvalidDefinitionException.class, 67, 10,
                "unsupported configuration: value 'read_iops_sec_max' cannot be smaller than 'read_iops_sec'",
                () -> qos.setBlockIoTune("vda", IoTune.builder().rate(Limit.READ_IOPS_SEC, 500L)
                        .burst(Limit.READ_IOPS_SEC, 100L).build(), Scope.LIVE));
        fails(InvalidDefinitionException.class, 8, 10,
                "invalid argument: total and read/write of bytes_sec cannot be set at the same time",
                () -> qos.setBlockIoTune("vda", IoTune.builder().rate(Limit.TOTAL_BYTES_SEC, 5L)
                        .rate(Limit.READ_BYTES_SEC, 5L).build(), Scope.LIVE));
        fails(InvalidDefinitionException.class, 8, 10, "invalid argument: disk 'vdz' not found in domain",
                () -> qos.blockIoTune("vdz", Scope.LIVE));
        fails(InvalidDefinitionException.class, 8, 10,
                "invalid argument: value of 'vcpu_quota' is out of range [1000, 17592186044415]",
                () -> qos.setScheduler(CpuTune.builder().quota(500L).build(), Scope.LIVE));
        fails(InvalidDefinitionException.class, 8, 10,
                "invalid argument: memory hard_limit tunable value must be lower than or equal to swap_hard_limit",
                () -> qos.setMemoryTune(MemTune.builder().hardLimit(DataSize.gib(2)).swapHardLimit(DataSize.gib(1))
                        .build(), Scope.LIVE));
        fails(NotSupportedException.class, 74, 10, "argument unsupported: parameter 'min_guarantee' not supported",
                () -> qos.setMemoryTune(MemTune.builder().minGuarantee(DataSize.gib(1)).build(), Scope.LIVE));
        fails(InvalidDefinitionException.class, 8, 20, "invalid argument: 'vnet99' is not a known interface",
                () -> qos.interfaceBandwidth("vnet99", Scope.LIVE));
    }

    @Test
    void liveShapingByHostDeviceAndAFloorOnlyOnALibvirtNetwork() {
        VirtDomain d = running("c");
        String vnet = d.live().devices().interfaces().get(0).targetDev().orElseThrow();
        Bandwidth bw = d.qos().setInterfaceBandwidth(vnet, Bandwidth.of(Bandwidth.Limit.builder().average(100L)
                .floor(50L).build(), null), Scope.LIVE);
        assertThat(bw.inbound().orElseThrow().floor()).hasValue(50);
        VirtDomain bridged = fake.define(TestDomains.small("br").nic(n -> n.bridge("br0")).build());
        String mac = bridged.definition().devices().interfaces().stream().filter(n -> n.type().equals("bridge"))
                .findFirst().flatMap(NetInterface::mac).orElseThrow().format();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> bridged.qos().setInterfaceBandwidth(mac,
                Bandwidth.of(Bandwidth.Limit.builder().average(100L).floor(50L).build(), null), Scope.CONFIG)))
                .isExactlyInstanceOf(InvalidDefinitionException.class).hasMessageContaining("floor");
    }

    @Test
    void aRunningDomainReadsTheCgroupDefaultsAndItsConfigurationOnlyWhatItSets() {
        VirtDomain d = running("e");
        CpuTune live = d.qos().scheduler(Scope.LIVE);
        assertThat(live.shares()).hasValue(1024);
        assertThat(live.period()).hasValue(100_000);
        assertThat(live.quota()).contains(-1L);
        assertThat(d.qos().scheduler(Scope.CONFIG).shares()).isEmpty();
    }

    @Test
    void aBlkioDeviceChangeMergesIntoItsPathValueByValue() {
        VirtDomain d = fake.define(plain("f"));
        d.qos().setBlkioTune(BlkioTune.builder().weight(300).devices(List.of(
                BlkioTune.DeviceTune.builder("/dev/sda").readIopsSec(100L).build(),
                BlkioTune.DeviceTune.builder("/dev/sdb").weight(200L).build())).build(), Scope.CONFIG);
        BlkioTune after = d.qos().setBlkioTune(BlkioTune.builder().devices(List.of(
                BlkioTune.DeviceTune.builder("/dev/sda").writeIopsSec(50L).build())).build(), Scope.CONFIG);
        assertThat(after.weight()).hasValue(300);
        assertThat(after.devices()).hasSize(2);
        assertThat(after.devices().get(0).writeIopsSec()).hasValue(50);
        assertThat(after.devices().get(0).readIopsSec()).hasValue(100);
        assertThat(after.devices().get(1).weight()).hasValue(200);
    }
}
