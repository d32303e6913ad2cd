package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.DomainState;
import io.virtforge.connect.DomainStats;
import io.virtforge.libvirt.jna.DomainStatsRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsMapperTest {
    @Test
    void aRunningDomainKeepsItsCpuTime() {
        DomainStats s = StatsMapper.toDomainStats(new DomainStatsRecord("vm", Map.of("state.state", 1,
                "cpu.time", 123_456_789L, "block.count", 1, "block.0.name", "vda", "block.0.rd.bytes", 4096L)));
        assertThat(s.state()).isEqualTo(DomainState.RUNNING);
        assertThat(s.cpuTime()).isEqualTo(123_456_789L);
        assertThat(s.blocks()).singleElement().satisfies(b -> assertThat(b.readBytes()).isEqualTo(4096L));
    }

    @Test
    void aShutOffDomainHasUsedNoCpuTimeWhateverLibvirtSays() {
        // libvirt 9.0 reports libvirtd's own cgroup time for an inactive QEMU domain
        DomainStats s = StatsMapper.toDomainStats(new DomainStatsRecord("vm", Map.of("state.state", 5,
                "cpu.time", 987_654_321L)));
        assertThat(s.state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(s.cpuTime()).isZero();
        assertThat(s.raw()).containsEntry("cpu.time", 987_654_321L);
    }
}
