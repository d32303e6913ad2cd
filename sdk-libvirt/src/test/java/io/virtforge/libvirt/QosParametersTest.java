package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Bandwidth;
import io.virtforge.model.BlkioTune;
import io.virtforge.model.CpuTune;
import io.virtforge.model.IoTune;
import io.virtforge.model.IoTune.Limit;
import io.virtforge.model.MemTune;
import io.virtforge.value.DataSize;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The QoS elements as libvirt's typed parameters: names, units, and what reads as unset. */
class QosParametersTest {
    @Test
    void schedulerNamesAreLibvirtsAndZeroReadsAsUnset() {
        CpuTune t = CpuTune.builder().shares(512L).period(100_000L).quota(-1L).build();
        assertThat(QosParameters.scheduler(t)).containsExactly(Map.entry("cpu_shares", 512L),
                Map.entry("vcpu_period", 100_000L), Map.entry("vcpu_quota", -1L));
        CpuTune read = QosParameters.readScheduler(Map.of("cpu_shares", 0L, "vcpu_period", 100_000L, "vcpu_quota", -1L));
        assertThat(read.shares()).isEmpty();
        assertThat(read.period()).hasValue(100_000);
        assertThat(read.quota()).contains(-1L);
    }

    @Test
    void blockIoTuneTakesEveryLimitAndAnEmptyGroupIsUnset() {
        IoTune t = IoTune.builder().rate(Limit.READ_IOPS_SEC, 5L).burst(Limit.READ_IOPS_SEC, 9L)
                .burstLength(Limit.READ_IOPS_SEC, 3L).groupName("g").build();
        Map<String, Object> p = QosParameters.blockIoTune(t);
        assertThat(p).containsEntry("read_iops_sec", 5L).containsEntry("read_iops_sec_max", 9L)
                .containsEntry("read_iops_sec_max_length", 3L).containsEntry("group_name", "g");
        assertThat(QosParameters.readBlockIoTune(Map.of("read_iops_sec", 5L, "read_iops_sec_max", 9L,
                "read_iops_sec_max_length", 3L, "group_name", "g", "total_bytes_sec", 0L))).isEqualTo(t);
        assertThat(QosParameters.readBlockIoTune(Map.of("group_name", "")).isEmpty()).isTrue();
    }

    @Test
    void bandwidthWithoutAverageOrFloorHasNoSuchDirection() {
        Bandwidth bw = Bandwidth.of(Bandwidth.Limit.builder().average(1000L).peak(2000L).build(), null);
        assertThat(QosParameters.bandwidth(bw)).containsOnlyKeys("inbound.average", "inbound.peak");
        Bandwidth read = QosParameters.readBandwidth(Map.of("inbound.average", 1000L, "inbound.peak", 2000L,
                "inbound.burst", 0L, "inbound.floor", 0L, "outbound.average", 0L, "outbound.peak", 0L));
        assertThat(read).isEqualTo(bw);
    }

    @Test
    void memoryIsInKibAndUnlimitedReadsAsUnset() {
        MemTune t = MemTune.builder().hardLimit(DataSize.gib(2)).build();
        assertThat(QosParameters.memory(t)).containsExactly(Map.entry("hard_limit", 2L * 1024 * 1024));
        MemTune read = QosParameters.readMemory(Map.of("hard_limit", 2L * 1024 * 1024, "soft_limit",
                QosParameters.MEMORY_UNLIMITED, "swap_hard_limit", QosParameters.MEMORY_UNLIMITED));
        assertThat(read.hardLimit()).contains(DataSize.gib(2));
        assertThat(read.softLimit()).isEmpty();
        assertThat(read.swapHardLimit()).isEmpty();
    }

    @Test
    void blkioDeviceListsAreLibvirtsPathValueStrings() {
        BlkioTune t = BlkioTune.builder().weight(500).devices(List.of(
                BlkioTune.DeviceTune.builder("/dev/sda").weight(300L).readIopsSec(1000L).build(),
                BlkioTune.DeviceTune.builder("/dev/sdb").readIopsSec(2000L).build())).build();
        Map<String, Object> p = QosParameters.blkio(t);
        assertThat(p).containsEntry("weight", 500L).containsEntry("device_weight", "/dev/sda,300")
                .containsEntry("device_read_iops_sec", "/dev/sda,1000,/dev/sdb,2000")
                .doesNotContainKey("device_write_iops_sec");
        BlkioTune read = QosParameters.readBlkio(Map.of("weight", 500L, "device_weight", "/dev/sda,300",
                "device_read_iops_sec", "/dev/sda,1000,/dev/sdb,2000", "device_write_iops_sec", ""));
        assertThat(read.weight()).hasValue(500);
        assertThat(read.devices()).hasSize(2);
        assertThat(read.devices().get(0).readIopsSec()).hasValue(1000);
        assertThat(read.devices().get(1).path()).contains("/dev/sdb");
        assertThat(read.devices().get(1).weight()).isEmpty();
    }
}
