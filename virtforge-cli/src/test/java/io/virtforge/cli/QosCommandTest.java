package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.IoTune.Limit;
import io.virtforge.value.DataSize;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code virtforge qos} end to end on a fake host: what it prints before and after is what the VM then has. */
class QosCommandTest {
    FakeVirtConnection xeon;
    VirtDomain vm;

    @BeforeEach
    void host() {
        xeon = Fixtures.get(Fixtures.XEON_2S).connect();
        xeon.storage().add("/var/lib/libvirt/images/web.qcow2");
        vm = xeon.define(DomainBuilder.named("web").memory(DataSize.gib(2)).vcpus(2)
                .disk(d -> d.file("/var/lib/libvirt/images/web.qcow2")).nic(n -> n.network("default")).build());
        vm.start();
    }

    private String vnet() {
        return vm.live().devices().interfaces().get(0).targetDev().orElseThrow();
    }

    @Test
    void limitsADiskANicAndTheCpuLiveAndShowsBeforeAndAfter() {
        CliRun run = CliRun.on(xeon, "qos", "web", "--disk", "vda", "--read-iops", "500", "--write-bytes", "50MiB",
                "--nic", vnet(), "--inbound", "1000Mbit", "--cpu-cap", "50%", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Object json = run.json();
        assertThat(MiniJson.<String>get(json, "scope")).isEqualTo("live");
        assertThat(MiniJson.<Object>get(json, "before", "vda.read_iops_sec")).isNull();
        assertThat(MiniJson.<Long>get(json, "after", "vda.read_iops_sec")).isEqualTo(500L);
        assertThat(MiniJson.<Long>get(json, "after", "vda.write_bytes_sec")).isEqualTo(50L * 1024 * 1024);
        assertThat(MiniJson.<Long>get(json, "before", "vcpu_quota")).isEqualTo(-1L);
        assertThat(MiniJson.<Long>get(json, "after", "vcpu_quota")).isEqualTo(50_000L);
        assertThat(MiniJson.<Long>get(json, "after", vnet() + ".inbound.average")).isEqualTo(125_000L);
        // what the command printed is what the VM has
        assertThat(vm.qos().blockIoTune("vda", Scope.LIVE).rate(Limit.READ_IOPS_SEC)).hasValue(500);
        assertThat(vm.live().cputune().orElseThrow().quota()).contains(50_000L);
        assertThat(vm.definition().cputune()).isEmpty(); // live only
    }

    @Test
    void configChangesTheDefinitionAndTheTableMarksWhatChanged() {
        CliRun run = CliRun.on(xeon, "qos", "web", "--cpu-shares", "2048", "--memory-hard-limit", "4GiB", "--config");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("qos of web (config)").containsPattern("cpu_shares +- +2048 +\\*")
                .containsPattern("hard_limit_kib +- +4194304 +\\*");
        assertThat(vm.definition().cputune().orElseThrow().shares()).hasValue(2048);
        assertThat(vm.definition().memtune().orElseThrow().hardLimit()).contains(DataSize.gib(4));
    }

    @Test
    void withoutAChangeItOnlyShows() {
        CliRun run = CliRun.on(xeon, "qos", "web", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(MiniJson.<Long>get(run.json(), "after", "cpu_shares")).isEqualTo(1024L);
    }

    @Test
    void whatLibvirtRefusesIsBadInputAndNothingChanges() {
        CliRun run = CliRun.on(xeon, "qos", "web", "--disk", "vdz", "--read-iops", "5", "--json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(MiniJson.<String>get(run.json(), "error")).contains("vdz");
        CliRun both = CliRun.on(xeon, "qos", "web", "--cpu-shares", "5", "--cpu-cap", "50%");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("exclude each other");
        CliRun rate = CliRun.on(xeon, "qos", "web", "--nic", vnet(), "--inbound", "fast");
        assertThat(rate.exitCode()).isEqualTo(2);
        assertThat(rate.err()).contains("not a rate");
        assertThat(CliRun.on(xeon, "qos", "nope").exitCode()).isEqualTo(2);
        assertThat(vm.live().devices().disks().get(0).iotune()).isEmpty();
    }

    @Test
    void aLiveChangeOfAStoppedVmIsRefusedByTheHost() {
        vm.destroy();
        CliRun run = CliRun.on(xeon, "qos", "web", "--cpu-shares", "512", "--live");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("not running");
    }

    @Test
    void ratesReadAsPeopleTypeThem() {
        assertThat(QosRates.kilobytesPerSecond("--inbound", "1000Mbit")).isEqualTo(125_000);
        assertThat(QosRates.kilobytesPerSecond("--inbound", "10Gbit")).isEqualTo(1_250_000);
        assertThat(QosRates.kilobytesPerSecond("--inbound", "125MB")).isEqualTo(125_000);
        assertThat(QosRates.kilobytesPerSecond("--inbound", "800kbit")).isEqualTo(100);
        assertThat(QosRates.kilobytesPerSecond("--inbound", "640")).isEqualTo(640);
        assertThat(QosRates.percent("--cpu-cap", "50%")).isEqualTo(50);
    }
}
