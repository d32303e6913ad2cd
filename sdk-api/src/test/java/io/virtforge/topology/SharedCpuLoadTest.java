package io.virtforge.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedCpuLoadTest {
    /** 2 nodes x 4 cores, no SMT: node 0 has CPUs 0-3, node 1 has 4-7; CPU 3 isolated. */
    private static final HostTopology HOST = isolate(SyntheticHost.of(2, 1, 4, 1, DataSize.gib(8), 0).build(), 3);

    private static HostTopology isolate(HostTopology h, int cpu) {
        return h.toBuilder().cpu(h.cpu(cpu).orElseThrow().withIsolated(true)).build();
    }

    private static Domain domain(String name, String pins) {
        return DomainXml.defaults().parse("<domain type='kvm'><name>" + name + "</name><vcpu>8</vcpu><cputune>" + pins
                + "</cputune></domain>");
    }

    private static String pin(int vcpu, String cpus) {
        return "<vcpupin vcpu='" + vcpu + "' cpuset='" + cpus + "'/>";
    }

    @Test
    void aVcpuPinnedAloneIsDedicatedAndTheOthersShared() {
        // mixed: vCPUs 0-1 alone on 4 and 5, vCPUs 2-4 floating over 6-7, vCPU 5 and 6 both on CPU 1 (shared)
        Domain mixed = domain("mixed", pin(0, "4") + pin(1, "5") + pin(2, "6-7") + pin(3, "6-7") + pin(4, "6-7")
                + pin(5, "1") + pin(6, "1"));
        assertThat(SharedCpuLoad.dedicatedCpus(mixed)).isEqualTo(CpuSet.of(4, 5));
        assertThat(SharedCpuLoad.sharedVcpusByNode(mixed, HOST)).isEqualTo(Map.of(0, 2, 1, 3));
    }

    @Test
    void poolsLeaveOutIsolatedAndDedicatedCpusAndCountEveryDomainsSharedVcpus() {
        Domain dedicated = domain("dedicated", pin(0, "0") + pin(1, "4"));
        Domain floating = domain("floating", pin(0, "1-2") + pin(1, "1-2") + pin(2, "5-7"));
        SharedCpuLoad load = SharedCpuLoad.of(HostState.of(HOST, List.of(dedicated, floating)));
        assertThat(load.dedicatedCpus()).isEqualTo(CpuSet.of(0, 4));
        assertThat(load.pool(0)).isEqualTo(CpuSet.of(1, 2));
        assertThat(load.pool(1)).isEqualTo(CpuSet.range(5, 7));
        assertThat(load.load(0)).isEqualTo(2);
        assertThat(load.load(1)).isEqualTo(1);
        assertThat(load.pool(9).isEmpty()).isTrue();

        SharedCpuLoad without = SharedCpuLoad.except(HostState.of(HOST, List.of(dedicated, floating)), "floating");
        assertThat(without.load(0)).isZero();
        assertThat(without.pool(0)).isEqualTo(CpuSet.of(1, 2));
    }

    @Test
    void unpinnedVcpusAreNotCounted() {
        Domain unpinned = DomainXml.defaults().parse("<domain type='kvm'><name>u</name><vcpu cpuset='0-7'>4</vcpu></domain>");
        SharedCpuLoad load = SharedCpuLoad.of(HostState.of(HOST, List.of(unpinned)));
        assertThat(load.load(0) + load.load(1)).isZero();
        assertThat(load.pool(0)).isEqualTo(CpuSet.range(0, 2));
    }
}
