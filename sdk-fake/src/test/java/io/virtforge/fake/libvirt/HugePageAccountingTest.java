package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.small;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.VirtDomain;
import io.virtforge.host.sysfs.HugePagePaths;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.model.NumaMode;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Huge pages: taken per node and size at start, refused as QEMU refuses, given back at stop; the pools' calls. */
class HugePageAccountingTest {
    private final FakeVirtConnection fake = TestDomains.connect(Fixtures.XEON_2S);
    private final FakeSysfs sysfs = fake.sysfs().orElseThrow();

    @AfterEach
    void close() {
        fake.close();
    }

    private VirtDomain define(String name, DataSize memory, PageSize size, NumaMode mode, NodeSet nodes) {
        return fake.define(small(name).memory(memory).hugepages(size).memoryOn(mode, nodes).build());
    }

    @Test
    void aStrictDomainTakesItsPagesFromItsNodeAndGivesThemBack() {
        VirtDomain vm = define("vm", DataSize.gib(4), PageSize.GIB_1, NumaMode.STRICT, NodeSet.of(1));
        vm.start();
        assertThat(fake.freePages(1, PageSize.GIB_1)).isEqualTo(12);
        assertThat(fake.freePages(0, PageSize.GIB_1)).isEqualTo(16);
        assertThat(sysfs.readTrimmed(HugePagePaths.freeHugePages(1, PageSize.GIB_1))).isEqualTo("12");
        assertThat(fake.hostState().freeHugePages(1, PageSize.GIB_1)).isEqualTo(12);
        vm.destroy();
        assertThat(fake.freePages(1, PageSize.GIB_1)).isEqualTo(16);
        assertThat(sysfs.readTrimmed(HugePagePaths.freeHugePages(1, PageSize.GIB_1))).isEqualTo("16");
    }

    @Test
    void aStrictNodeShortOfPagesFailsTheStartAsQemuDoes() {
        define("big", DataSize.gib(12), PageSize.GIB_1, NumaMode.STRICT, NodeSet.of(0)).start();
        VirtDomain second = define("second", DataSize.gib(8), PageSize.GIB_1, NumaMode.STRICT, NodeSet.of(0));
        HostResourceException e = TestDomains.fails(HostResourceException.class,
                LibvirtErrors.VIR_ERR_INTERNAL_ERROR, LibvirtErrors.VIR_FROM_QEMU,
                "internal error: qemu unexpectedly closed the monitor: 2030-01-01T00:00:00.000000Z qemu-system-x86_64: "
                        + "unable to map backing store for guest RAM: Cannot allocate memory", second::start);
        assertThat(e.getMessage()).contains("8 1GiB pages on host nodes 0", "4 short (strict)");
        assertThat(second.state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(fake.freePages(0, PageSize.GIB_1)).isEqualTo(4);
        assertThat(fake.events()).noneMatch(ev -> ev.domain().equals("second")
                && ev.type() == io.virtforge.connect.LifecycleEvent.Type.STARTED);
    }

    @Test
    void aPreferredDomainSpillsToOtherNodesAndAnUnboundOneTakesAnyNode() {
        define("big", DataSize.gib(14), PageSize.GIB_1, NumaMode.STRICT, NodeSet.of(0)).start();
        define("pref", DataSize.gib(4), PageSize.GIB_1, NumaMode.PREFERRED, NodeSet.of(0)).start();
        assertThat(fake.freePages(0, PageSize.GIB_1)).isZero();
        assertThat(fake.freePages(1, PageSize.GIB_1)).isEqualTo(14);
        fake.define(small("any").memory(DataSize.gib(3)).hugepages(PageSize.GIB_1).build()).start();
        assertThat(fake.freePages(1, PageSize.GIB_1)).isEqualTo(11);
    }

    @Test
    void aPageSizeTheHostLacksIsRefusedAsLibvirtDoes() {
        FakeVirtConnection tiny = TestDomains.connect(Fixtures.TINY);
        VirtDomain vm = tiny.define(small("vm").vcpus(1).hugepages(PageSize.GIB_1).build());
        TestDomains.fails(HostResourceException.class, LibvirtErrors.VIR_ERR_INTERNAL_ERROR,
                LibvirtErrors.VIR_FROM_QEMU, "internal error: Unable to find any usable hugetlbfs mount for 1048576 KiB",
                vm::start);
        tiny.close();
    }

    @Test
    void aNodeTheHostLacksIsRefused() {
        VirtDomain vm = fake.define(small("vm").memoryOn(NumaMode.STRICT, NodeSet.of(5)).build(), DefineOptions.unchecked());
        TestDomains.fails(HostResourceException.class, LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED,
                LibvirtErrors.VIR_FROM_NONE, "unsupported configuration: NUMA node 5 is unavailable", vm::start);
    }

    @Test
    void growingAPoolIsPartialWhenTheNodeIsShortOfMemoryAndWritesSysfs() {
        fake.setNodeFreeMemory(1, DataSize.gib(3));
        assertThat(fake.setPagePool(1, PageSize.GIB_1, 32)).isEqualTo(19);
        assertThat(fake.freePages(1, PageSize.GIB_1)).isEqualTo(19);
        assertThat(sysfs.writeLog().valuesWrittenTo(HugePagePaths.nrHugePages(1, PageSize.GIB_1))).containsExactly("32");
        assertThat(fake.topology().node(1).orElseThrow().pool(PageSize.GIB_1).orElseThrow().total()).isEqualTo(19);
        assertThat(fake.setPagePool(1, PageSize.GIB_1, 2)).isEqualTo(2);
    }

    @Test
    void pagesInUseStayInAShrunkPool() {
        define("vm", DataSize.gib(4), PageSize.GIB_1, NumaMode.STRICT, NodeSet.of(0)).start();
        long after = fake.setPagePool(0, PageSize.GIB_1, 0);
        assertThat(after).isEqualTo(4);
        assertThat(fake.freePages(0, PageSize.GIB_1)).isZero();
    }

    @Test
    void withAndWithoutAKernelFakeAPoolGrowsAlike() {
        FakeVirtConnection bare = FakeVirtConnection.of(Fixtures.get(Fixtures.XEON_2S).topology());
        assertThat(fake.setPagePool(0, PageSize.GIB_1, 1000)).isEqualTo(16 + 72).isEqualTo(
                bare.setPagePool(0, PageSize.GIB_1, 1000));
        bare.close();
    }

    @Test
    void withoutAKernelFakeTheConnectionKeepsItsOwnPools() {
        FakeVirtConnection bare = FakeVirtConnection.of(Fixtures.get(Fixtures.XEON_2S).topology());
        bare.storage().addFolder(TestDomains.IMAGES);
        bare.define(small("vm").memory(DataSize.gib(2)).hugepages(PageSize.MIB_2).memoryOn(NumaMode.STRICT, NodeSet.of(1))
                .build()).start();
        assertThat(bare.freePages(1, PageSize.MIB_2)).isEqualTo(8192 - 1024);
        assertThat(bare.hostState().freeHugePages(1, PageSize.MIB_2)).isEqualTo(8192 - 1024);
        bare.setNodeFreeMemory(0, DataSize.mib(10));
        assertThat(bare.setPagePool(0, PageSize.MIB_2, 9000)).isEqualTo(8192 + 5);
        bare.close();
    }
}
