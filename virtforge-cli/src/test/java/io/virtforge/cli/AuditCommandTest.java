package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.NumaMode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    @TempDir
    Path images;
    FakeVirtConnection xeon;

    @BeforeEach
    void host() {
        xeon = Fixtures.get(Fixtures.XEON_2S).connect();
        xeon.storage().addFolder(images.toString()); // the command line makes its images there for real
        // a tuned VM, made by the command line
        assertThat(CliRun.on(xeon, "create-optimized-vm", "tuned", "4", "4", "10", "0", "--images", images.toString())
                .exitCode()).isZero();
        // the seed's crossing fragment: one guest cell whose vCPUs sit on both nodes, shut off
        xeon.define(DomainBuilder.named("crossing").vcpus(2).memory(DataSize.gib(4))
                .pinVcpu(0, CpuSet.of(10)).pinVcpu(1, CpuSet.of(20)).build());
    }

    @SuppressWarnings("unchecked")
    private static List<String> codes(Object json, int domain) {
        return ((List<Map<String, Object>>) MiniJson.get(json, "domains", domain, "findings")).stream()
                .map(f -> (String) f.get("code")).toList();
    }

    @Test
    void everyDomainAndTheHostAreCheckedAndAnErrorExitsOne() {
        CliRun run = CliRun.on(xeon, "audit", "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        Object json = run.json();
        assertThat(MiniJson.<List<Map<String, Object>>>get(json, "domains")).extracting(d -> d.get("name"))
                .containsExactlyInAnyOrder("tuned", "crossing");
        int tuned = "tuned".equals(MiniJson.get(json, "domains", 0, "name")) ? 0 : 1;
        assertThat(codes(json, tuned)).doesNotContain("NUMA_CROSSING", "NO_PINNING", "NO_HUGEPAGES");
        assertThat(MiniJson.<String>get(json, "domains", tuned, "state")).isEqualTo("running");
        assertThat(codes(json, 1 - tuned)).contains("NUMA_CROSSING", "NO_HUGEPAGES", "MEMORY_NOT_LOCKED");
        assertThat(MiniJson.<List<Map<String, Object>>>get(json, "host", "findings")).extracting(f -> f.get("code"))
                .contains("THP_ENABLED");
        assertThat(MiniJson.<Long>get(json, "errors")).isPositive();
    }

    @Test
    void oneDomainWithoutErrorsExitsZero() {
        CliRun run = CliRun.on(xeon, "audit", "--domain", "tuned");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Domain tuned (running): 0 error(s)", "Host fake:///xeon-2s:",
                "WARNING THP_ENABLED at /sys/kernel/mm/transparent_hugepage/enabled", "fix: ")
                .doesNotContain("Domain crossing");
    }

    @Test
    void shutOffDomainsThatNeedMorePagesThanAreFreeAreAHostFinding() {
        xeon.define(DomainBuilder.named("hungry").vcpus(2).memory(DataSize.gib(20)).hugepages(PageSize.MIB_2)
                .memoryOn(NumaMode.STRICT, NodeSet.of(1)).pinVcpus(CpuSet.of(40, 41)).build());

        CliRun run = CliRun.on(xeon, "audit", "--domain", "hungry", "--json");

        assertThat(MiniJson.<List<Map<String, Object>>>get(run.json(), "host", "findings"))
                .extracting(f -> f.get("code")).contains("HUGEPAGES_SHORT");
    }

    @Test
    void badInputExitsTwo() {
        assertThat(CliRun.on(xeon, "audit", "--domain", "nope").exitCode()).isEqualTo(2);
        assertThat(CliRun.on(xeon, "audit", "--domain", "tuned", "--all").exitCode()).isEqualTo(2);
    }

    @Test
    void anEmptyFakeHostHasOnlyTheHostAudit() {
        CliRun run = CliRun.of("audit");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("No domains on fake:///xeon-2s (a fake host starts empty in every run).",
                "0 domain(s) and the host: 0 error(s)");
    }

    @Test
    void liveAuditAddsTheRunningDomainsDrift() {
        io.virtforge.connect.VirtDomain tuned = xeon.domain("tuned");
        int vcpu = tuned.vcpuPins().keySet().iterator().next();
        new io.virtforge.fake.kernel.FakeQemuProcesses(xeon.sysfs().orElseThrow()).sync(xeon);
        assertThat(CliRun.on(xeon, "audit", "--live", "--domain", "tuned", "--interval", "0.01").out())
                .as("the tuning holds").doesNotContain("PIN_DRIFT", "MEMORY_OFF_NODE", "HUGEPAGES_NOT_USED");
        tuned.pinVcpu(vcpu, CpuSet.of(63), io.virtforge.connect.Scope.LIVE);

        CliRun run = CliRun.on(xeon, "audit", "--live", "--domain", "tuned", "--interval", "0.01");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("WARNING PIN_DRIFT at /domain[name='tuned']/cputune/vcpupin[@vcpu='" + vcpu + "']",
                "fix: pin it back: virsh vcpupin tuned " + vcpu);
        assertThat(CliRun.on(xeon, "audit", "--domain", "tuned").out()).as("without --live").doesNotContain("PIN_DRIFT");
        assertThat(CliRun.on(xeon, "audit", "--live", "--interval", "0").exitCode()).isEqualTo(Virtforge.BAD_INPUT);
    }

    @Test
    void theOvercommitProfileSetsWhatIsTooMany() {
        // 48 vCPUs floating over node 1's 32 CPUs: 1.5:1, above production's 1:1 warning, within dev-test's 4:1
        DomainBuilder floater = DomainBuilder.named("floater").vcpus(48).memory(DataSize.gib(1));
        for (int v = 0; v < 48; v++) {
            floater.pinVcpu(v, CpuSet.parse("16-31,48-63"));
        }
        xeon.define(floater.build());

        assertThat(codes(CliRun.on(xeon, "audit", "--domain", "floater", "--json").json(), 0)).contains("OVERCOMMIT");
        CliRun devTest = CliRun.on(xeon, "audit", "--domain", "floater", "--overcommit", "dev-test", "--json");
        assertThat(devTest.exitCode()).as(devTest.toString()).isZero();
        assertThat(codes(devTest.json(), 0)).doesNotContain("OVERCOMMIT");
        CliRun bad = CliRun.on(xeon, "audit", "--overcommit", "lots");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("production (1:1 to 2:1)", "WARN:MAX");
    }
}
