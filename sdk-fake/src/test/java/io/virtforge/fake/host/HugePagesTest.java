package io.virtforge.fake.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.virtforge.build.DomainBuilder;
import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.hugepages.HugePageNeeds;
import io.virtforge.host.hugepages.HugePagePoolId;
import io.virtforge.host.hugepages.HugePageReservation;
import io.virtforge.host.hugepages.HugePageShortageException;
import io.virtforge.host.hugepages.HugePages;
import io.virtforge.host.hugepages.PoolResize;
import io.virtforge.host.sysfs.KeepPartial;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;
import io.virtforge.model.Domain;
import io.virtforge.model.NumaMode;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HugePagesTest {
    private static final HugePagePoolId NODE0_2M = HugePagePoolId.node(0, PageSize.MIB_2);
    private static final HugePagePoolId NODE1_2M = HugePagePoolId.node(1, PageSize.MIB_2);

    /** 8 GiB (4096 pages of 2 MiB) per guest cell, cell 0 on host node 0 and cell 1 on node 1. */
    private static Domain twoCellDomain() {
        return DomainBuilder.named("db").vcpus(4).memory(DataSize.gib(16)).hugepages(PageSize.MIB_2)
                .numaCell(CpuSet.parse("0-1"), DataSize.gib(8)).numaCell(CpuSet.parse("2-3"), DataSize.gib(8))
                .cellMemoryOn(0, NumaMode.STRICT, NodeSet.of(0)).cellMemoryOn(1, NumaMode.STRICT, NodeSet.of(1))
                .assemble();
    }

    private static FakeSysfs roomyXeon() {
        return HostFixtures.twoSocketXeon().node(0, n -> n.cpus("0-3,8-11").memory(DataSize.gib(32))
                .freeMemory(DataSize.gib(12)).distances(10, 21)).node(1, n -> n.cpus("4-7,12-15")
                .memory(DataSize.gib(32)).freeMemory(DataSize.gib(12)).distances(21, 10)).build();
    }

    @Test
    void readsPoolsPerNodeAndGlobal() {
        FakeSysfs sysfs = HostFixtures.twoSocketXeonHost();
        HugePages pages = new HugePages(sysfs);
        assertThat(pages.pool(NODE0_2M).total()).isEqualTo(256);
        assertThat(pages.pool(NODE0_2M).free()).isEqualTo(256);
        assertThat(pages.pool(HugePagePoolId.global(PageSize.MIB_2)).total()).isEqualTo(256);
        assertThat(pages.pools()).extracting(p -> p.pool().toString()).containsExactly("node0 2MiB", "node0 1GiB",
                "node1 2MiB", "node1 1GiB", "global 2MiB", "global 1GiB");
    }

    @Test
    void aPartialPoolIsReportedAndKeptOrRestored() {
        FakeSysfs sysfs = HostFixtures.twoSocketXeonHost().setNodeFreeMemory(0, DataSize.mib(20));
        HugePages pages = new HugePages(sysfs);
        PoolResize restored = pages.setPool(NODE0_2M, 300, KeepPartial.RESTORE);
        assertThat(restored).isEqualTo(new PoolResize(NODE0_2M, 256, 300, 266, 256));
        assertThat(restored.partial()).isTrue();
        assertThat(restored.shortfall()).isEqualTo(34);
        assertThat(restored.restored()).isTrue();
        assertThat(pages.pool(NODE0_2M).total()).isEqualTo(256);
        assertThat(sysfs.nodeFreeMemory(0)).isEqualTo(DataSize.mib(20));
        PoolResize kept = pages.setPool(NODE0_2M, 300, KeepPartial.KEEP);
        assertThat(kept).isEqualTo(new PoolResize(NODE0_2M, 256, 300, 266, 266));
        assertThat(pages.pool(NODE0_2M).total()).isEqualTo(266);
    }

    @Test
    void everyWriteOfAResizeCanFailAndThePoolStays() {
        assertThat(FaultAtEveryWrite.check(HostFixtures::twoSocketXeonHost,
                s -> new HugePages(s).setPool(NODE1_2M, 100, KeepPartial.RESTORE))).isEqualTo(1);
        assertThat(FaultAtEveryWrite.check(() -> HostFixtures.twoSocketXeonHost().setNodeFreeMemory(0, DataSize.mib(20)),
                s -> new HugePages(s).setPool(NODE0_2M, 300, KeepPartial.RESTORE))).isEqualTo(2);
    }

    @Test
    void needsComeFromTheDomainsFootprintPerNodeAndSize() {
        FakeSysfs sysfs = roomyXeon();
        HostTopology host = HostDiscovery.topologyOf(sysfs);
        HugePageNeeds needs = new HugePages(sysfs).needs(twoCellDomain(), host);
        assertThat(needs.pages()).isEqualTo(Map.of(NODE0_2M, 4096L, NODE1_2M, 4096L));
        Domain unbound = DomainBuilder.named("any").vcpus(2).memory(DataSize.gib(1)).hugepages(PageSize.GIB_1)
                .assemble();
        assertThat(new HugePages(sysfs).needs(unbound, host).pages())
                .isEqualTo(Map.of(HugePagePoolId.global(PageSize.GIB_1), 1L));
    }

    @Test
    void reserveForRaisesTheShortPoolsOfEveryNode() {
        FakeSysfs sysfs = roomyXeon();
        HugePageReservation r = new HugePages(sysfs).reserveFor(twoCellDomain(),
                new HostDiscovery(sysfs).numaTopology());
        assertThat(r.raised()).containsExactly(new PoolResize(NODE0_2M, 256, 4096, 4096, 4096),
                new PoolResize(NODE1_2M, 0, 4096, 4096, 4096));
        assertThat(r.notMounted()).isEmpty();
        assertThat(new HugePages(sysfs).reserveFor(twoCellDomain(), new HostDiscovery(sysfs).numaTopology()).raised())
                .as("enough now").isEmpty();
    }

    @Test
    void aShortNodeUndoesTheWholeReservation() {
        FakeSysfs sysfs = roomyXeon().setNodeFreeMemory(1, DataSize.gib(2));
        SysfsSnapshot start = SysfsSnapshot.capture(sysfs, SysfsPath.ROOT);
        HugePageShortageException e = catchThrowableOfType(HugePageShortageException.class,
                () -> new HugePages(sysfs).reserveFor(twoCellDomain(), new HostDiscovery(sysfs).numaTopology()));
        assertThat(e.rolledBack()).isTrue();
        assertThat(e.attempts()).last().isEqualTo(new PoolResize(NODE1_2M, 0, 4096, 1024, 1024));
        assertThat(e.getMessage()).contains("node1 2MiB").contains("gave only 1024");
        assertThat(SysfsSnapshot.capture(sysfs, SysfsPath.ROOT)).isEqualTo(start);
    }

    @Test
    void everyWriteOfAReservationCanFailAndNoPoolChanges() {
        assertThat(FaultAtEveryWrite.check(HugePagesTest::roomyXeon,
                s -> new HugePages(s).reserveFor(twoCellDomain(), new HostDiscovery(s).numaTopology()))).isEqualTo(2);
    }

    @Test
    void reportsPageSizesWithoutHugetlbfs() {
        FakeSysfs sysfs = HostFixtures.twoSocketXeonHost();
        assertThat(new HugePages(sysfs).unmountedSizes(java.util.List.of(PageSize.MIB_2, PageSize.GIB_1)))
                .containsExactly(PageSize.GIB_1);
    }
}
