package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.NumaMode;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumaCompareCommandTest {
    @SuppressWarnings("unchecked")
    private static List<String> codes(Object layout) {
        return ((List<Map<String, Object>>) MiniJson.get(layout, "findings")).stream()
                .map(f -> (String) f.get("code")).toList();
    }

    @Test
    void theAlignedLayoutStaysOnOneNodeAndTheCrossingOneIsFlagged() {
        FakeVirtConnection xeon = Fixtures.get(Fixtures.XEON_2S).connect();
        HostTopology t = xeon.topology();

        CliRun run = CliRun.on(xeon, "numa-compare", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Object json = run.json();
        Object aligned = MiniJson.get(json, "aligned");
        Object crossing = MiniJson.get(json, "crossing");
        assertThat(MiniJson.<Long>get(aligned, "cells")).isEqualTo(1L);
        assertThat(MiniJson.<Boolean>get(aligned, "numatune")).isTrue();
        assertThat(MiniJson.<Long>get(aligned, "errors")).isZero();
        assertThat(codes(aligned)).doesNotContain("NUMA_CROSSING", "NUMA_UNBOUND", "EMULATOR_NOT_ISOLATED");
        Map<String, String> alignedPins = MiniJson.get(aligned, "vcpuPins");
        assertThat(alignedPins).hasSize(8);
        assertThat(alignedPins.values()).allSatisfy(cpu -> assertThat(t.nodeOf(Integer.parseInt(cpu))).isZero());

        assertThat(MiniJson.<Long>get(crossing, "cells")).isEqualTo(2L);
        assertThat(MiniJson.<Boolean>get(crossing, "numatune")).isFalse();
        assertThat(codes(crossing)).contains("NUMA_CROSSING").doesNotContain("EMULATOR_NOT_ISOLATED");
        assertThat(MiniJson.<Long>get(crossing, "errors")).isEqualTo(2L); // one per guest cell
        Map<String, String> crossingPins = MiniJson.get(crossing, "vcpuPins");
        assertThat(crossingPins.values().stream().map(cpu -> t.nodeOf(Integer.parseInt(cpu))).distinct())
                .containsExactlyInAnyOrder(0, 1);
        assertThat(MiniJson.<String>get(crossing, "nodes")).isEqualTo("0-1");
    }

    @Test
    void theReportShowsTheHostWithWhatIsPinnedAndAVerdict() {
        FakeVirtConnection xeon = Fixtures.get(Fixtures.XEON_2S).connect();
        xeon.define(DomainBuilder.named("db").vcpus(2).memory(DataSize.gib(2)).hugepages(PageSize.MIB_2)
                .memoryOn(NumaMode.STRICT, NodeSet.of(0)).pinVcpu(0, CpuSet.of(0)).pinVcpu(1, CpuSet.of(32))
                .build()).start();

        CliRun run = CliRun.on(xeon, "numa-compare", "--vcpus", "4", "--memory", "8");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("NUMA compare on fake:///xeon-2s: 4 vCPUs, 8GiB on 1GiB pages",
                "core 0/0: CPU 0 [db vCPU 0], CPU 32 [db vCPU 1]", "Aligned layout: one guest cell",
                "Crossing layout: two guest cells, no numatune", "ERROR NUMA_CROSSING",
                "remote memory is 2.1x as far as local (distance 21 vs 10)",
                "Only the crossing layout has: NUMA_CROSSING");
        // neither layout uses db's CPUs
        String layouts = run.out().substring(run.out().indexOf("Aligned layout"));
        assertThat(layouts).doesNotContain("->0 (", "->32 (").contains("emulator -> CPU ");
    }

    @Test
    void aOneNodeHostHasNothingToCross() {
        CliRun run = CliRun.of("numa-compare", "--connect", "fake:///tiny", "--vcpus", "2", "--memory", "128MiB");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Crossing layout: not possible here (the host has one NUMA node");
        assertThat(MiniJson.<Object>get(CliRun.of("numa-compare", "--connect", "fake:///tiny", "--vcpus", "2",
                "--memory", "128MiB", "--json").json(), "crossing")).isNull();
    }

    @Test
    void aVmThatFitsNoNodeExitsOne() {
        CliRun run = CliRun.of("numa-compare", "--vcpus", "80");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("do not fit on one node");
        assertThat(CliRun.of("numa-compare", "--vcpus", "1").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("numa-compare", "--node", "5").exitCode()).isEqualTo(2);
    }

    @Test
    void aLayoutThatDoesNotFitSaysWhyAsAProcessToo() throws Exception {
        // the reason is printed without a newline at its end: the process must flush before it exits
        CliRun run = CliProcess.run("numa-compare", "--connect", "fake:///tiny");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("8 vCPUs and 16GiB do not fit on one node", "OVERCOMMIT");
    }

    @Test
    void memoryThatCannotBeHalvedIsExplained() {
        CliRun run = CliRun.of("numa-compare", "--memory", "17MiB");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--memory 17MiB cannot be split into two guest cells of whole MiB: give an even "
                + "number of MiB, e.g. 18MiB");
    }
}
