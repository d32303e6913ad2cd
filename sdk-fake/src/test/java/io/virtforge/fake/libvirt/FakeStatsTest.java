package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.small;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.BlockStats;
import io.virtforge.connect.DomainStats;
import io.virtforge.connect.InterfaceStats;
import io.virtforge.connect.MemoryStats;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskBus;
import io.virtforge.model.DiskDevice;
import io.virtforge.model.DiskSource;
import io.virtforge.model.DiskType;
import io.virtforge.model.Memballoon;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Statistics that move with the fake clock. */
class FakeStatsTest {
    private final FakeClock clock = new FakeClock();
    private final FakeVirtConnection fake = TestDomains.connect(Fixtures.XEON_2S, clock);

    @AfterEach
    void close() {
        fake.close();
    }

    private VirtDomain running(String name) {
        VirtDomain d = fake.define(small(name).vcpus(4).pinVcpus(CpuSet.range(4, 7)).build());
        d.start();
        return d;
    }

    @Test
    void cpuTimeGrowsWithRunningVcpusTimesElapsedTimeButNotWhilePaused() {
        VirtDomain vm = running("vm");
        clock.advanceSeconds(10);
        assertThat(vm.cpuTime()).isEqualTo(40_000_000_000L);
        vm.suspend();
        clock.advanceSeconds(100);
        assertThat(vm.cpuTime()).isEqualTo(40_000_000_000L);
        vm.resume();
        clock.advance(Duration.ofMillis(250));
        assertThat(vm.cpuTime()).isEqualTo(41_000_000_000L);
        assertThat(vm.vcpus()).extracting(v -> v.cpuTime()).containsOnly(10_250_000_000L);
        assertThat(vm.vcpus()).extracting(v -> v.hostCpu()).containsExactly(4, 5, 6, 7);
        vm.destroy();
        assertThat(vm.cpuTime()).isZero();
        vm.start();
        assertThat(vm.cpuTime()).as("a new run starts from zero").isZero();
    }

    @Test
    void diskAndNicCountersGrowAtTheirRates() {
        VirtDomain vm = running("vm");
        String nic = vm.live().devices().interfaces().get(0).targetDev().orElseThrow();
        fake.guests().diskRates("vm", "vda", 4096 * 100, 1_000_000).nicRates("vm", nic, 3000, 1500);
        clock.advanceSeconds(10);
        assertThat(vm.blockStats("vda")).isEqualTo(new BlockStats("vda", 1000, 4_096_000, 2441, 10_000_000));
        assertThat(vm.interfaceStats(nic)).isEqualTo(new InterfaceStats(nic, 30_000, 20, 15_000, 10));
        fake.guests().diskRates("vm", "vda", 0, 0);
        clock.advanceSeconds(10);
        assertThat(vm.blockStats("vda").readBytes()).isEqualTo(4_096_000);
    }

    @Test
    void ratesOutliveARestartAndFractionsCarryOver() {
        fake.guests().diskRates("vm", "vda", 3, 0);
        VirtDomain vm = running("vm");
        clock.advance(Duration.ofMillis(500));
        assertThat(vm.blockStats("vda").readBytes()).isEqualTo(1);
        clock.advance(Duration.ofMillis(500));
        assertThat(vm.blockStats("vda").readBytes()).isEqualTo(3);
    }

    @Test
    void aHotPluggedDiskGetsCounters() {
        VirtDomain vm = running("vm");
        fake.storage().add("/x");
        vm.attachDevice(Disk.builder(DiskType.FILE, DiskDevice.DISK).source(DiskSource.file("/x"))
                .target("vdb", DiskBus.VIRTIO).build(), Scope.LIVE);
        fake.guests().diskRates("vm", "vdb", 10, 0);
        clock.advanceSeconds(1);
        assertThat(vm.blockStats("vdb").readBytes()).isEqualTo(10);
    }

    @Test
    void memoryStatisticsFollowTheDefinitionAndTheGuest() {
        VirtDomain vm = running("vm");
        MemoryStats m = vm.memoryStats();
        assertThat(m.actual()).hasValue(1024 * 1024);
        assertThat(m.unused()).isEmpty();
        vm.setMemory(DataSize.mib(768), Scope.LIVE);
        fake.guests().unusedMemory("vm", DataSize.mib(256));
        m = vm.memoryStats();
        assertThat(m.actual()).hasValue(768 * 1024);
        assertThat(m.unused()).hasValue(256 * 1024);
        assertThat(m.used()).hasValue(512 * 1024);
        VirtDomain noBalloon = fake.define(small("nb").memballoon(Memballoon.of("none", null)).build());
        noBalloon.start();
        fake.guests().unusedMemory("nb", DataSize.mib(100));
        assertThat(noBalloon.memoryStats().unused()).as("no balloon driver, no guest figures").isEmpty();
    }

    @Test
    void bulkStatisticsUseLibvirtsNames() {
        VirtDomain vm = running("vm");
        fake.define(small("off").build());
        fake.guests().diskRates("vm", "vda", 1000, 0);
        clock.advanceSeconds(2);
        DomainStats s = fake.allDomainStats().stream().filter(x -> x.domain().equals("vm")).findFirst().orElseThrow();
        assertThat(s.cpuTime()).isEqualTo(8_000_000_000L);
        assertThat(s.raw()).containsEntry("state.state", 1).containsEntry("cpu.time", 8_000_000_000L)
                .containsEntry("balloon.current", 1024L * 1024).containsEntry("vcpu.current", 4)
                .containsEntry("block.count", 1).containsEntry("block.0.name", "vda")
                .containsEntry("block.0.rd.bytes", 2000L).containsEntry("net.count", 1)
                .containsEntry("vcpu.0.state", 1).containsEntry("vcpu.3.time", 2_000_000_000L);
        assertThat(s.blocks()).hasSize(1);
        DomainStats off = fake.allDomainStats().stream().filter(x -> x.domain().equals("off")).findFirst().orElseThrow();
        // what QEMU reports of a shut-off domain: its definition's counts, no counters (virsh domstats, libvirt 9.0)
        assertThat(off.raw()).containsOnlyKeys("state.state", "state.reason", "balloon.current", "balloon.maximum",
                "vcpu.current", "vcpu.maximum", "block.count", "block.0.name", "block.0.path")
                .containsEntry("state.state", 5).containsEntry("state.reason", 0).containsEntry("block.0.name", "vda")
                .containsEntry("block.0.path", "/var/lib/libvirt/images/off.qcow2");
        assertThat(s.raw()).containsEntry("state.reason", 1);
        assertThat(vm.vcpus()).hasSize(4);
    }
}
