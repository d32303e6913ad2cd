package io.virtforge.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Domain;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import io.virtforge.model.DomainXml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HostState and DomainFootprint: what domains take from a host. */
class HostStateTest {
    static final PciAddress GPU = PciAddress.parse("0000:af:00.0");
    static final PciAddress VF = PciAddress.parse("0000:3b:02.1");

    static Domain domain(String name, String body) {
        return DomainXml.defaults().parse("<domain type='kvm'><name>" + name + "</name>" + body + "</domain>");
    }

    /** 2 nodes x 4 cores x 2 threads; 2 MiB pools with totals only (as libvirt's capabilities give them). */
    static HostTopology totalsOnly(long pages2m) {
        HostTopology.Builder b = HostTopology.builder().pageSize(PageSize.KIB_4);
        for (int n = 0; n < 2; n++) {
            b.node(n, DataSize.gib(16)).hugePages(n, HugePagePool.ofTotal(PageSize.MIB_2, pages2m));
        }
        for (int core = 0; core < 8; core++) {
            for (int t = 0; t < 2; t++) {
                b.cpu(HostCpu.of(core + 8 * t, core / 4).withTopology(core / 4, 0, core % 4, CpuSet.of(core, core + 8)));
            }
        }
        return b.build();
    }

    /** A domain of {@code mib} MiB on 2 MiB pages bound to {@code nodes}, pinned to {@code cpus} one by one. */
    static Domain pinnedHuge(String name, int mib, String nodes, int... cpus) {
        StringBuilder pins = new StringBuilder();
        for (int v = 0; v < cpus.length; v++) {
            pins.append("<vcpupin vcpu='").append(v).append("' cpuset='").append(cpus[v]).append("'/>");
        }
        return domain(name, "<memory unit='MiB'>" + mib + "</memory><vcpu>" + cpus.length + "</vcpu>"
                + "<memoryBacking><hugepages/></memoryBacking><cputune>" + pins + "</cputune>"
                + "<numatune><memory mode='strict' nodeset='" + nodes + "'/></numatune>");
    }

    @Test
    void pinsByOtherDomains() {
        HostState s = HostState.of(totalsOnly(0), List.of(pinnedHuge("a", 0, "0", 1, 2), pinnedHuge("b", 0, "0", 2, 3)));
        assertThat(s.pinnedCpus()).isEqualTo(CpuSet.of(1, 2, 3));
        assertThat(s.vcpuPinnedBy(2)).containsExactly("a", "b");
        assertThat(s.vcpuPinnedBy(1)).containsExactly("a");
        assertThat(s.vcpuPinnedBy(0)).isEmpty();
        assertThat(s.vcpuPinnedBy(-1)).isEmpty();
        assertThat(s.vcpuPinnedBy(500)).isEmpty();
        assertThat(s.vcpuPinnedByOther(1, "a")).isFalse();
        assertThat(s.vcpuPinnedByOther(1, "b")).isTrue();
        assertThat(s.vcpuPinnedByOther(2, "a")).isTrue();
        assertThat(s.vcpuPinnedByOther(0, "x")).isFalse();
        assertThat(s.totalVcpus()).isEqualTo(4);
    }

    @Test
    void freeHugePagesAreTotalsMinusHeldWhenThePoolHasNoFreeCount() {
        HostState s = HostState.of(totalsOnly(100), List.of(pinnedHuge("a", 64, "0", 1), pinnedHuge("b", 20, "1", 9)));
        assertThat(s.heldHugePages(0, PageSize.MIB_2)).isEqualTo(32);
        assertThat(s.heldHugePages(1, PageSize.MIB_2)).isEqualTo(10);
        assertThat(s.freeHugePages(0, PageSize.MIB_2)).isEqualTo(68);
        assertThat(s.freeHugePages(1, PageSize.MIB_2)).isEqualTo(90);
        assertThat(s.freeHugePages(0, PageSize.GIB_1)).as("no such pool").isZero();
        assertThat(s.freeHugePages(5, PageSize.MIB_2)).as("no such node").isZero();
    }

    @Test
    void freeHugePagesAreTakenAsIsWhenThePoolHasAFreeCount() {
        HostTopology live = totalsOnly(0).toBuilder().hugePages(0, HugePagePool.of(PageSize.MIB_2, 100, 40)).build();
        HostState s = HostState.of(live, List.of(pinnedHuge("a", 64, "0", 1)));
        assertThat(s.heldHugePages(0, PageSize.MIB_2)).isEqualTo(32);
        assertThat(s.freeHugePages(0, PageSize.MIB_2)).isEqualTo(40);
        assertThat(s.freeHugePagesExcluding(0, PageSize.MIB_2, "a")).as("a live count already reflects a").isEqualTo(40);
    }

    @Test
    void aDomainsOwnPagesDoNotCountAgainstIt() {
        HostState s = HostState.of(totalsOnly(100), List.of(pinnedHuge("a", 64, "0", 1), pinnedHuge("b", 40, "0", 2)));
        assertThat(s.freeHugePages(0, PageSize.MIB_2)).isEqualTo(48);
        assertThat(s.freeHugePagesExcluding(0, PageSize.MIB_2, "a")).isEqualTo(80);
        assertThat(s.freeHugePagesExcluding(0, PageSize.MIB_2, "b")).isEqualTo(68);
        assertThat(s.freeHugePagesExcluding(0, PageSize.MIB_2, "unknown")).isEqualTo(48);
        assertThat(s.freeHugePagesExcluding(0, PageSize.GIB_1, "a")).isZero();
    }

    @Test
    void aDomainsOwnPagesAreTakenOutBeforeClippingAtZero() {
        // others hold 30 pages of a 20-page pool: none is free for a, whatever a itself holds
        HostState s = HostState.of(totalsOnly(20), List.of(pinnedHuge("a", 20, "0", 1), pinnedHuge("b", 60, "0", 2)));
        assertThat(s.freeHugePages(0, PageSize.MIB_2)).isZero();
        assertThat(s.freeHugePagesExcluding(0, PageSize.MIB_2, "a")).isZero();
        assertThat(s.freeHugePagesExcluding(0, PageSize.MIB_2, "b")).isEqualTo(10);
    }

    @Test
    void cellsBoundToSeveralNodesSpreadEvenlyRemainderOnTheLowest() {
        Domain d = domain("a", "<memory unit='MiB'>6</memory><vcpu>2</vcpu><memoryBacking><hugepages/></memoryBacking>"
                + "<numatune><memory mode='strict' nodeset='0-1'/></numatune>");
        DomainFootprint f = DomainFootprint.of(d, PageSize.MIB_2);
        assertThat(f.cells()).hasSize(1);
        assertThat(f.cells().get(0).hugePages()).isEqualTo(3);
        assertThat(f.hugePagesByNode()).isEqualTo(Map.of(0, Map.of(PageSize.MIB_2, 2L), 1, Map.of(PageSize.MIB_2, 1L)));
        Domain base = domain("b", "<memory unit='KiB'>3</memory><numatune><memory nodeset='1,3,5'/></numatune>");
        assertThat(DomainFootprint.of(base, PageSize.MIB_2).cells().get(0).memoryByNode())
                .isEqualTo(Map.of(1, 1024L, 3, 1024L, 5, 1024L));
        HostState s = HostState.of(totalsOnly(10), List.of(d));
        assertThat(s.heldHugePages(0, PageSize.MIB_2)).isEqualTo(2);
        assertThat(s.heldHugePages(1, PageSize.MIB_2)).isEqualTo(1);
    }

    @Test
    void guestCellsTakeTheirMemnodeElseTheWholeNodeset() {
        Domain d = domain("a", "<memory unit='MiB'>6</memory><vcpu>4</vcpu><memoryBacking><hugepages/></memoryBacking>"
                + "<cpu><numa><cell id='0' cpus='0-1' memory='4' unit='MiB'/><cell id='1' cpus='2-3' memory='2' unit='MiB'/>"
                + "</numa></cpu><numatune><memory mode='strict' nodeset='0'/>"
                + "<memnode cellid='1' mode='preferred' nodeset='1'/></numatune>");
        DomainFootprint f = DomainFootprint.of(d, PageSize.MIB_2);
        DomainFootprint.CellUse c0 = f.cells().get(0);
        DomainFootprint.CellUse c1 = f.cells().get(1);
        assertThat(c0.vcpus()).isEqualTo(CpuSet.range(0, 1));
        assertThat(c0.hostNodes()).hasValue(NodeSet.of(0));
        assertThat(c0.strict()).isTrue();
        assertThat(c1.hostNodes()).hasValue(NodeSet.of(1));
        assertThat(c1.strict()).isFalse();
        assertThat(f.hugePagesByNode()).isEqualTo(Map.of(0, Map.of(PageSize.MIB_2, 2L), 1, Map.of(PageSize.MIB_2, 1L)));
    }

    @Test
    void unboundCellsHoldNothingOnAnyNode() {
        Domain d = domain("a", "<memory unit='MiB'>64</memory><vcpu>2</vcpu><memoryBacking><hugepages/></memoryBacking>"
                + "<cpu><numa><cell cpus='0-1' memory='64' unit='MiB'/></numa></cpu>");
        DomainFootprint f = DomainFootprint.of(d, PageSize.MIB_2);
        DomainFootprint.CellUse c = f.cells().get(0);
        assertThat(c.cell()).as("a cell without id is numbered by position").isZero();
        assertThat(c.hostNodes()).isEmpty();
        assertThat(c.hugePages()).isEqualTo(32);
        assertThat(c.hugePagesByNode()).isEmpty();
        assertThat(f.hugePagesByNode()).isEmpty();
        HostState s = HostState.of(totalsOnly(100), List.of(d));
        assertThat(s.heldHugePages(0, PageSize.MIB_2)).isZero();
        assertThat(s.freeHugePages(0, PageSize.MIB_2)).isEqualTo(100);
        assertThat(s.heldMemory(0)).isZero();
    }

    @Test
    void baseMemoryBoundToANodeIsHeldThere() {
        Domain d = domain("a", "<memory unit='GiB'>2</memory><numatune><memory nodeset='1'/></numatune>");
        HostState s = HostState.of(totalsOnly(0), List.of(d));
        assertThat(s.heldMemory(1)).isEqualTo(DataSize.gib(2).bytes());
        assertThat(s.heldMemory(0)).isZero();
    }

    @Test
    void devicesAssignedAsHostdevAndAsSriovVfInterface() {
        Domain d = domain("a", "<devices><hostdev mode='subsystem' type='pci' managed='yes'><source>"
                + "<address domain='0x0000' bus='0xaf' slot='0x00' function='0x0'/></source></hostdev>"
                + "<interface type='hostdev' managed='yes'><source>"
                + "<address type='pci' domain='0x0000' bus='0x3b' slot='0x02' function='0x1'/></source></interface>"
                + "<interface type='network'><source network='default'/></interface></devices>");
        DomainFootprint f = DomainFootprint.of(d, PageSize.MIB_2);
        assertThat(f.devices()).containsExactly(GPU, VF);
        HostState s = HostState.of(totalsOnly(0), List.of(d));
        assertThat(s.assignedTo(GPU)).hasValue("a");
        assertThat(s.assignedTo(VF)).hasValue("a");
        assertThat(s.assignedTo(PciAddress.parse("00:01.0"))).isEmpty();
    }

    @Test
    void withAndWithout() {
        HostState empty = HostState.of(totalsOnly(100));
        assertThat(empty.domains()).isEmpty();
        assertThat(empty.pinnedCpus()).isEqualTo(CpuSet.empty());
        HostState one = empty.with(pinnedHuge("a", 64, "0", 1, 2));
        HostState two = one.with(pinnedHuge("b", 32, "1", 9));
        assertThat(two.domains()).extracting(Domain::name).containsExactly("a", "b");
        assertThat(two.footprints()).extracting(DomainFootprint::domain).containsExactly("a", "b");
        assertThat(two.footprint("b").orElseThrow().vcpus()).isEqualTo(1);
        assertThat(two.totalVcpus()).isEqualTo(3);
        assertThat(two.freeHugePages(1, PageSize.MIB_2)).isEqualTo(84);
        HostState back = two.without("b");
        assertThat(back.domains()).extracting(Domain::name).containsExactly("a");
        assertThat(back.freeHugePages(1, PageSize.MIB_2)).isEqualTo(100);
        assertThat(back.pinnedCpus()).isEqualTo(CpuSet.of(1, 2));
        assertThat(back.footprint("b")).isEmpty();
        assertThat(one.domains()).as("immutable").hasSize(1);
        assertThat(two.without("nobody").domains()).hasSize(2);
    }

    @Test
    void footprintPinsAndDedication() {
        Domain d = domain("a", "<vcpu>2</vcpu><cputune><vcpupin vcpu='0' cpuset='2'/><vcpupin vcpu='1' cpuset='3'/>"
                + "<emulatorpin cpuset='0'/><iothreadpin iothread='1' cpuset='1'/></cputune><iothreads>1</iothreads>");
        DomainFootprint f = DomainFootprint.of(d, PageSize.MIB_2);
        assertThat(f.vcpuPins()).isEqualTo(CpuSet.of(2, 3));
        assertThat(f.dedicated()).isTrue();
        assertThat(f.emulatorPin()).isEqualTo(CpuSet.of(0));
        assertThat(f.iothreadPins()).isEqualTo(CpuSet.of(1));
        Domain partial = domain("b", "<vcpu>2</vcpu><cputune><vcpupin vcpu='0' cpuset='2'/></cputune>");
        assertThat(DomainFootprint.of(partial, PageSize.MIB_2).dedicated()).isFalse();
        Domain shared = domain("c", "<vcpu>2</vcpu><cputune><vcpupin vcpu='0' cpuset='2-3'/>"
                + "<vcpupin vcpu='1' cpuset='2-3'/></cputune>");
        assertThat(DomainFootprint.of(shared, PageSize.MIB_2).dedicated()).isFalse();
        Domain none = domain("d", "<vcpu>2</vcpu>");
        assertThat(DomainFootprint.of(none, PageSize.MIB_2).vcpuPins()).isEqualTo(CpuSet.empty());
        assertThat(DomainFootprint.of(none, PageSize.MIB_2).dedicated()).isFalse();
    }

    @Test
    void vcpusWithoutAVcpupinCountOnTheVcpuCpuset() {
        Domain d = domain("a", "<vcpu cpuset='4-7'>2</vcpu><cputune><vcpupin vcpu='0' cpuset='1'/></cputune>");
        assertThat(DomainFootprint.of(d, PageSize.MIB_2).vcpuPins()).isEqualTo(CpuSet.of(1, 4, 5, 6, 7));
        Domain all = domain("b", "<vcpu cpuset='4-7'>1</vcpu><cputune><vcpupin vcpu='0' cpuset='1'/></cputune>");
        assertThat(DomainFootprint.of(all, PageSize.MIB_2).vcpuPins()).as("every vCPU has its own pin")
                .isEqualTo(CpuSet.of(1));
        Domain cpusetOnly = domain("c", "<vcpu cpuset='4-5'>2</vcpu>");
        HostState s = HostState.of(totalsOnly(0), List.of(cpusetOnly));
        assertThat(s.vcpuPinnedBy(5)).containsExactly("c");
        assertThat(s.pinnedCpus()).isEqualTo(CpuSet.of(4, 5));
    }

    @Test
    void thePageSizeOfEachCellFollowsLibvirt() {
        String cells = "<vcpu>3</vcpu><cpu><numa><cell id='0' cpus='0' memory='4' unit='MiB'/>"
                + "<cell id='1' cpus='1' memory='4' unit='MiB'/><cell id='2' cpus='2' memory='4' unit='MiB'/></numa></cpu>";
        Domain onlyNodesets = domain("a", cells + "<memoryBacking><hugepages>"
                + "<page size='1' unit='GiB' nodeset='0'/><page size='2' unit='MiB' nodeset='1'/></hugepages></memoryBacking>");
        List<DomainFootprint.CellUse> c = DomainFootprint.of(onlyNodesets, PageSize.MIB_2).cells();
        assertThat(c.get(0).pageSize()).hasValue(PageSize.GIB_1);
        assertThat(c.get(1).pageSize()).hasValue(PageSize.MIB_2);
        assertThat(c.get(2).pageSize()).as("a cell no page names gets base pages").isEmpty();
        assertThat(c.get(2).hugePages()).isZero();

        Domain master = domain("b", cells + "<memoryBacking><hugepages>"
                + "<page size='1' unit='GiB' nodeset='0'/><page size='2048' unit='KiB'/></hugepages></memoryBacking>");
        c = DomainFootprint.of(master, PageSize.GIB_1).cells();
        assertThat(c.get(0).pageSize()).hasValue(PageSize.GIB_1);
        assertThat(c.get(1).pageSize()).as("the page without nodeset").hasValue(PageSize.MIB_2);
        assertThat(c.get(2).pageSize()).hasValue(PageSize.MIB_2);

        Domain dflt = domain("c", cells + "<memoryBacking><hugepages/></memoryBacking>");
        assertThat(DomainFootprint.of(dflt, PageSize.GIB_1).cells()).allMatch(u -> u.pageSize().equals(
                java.util.Optional.of(PageSize.GIB_1)));

        Domain basePage = domain("d", "<memory unit='MiB'>4</memory><memoryBacking><hugepages>"
                + "<page size='4' unit='KiB'/></hugepages></memoryBacking>");
        assertThat(DomainFootprint.of(basePage, PageSize.MIB_2).cells().get(0).pageSize())
                .as("a huge page of the base size is no huge page").isEmpty();

        Domain noBacking = domain("e", "<memory unit='MiB'>4</memory>");
        assertThat(DomainFootprint.of(noBacking, PageSize.MIB_2).cells().get(0).pageSize()).isEmpty();
    }

    @Test
    void theDefaultHugePageIsTwoMibWhereTheHostHasIt() {
        assertThat(DomainFootprint.defaultHugePage(totalsOnly(1))).isEqualTo(PageSize.MIB_2);
        HostTopology gigOnly = HostTopology.builder().pageSize(PageSize.KIB_4).node(0, DataSize.gib(4))
                .hugePages(0, HugePagePool.ofTotal(PageSize.GIB_1, 1)).build();
        assertThat(DomainFootprint.defaultHugePage(gigOnly)).isEqualTo(PageSize.GIB_1);
        assertThat(DomainFootprint.defaultHugePage(HostTopology.builder().build())).isEqualTo(PageSize.MIB_2);
    }

    @Test
    void aDomainWithoutVcpuMemoryOrNumaHasOneEmptyCell() {
        DomainFootprint f = DomainFootprint.of(domain("a", ""), PageSize.MIB_2);
        assertThat(f.vcpus()).isEqualTo(1);
        assertThat(f.cells()).hasSize(1);
        assertThat(f.cells().get(0).memory()).isEqualTo(DataSize.ZERO);
        assertThat(f.cells().get(0).vcpus()).isEqualTo(CpuSet.of(0));
        assertThat(f.hugePagesByNode()).isEmpty();
    }
}
