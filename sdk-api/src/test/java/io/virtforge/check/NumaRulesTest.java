package io.virtforge.check;

import static io.virtforge.check.RuleFixtures.check;
import static io.virtforge.check.RuleFixtures.domain;
import static io.virtforge.check.RuleFixtures.idle;
import static io.virtforge.check.RuleFixtures.pins;
import static io.virtforge.check.RuleFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Domain;
import org.junit.jupiter.api.Test;

/** The NUMA rules; the host has node 0 (CPUs 0-15, 32-47) and node 1 (CPUs 16-31, 48-63). */
class NumaRulesTest {
    private static final String CELL0 = "/domain/cpu/numa/cell[@id='0']";
    private static final String ONE_CELL = "<vcpu>2</vcpu><cpu><numa><cell id='0' cpus='0-1' memory='1024'/></numa></cpu>";

    // NUMA_CROSSING

    @Test
    void numaCrossingTheVcpusOfOneCellPinnedToTwoNodes() {
        Domain d = domain(ONE_CELL + "<cputune>" + pins(2, 17) + "</cputune>");
        Finding f = single(check(NumaRules.NUMA_CROSSING, d, idle()), "NUMA_CROSSING", Severity.ERROR, CELL0);
        assertThat(f.message()).contains("guest cell 0").contains("[0, 1]");
    }

    @Test
    void numaCrossingTheMemoryOfACellOnAnotherNodeThanItsVcpus() {
        Domain d = domain(ONE_CELL + "<cputune>" + pins(2, 3) + "</cputune>"
                + "<numatune><memnode cellid='0' mode='strict' nodeset='1'/></numatune>");
        Finding f = single(check(NumaRules.NUMA_CROSSING, d, idle()), "NUMA_CROSSING", Severity.ERROR, CELL0);
        assertThat(f.message()).contains("memory of guest cell 0").contains("[1]").contains("host node 0");
        assertThat(f.hint()).contains("node 0");
    }

    @Test
    void numaCrossingACellOnOneNodeWithItsMemoryIsClean() {
        Domain d = domain(ONE_CELL + "<cputune>" + pins(2, 34) + "</cputune>"
                + "<numatune><memnode cellid='0' mode='strict' nodeset='0'/></numatune>");
        assertThat(check(NumaRules.NUMA_CROSSING, d, idle())).isEmpty();
    }

    @Test
    void numaCrossingMemorySpanningTheVcpusNodeAndAnotherIsLeftToTheChecklist() {
        // part of the memory is local: GUEST_CELL_SPANS_NODES warns about the rest, this is no error
        Domain d = domain(ONE_CELL + "<cputune>" + pins(2, 3) + "</cputune>"
                + "<numatune><memnode cellid='0' mode='strict' nodeset='0-1'/></numatune>");
        assertThat(check(NumaRules.NUMA_CROSSING, d, idle())).isEmpty();
        assertThat(check(ChecklistRules.GUEST_CELL_SPANS_NODES, d)).hasSize(1);
    }

    @Test
    void numaCrossingWithoutGuestNumaLooksAtTheWholeDomain() {
        Finding f = single(check(NumaRules.NUMA_CROSSING, domain("<vcpu>2</vcpu><cputune>" + pins(0, 16)
                + "</cputune>"), idle()), "NUMA_CROSSING", Severity.ERROR, "/domain/cputune");
        assertThat(f.message()).contains("the domain").contains("[0, 1]");
        Finding mem = single(check(NumaRules.NUMA_CROSSING, domain("<vcpu>2</vcpu><cputune>" + pins(0, 1)
                + "</cputune><numatune><memory mode='strict' nodeset='1'/></numatune>"), idle()), "NUMA_CROSSING",
                Severity.ERROR, "/domain/cputune");
        assertThat(mem.message()).contains("[1]").contains("host node 0");
        assertThat(check(NumaRules.NUMA_CROSSING, domain("<vcpu>2</vcpu><cputune>" + pins(16, 17)
                + "</cputune><numatune><memory mode='strict' nodeset='1'/></numatune>"), idle())).isEmpty();
    }

    @Test
    void numaCrossingTakesUnpinnedVcpusFromTheVcpuCpuset() {
        Domain d = domain("<vcpu cpuset='0-31'>2</vcpu><cpu><numa><cell id='0' cpus='0-1' memory='1024'/></numa></cpu>");
        Finding f = single(check(NumaRules.NUMA_CROSSING, d, idle()), "NUMA_CROSSING", Severity.ERROR, CELL0);
        assertThat(f.message()).contains("[0, 1]");
        Domain pinned = domain("<vcpu cpuset='0-31'>2</vcpu><cpu><numa><cell id='0' cpus='0-1' memory='1024'/></numa>"
                + "</cpu><cputune>" + pins(4, 5) + "</cputune>");
        assertThat(check(NumaRules.NUMA_CROSSING, pinned, idle())).isEmpty();
    }

    @Test
    void numaCrossingUnpinnedCellsAreNotJudged() {
        assertThat(check(NumaRules.NUMA_CROSSING, domain(ONE_CELL
                + "<numatune><memnode cellid='0' mode='strict' nodeset='1'/></numatune>"), idle())).isEmpty();
    }

    // NODESET_MISSING

    @Test
    void nodesetMissingAMemoryNodesetBeyondTheHost() {
        Domain d = domain("<numatune><memory mode='strict' nodeset='0-2'/></numatune>");
        Finding f = single(check(NumaRules.NODESET_MISSING, d, idle()), "NODESET_MISSING", Severity.ERROR,
                "/domain/numatune/memory");
        assertThat(f.message()).contains("0-2").contains("[2]");
        assertThat(f.hint()).contains("[0, 1]");
    }

    @Test
    void nodesetMissingAMemnodeNodesetBeyondTheHost() {
        Domain d = domain(ONE_CELL + "<numatune><memnode cellid='0' mode='strict' nodeset='3'/></numatune>");
        Finding f = single(check(NumaRules.NODESET_MISSING, d, idle()), "NODESET_MISSING", Severity.ERROR,
                "/domain/numatune/memnode[@cellid='0']");
        assertThat(f.message()).contains("[3]");
    }

    @Test
    void nodesetMissingNodesTheHostHasAreClean() {
        Domain d = domain(ONE_CELL + "<numatune><memory mode='strict' nodeset='0-1'/>"
                + "<memnode cellid='0' mode='strict' nodeset='1'/></numatune>");
        assertThat(check(NumaRules.NODESET_MISSING, d, idle())).isEmpty();
        assertThat(check(NumaRules.NODESET_MISSING, domain("<numatune><memory mode='strict' placement='auto'/>"
                + "</numatune>"), idle())).isEmpty();
    }

    // NUMA_UNBOUND

    @Test
    void numaUnboundACellWithUnpinnedVcpusAndNoNumatune() {
        Finding f = single(check(NumaRules.NUMA_UNBOUND, domain(ONE_CELL)), "NUMA_UNBOUND", Severity.WARNING, CELL0);
        assertThat(f.message()).contains("guest cell 0").contains("no host node");
    }

    @Test
    void numaUnboundIsAWarningInStandardAndAnErrorInLatencySensitive() {
        Domain d = domain(ONE_CELL);
        assertThat(Validator.standard().validate(d).findings("NUMA_UNBOUND"))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
        assertThat(Validator.latencySensitive().validate(d).findings("NUMA_UNBOUND"))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.ERROR);
    }

    @Test
    void numaUnboundACellWithPinnedVcpusOrBoundMemoryIsClean() {
        assertThat(check(NumaRules.NUMA_UNBOUND, domain(ONE_CELL + "<cputune>" + pins(2, 3) + "</cputune>"))).isEmpty();
        assertThat(check(NumaRules.NUMA_UNBOUND, domain(ONE_CELL
                + "<numatune><memnode cellid='0' mode='strict' nodeset='0'/></numatune>"))).isEmpty();
        assertThat(check(NumaRules.NUMA_UNBOUND, domain(ONE_CELL
                + "<numatune><memory mode='strict' nodeset='0'/></numatune>"))).isEmpty();
        assertThat(check(NumaRules.NUMA_UNBOUND, domain("<vcpu cpuset='0-1'>2</vcpu>"
                + "<cpu><numa><cell id='0' cpus='0-1' memory='1024'/></numa></cpu>"))).isEmpty();
    }

    @Test
    void numaUnboundOnlyJudgesGuestNumaCells() {
        assertThat(check(NumaRules.NUMA_UNBOUND, domain("<vcpu>2</vcpu>"))).isEmpty();
    }

    @Test
    void numaUnboundAutomaticPlacementBindsTheDomain() {
        assertThat(check(NumaRules.NUMA_UNBOUND, domain(ONE_CELL
                + "<numatune><memory mode='strict' placement='auto'/></numatune>"))).isEmpty();
        assertThat(check(NumaRules.NUMA_UNBOUND, domain("<vcpu placement='auto'>2</vcpu>"
                + "<cpu><numa><cell id='0' cpus='0-1' memory='1024'/></numa></cpu>"))).isEmpty();
    }

    @Test
    void numaUnboundReportsEachUnboundCellOnly() {
        Domain d = domain("<vcpu>2</vcpu><cpu><numa><cell id='0' cpus='0' memory='1024'/>"
                + "<cell id='1' cpus='1' memory='1024'/></numa></cpu>"
                + "<numatune><memnode cellid='0' mode='strict' nodeset='0'/></numatune>");
        single(check(NumaRules.NUMA_UNBOUND, d), "NUMA_UNBOUND", Severity.WARNING, "/domain/cpu/numa/cell[@id='1']");
    }
}
