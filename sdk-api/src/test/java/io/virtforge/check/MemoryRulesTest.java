package io.virtforge.check;

import static io.virtforge.check.RuleFixtures.check;
import static io.virtforge.check.RuleFixtures.domain;
import static io.virtforge.check.RuleFixtures.idle;
import static io.virtforge.check.RuleFixtures.named;
import static io.virtforge.check.RuleFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host rules on memory; the host's nodes have 64 GiB and 1024 free 2 MiB pages each, no 1 GiB page. */
class MemoryRulesTest {
    private static final String HUGEPAGES = "/domain/memoryBacking/hugepages";

    static String huge(String page) {
        return "<memoryBacking><hugepages>" + page + "</hugepages></memoryBacking>";
    }

    static String strict(String nodes) {
        return "<numatune><memory mode='strict' nodeset='" + nodes + "'/></numatune>";
    }

    /** The same host with pool totals only, as libvirt's capabilities give them. */
    static HostTopology totalsOnly() {
        HostTopology.Builder b = SyntheticHost.of(2, 1, 16, 2, DataSize.gib(64), 0);
        for (int n = 0; n < 2; n++) {
            b.hugePages(n, HugePagePool.ofTotal(PageSize.MIB_2, 1024));
        }
        return b.build();
    }

    // HUGEPAGE_SIZE_UNSUPPORTED

    @Test
    void hugepageSizeUnsupportedAPageSizeTheHostLacks() {
        Domain d = domain("<memory unit='GiB'>1</memory>" + huge("<page size='16' unit='MiB'/>"));
        Finding f = single(check(MemoryRules.HUGEPAGE_SIZE_UNSUPPORTED, d, idle()), "HUGEPAGE_SIZE_UNSUPPORTED",
                Severity.ERROR, HUGEPAGES);
        assertThat(f.message()).contains("16MiB").contains("2MiB").contains("1GiB");
    }

    @Test
    void hugepageSizeUnsupportedIsReportedOncePerSize() {
        Domain d = domain("<vcpu>2</vcpu><cpu><numa><cell id='0' cpus='0' memory='64' unit='MiB'/>"
                + "<cell id='1' cpus='1' memory='64' unit='MiB'/></numa></cpu>" + huge("<page size='16' unit='MiB'/>"));
        single(check(MemoryRules.HUGEPAGE_SIZE_UNSUPPORTED, d, idle()), "HUGEPAGE_SIZE_UNSUPPORTED", Severity.ERROR,
                HUGEPAGES);
    }

    @Test
    void hugepageSizeUnsupportedSizesTheHostHasAreClean() {
        assertThat(check(MemoryRules.HUGEPAGE_SIZE_UNSUPPORTED, domain("<memory unit='GiB'>1</memory>"
                + huge("<page size='1' unit='GiB'/>")), idle())).isEmpty();
        assertThat(check(MemoryRules.HUGEPAGE_SIZE_UNSUPPORTED, domain("<memory unit='GiB'>1</memory>"
                + huge("")), idle())).isEmpty();
    }

    // HUGEPAGES_INSUFFICIENT

    @Test
    void hugepagesInsufficientMoreThanTheBoundNodeHasFree() {
        Domain d = domain("<memory unit='GiB'>4</memory>" + huge("") + strict("0"));
        Finding f = single(check(MemoryRules.HUGEPAGES_INSUFFICIENT, d, idle()), "HUGEPAGES_INSUFFICIENT",
                Severity.ERROR, HUGEPAGES);
        assertThat(f.message()).contains("2048 huge pages of 2MiB").contains("host node 0").contains("1024 free");
        assertThat(f.hint()).contains("1024 more").contains("node0/hugepages/hugepages-2048kB");
    }

    @Test
    void hugepagesInsufficientWhatTheNodeHasIsClean() {
        assertThat(check(MemoryRules.HUGEPAGES_INSUFFICIENT, domain("<memory unit='GiB'>2</memory>" + huge("")
                + strict("0")), idle())).isEmpty();
        assertThat(check(MemoryRules.HUGEPAGES_INSUFFICIENT, domain("<memory unit='GiB'>4</memory>" + huge("")
                + strict("0-1")), idle())).as("spread over two nodes, 1024 each").isEmpty();
    }

    @Test
    void hugepagesInsufficientIsCountedPerNodeAndSize() {
        Domain d = domain("<vcpu>2</vcpu><memory unit='GiB'>3</memory><cpu><numa>"
                + "<cell id='0' cpus='0' memory='2' unit='GiB'/><cell id='1' cpus='1' memory='1' unit='GiB'/></numa></cpu>"
                + huge("<page size='2' unit='MiB' nodeset='0'/><page size='1' unit='GiB' nodeset='1'/>")
                + "<numatune><memnode cellid='0' mode='strict' nodeset='0'/>"
                + "<memnode cellid='1' mode='strict' nodeset='1'/></numatune>");
        Finding f = single(check(MemoryRules.HUGEPAGES_INSUFFICIENT, d, idle()), "HUGEPAGES_INSUFFICIENT",
                Severity.ERROR, HUGEPAGES);
        assertThat(f.message()).contains("1 huge pages of 1GiB").contains("host node 1").contains("0 free");
    }

    @Test
    void hugepagesInsufficientCountsWhatOtherDomainsHoldOnTotalsOnlyPools() {
        Domain other = named("other", "<memory unit='GiB'>1</memory>" + huge("") + strict("0"));
        HostState s = HostState.of(totalsOnly(), List.of(other));
        Domain d = domain("<memory unit='GiB'>2</memory>" + huge("") + strict("0"));
        Finding f = single(check(MemoryRules.HUGEPAGES_INSUFFICIENT, d, s), "HUGEPAGES_INSUFFICIENT", Severity.ERROR,
                HUGEPAGES);
        assertThat(f.message()).contains("1024 huge pages").contains("512 free").contains("pool of 1024");
        assertThat(check(MemoryRules.HUGEPAGES_INSUFFICIENT, domain("<memory unit='GiB'>1</memory>" + huge("")
                + strict("0")), s)).isEmpty();
    }

    @Test
    void hugepagesInsufficientDoesNotCountTheDomainsOwnPagesAgainstIt() {
        Domain d = domain("<memory unit='GiB'>2</memory>" + huge("") + strict("0"));
        assertThat(check(MemoryRules.HUGEPAGES_INSUFFICIENT, d, HostState.of(totalsOnly(), List.of(d)))).isEmpty();
    }

    @Test
    void hugepagesInsufficientUnboundCellsDrawOnEveryNode() {
        Domain d = domain("<memory unit='GiB'>5</memory>" + huge(""));
        Finding f = single(check(MemoryRules.HUGEPAGES_INSUFFICIENT, d, idle()), "HUGEPAGES_INSUFFICIENT",
                Severity.ERROR, HUGEPAGES);
        assertThat(f.message()).contains("2560 huge pages").contains("2048 free over all nodes");
        assertThat(check(MemoryRules.HUGEPAGES_INSUFFICIENT, domain("<memory unit='GiB'>4</memory>" + huge("")),
                idle())).isEmpty();
    }

    @Test
    void hugepagesInsufficientPreferredBindingsMayTakePagesFromAnyNode() {
        String preferred = "<numatune><memory mode='preferred' nodeset='0'/></numatune>";
        assertThat(check(MemoryRules.HUGEPAGES_INSUFFICIENT, domain("<memory unit='GiB'>4</memory>" + huge("")
                + preferred), idle())).as("2048 pages: 1024 on node 0, the rest from node 1").isEmpty();
        Finding f = single(check(MemoryRules.HUGEPAGES_INSUFFICIENT, domain("<memory unit='GiB'>5</memory>"
                + huge("") + preferred), idle()), "HUGEPAGES_INSUFFICIENT", Severity.ERROR, HUGEPAGES);
        assertThat(f.message()).contains("2560 huge pages").contains("any node").contains("2048 free");
    }

    @Test
    void hugepagesInsufficientFreePagesForAnyNodeLeaveOutWhatStrictCellsTake() {
        String body = "<vcpu>2</vcpu><cpu><numa><cell id='0' cpus='0' memory='2' unit='GiB'/>"
                + "<cell id='1' cpus='1' memory='%d' unit='GiB'/></numa></cpu>" + huge("")
                + "<numatune><memnode cellid='0' mode='strict' nodeset='0'/></numatune>";
        assertThat(check(MemoryRules.HUGEPAGES_INSUFFICIENT, domain(String.format(body, 2)), idle())).isEmpty();
        Finding f = single(check(MemoryRules.HUGEPAGES_INSUFFICIENT, domain(String.format(body, 3)), idle()),
                "HUGEPAGES_INSUFFICIENT", Severity.ERROR, HUGEPAGES);
        assertThat(f.message()).contains("1536 huge pages").contains("1024 free over all nodes");
    }

    @Test
    void hugepagesInsufficientCellsNoPageNamesUseBasePages() {
        // cell 1 is named by no <page> and there is no page without nodeset: libvirt backs it with base pages
        Domain d = domain("<vcpu>2</vcpu><memory unit='GiB'>9</memory><cpu><numa>"
                + "<cell id='0' cpus='0' memory='1' unit='GiB'/><cell id='1' cpus='1' memory='8' unit='GiB'/></numa></cpu>"
                + huge("<page size='2' unit='MiB' nodeset='0'/>") + strict("0"));
        assertThat(check(MemoryRules.HUGEPAGES_INSUFFICIENT, d, idle())).isEmpty();
    }

    // MEMORY_INSUFFICIENT (each node: 64 GiB less a 2 GiB pool = 62 GiB)

    @Test
    void memoryInsufficientMoreBoundStrictlyThanTheNodeHasLeft() {
        Domain d = domain("<memory unit='GiB'>63</memory>" + strict("0"));
        Finding f = single(check(MemoryRules.MEMORY_INSUFFICIENT, d, idle()), "MEMORY_INSUFFICIENT", Severity.ERROR,
                "/domain/numatune/memory");
        assertThat(f.message()).contains("63GiB").contains("host node 0").contains("62GiB left").contains("64GiB");
    }

    @Test
    void memoryInsufficientWhatTheNodeHasLeftIsClean() {
        assertThat(check(MemoryRules.MEMORY_INSUFFICIENT, domain("<memory unit='GiB'>62</memory>" + strict("0")),
                idle())).isEmpty();
        assertThat(check(MemoryRules.MEMORY_INSUFFICIENT, domain("<memory unit='GiB'>100</memory>" + strict("0-1")),
                idle())).as("50 GiB on each node").isEmpty();
    }

    @Test
    void memoryInsufficientOnlyForStrictBindings() {
        assertThat(check(MemoryRules.MEMORY_INSUFFICIENT, domain("<memory unit='GiB'>63</memory>"
                + "<numatune><memory mode='preferred' nodeset='0'/></numatune>"), idle())).isEmpty();
        assertThat(check(MemoryRules.MEMORY_INSUFFICIENT, domain("<memory unit='GiB'>200</memory>"), idle()))
                .as("unbound").isEmpty();
        assertThat(check(MemoryRules.MEMORY_INSUFFICIENT, domain("<memory unit='GiB'>63</memory>" + huge("")
                + strict("0")), idle())).as("huge-page backed memory is HUGEPAGES_INSUFFICIENT's").isEmpty();
    }

    @Test
    void memoryInsufficientCountsOtherDomainsButNotItself() {
        HostState s = HostState.of(RuleFixtures.HOST, List.of(named("other", "<memory unit='GiB'>40</memory>"
                + strict("0"))));
        Domain d = domain("<memory unit='GiB'>30</memory>" + strict("0"));
        Finding f = single(check(MemoryRules.MEMORY_INSUFFICIENT, d, s), "MEMORY_INSUFFICIENT", Severity.ERROR,
                "/domain/numatune/memory");
        assertThat(f.message()).contains("30GiB").contains("22GiB left");
        assertThat(check(MemoryRules.MEMORY_INSUFFICIENT, d, s.with(d))).hasSize(1);
        Domain fits = domain("<memory unit='GiB'>22</memory>" + strict("0"));
        assertThat(check(MemoryRules.MEMORY_INSUFFICIENT, fits, s.with(fits))).isEmpty();
    }
}
