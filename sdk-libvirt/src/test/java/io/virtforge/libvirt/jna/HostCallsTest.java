package io.virtforge.libvirt.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostCallsTest extends OnTestDriver {
    /** The page sizes the test driver's capabilities list under {@code <host><cpu>}. */
    private static final int[] TEST_PAGE_SIZES = {4, 8, 2048, 1048576};


    @Test
    void domainCapabilitiesIsNotSupportedByTheTestDriver() {
        assertThatThrownBy(() -> NativeLibvirt.domainCapabilities(conn, null, "i686", null, "test"))
                .isInstanceOfSatisfying(NativeLibvirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(NativeLibvirtException.VIR_ERR_NO_SUPPORT);
                    assertThat(e.codeName()).isEqualTo("VIR_ERR_NO_SUPPORT");
                    assertThat(e.domain()).isEqualTo(NativeLibvirtException.VIR_FROM_DOMAIN);
                    assertThat(e.level()).isEqualTo(2);
                    assertThat(e.function()).isEqualTo("virConnectGetDomainCapabilities");
                    assertThat(e.libvirtMessage()).contains("virConnectGetDomainCapabilities");
                    assertThat(e.isUnsupported()).isTrue();
                });
    }

    @Test
    void capabilitiesListThePageSizesQueriedHere() throws Exception {
        String caps = conn.getCapabilities();
        for (int size : TEST_PAGE_SIZES) {
            assertThat(caps).contains("<pages unit='KiB' size='" + size + "'/>");
        }
        assertThat(caps).contains("<cells num='2'>");
    }

    @Test
    void freePagesPerCellMatchVirshFreepagesAll() {
        // virsh -c test:///default freepages --all queries one cell at a time and prints, for both cells:
        // 4KiB: 19, 8KiB: 45, 2048KiB: 97, 1048576KiB: 201
        for (int cell = 0; cell < 2; cell++) {
            FreePages pages = NativeLibvirt.freePages(conn, TEST_PAGE_SIZES, cell, 1);
            assertThat(pages.startCell()).isEqualTo(cell);
            assertThat(pages.cellCount()).isEqualTo(1);
            assertThat(pages.pageSizesKiB()).containsExactly(TEST_PAGE_SIZES);
            assertThat(pages.countsForCell(cell)).containsExactly(19, 45, 97, 201);
            assertThat(pages.count(cell, 2048)).isEqualTo(97);
        }
    }

    @Test
    void freePagesOverSeveralCellsIsShapedPerCellAndSize() {
        FreePages pages = NativeLibvirt.freePages(conn, new int[] {4, 2048}, 0, 2);
        assertThat(pages.cellCount()).isEqualTo(2);
        assertThat(pages.toArray()).hasSize(4);
        // the test driver numbers its answers in libvirt's cell-major order: x = 2x + 7 from x = 6
        assertThat(pages.countsForCell(0)).containsExactly(19, 45);
        assertThat(pages.countsForCell(1)).containsExactly(97, 201);
        assertThat(pages.count(1, 4)).isEqualTo(97);
        assertThat(NativeLibvirt.freePages(conn, new int[] {4, 2048}, 0, 2)).isEqualTo(pages);
        assertThatThrownBy(() -> pages.count(2, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pages.count(0, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freePagesRejectsAnEmptyQueryBeforeCallingLibvirt() {
        assertThatThrownBy(() -> NativeLibvirt.freePages(conn, new int[0], 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NativeLibvirt.freePages(conn, new int[] {4}, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allocPagesIsNotSupportedByTheTestDriver() {
        assertThatThrownBy(() -> NativeLibvirt.allocPages(conn, new int[] {2048}, new long[] {16}, 0, 1,
                NativeFlags.ALLOC_PAGES_SET))
                .isInstanceOfSatisfying(NativeLibvirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(NativeLibvirtException.VIR_ERR_NO_SUPPORT);
                    assertThat(e.domain()).isEqualTo(NativeLibvirtException.VIR_FROM_DOMAIN);
                    assertThat(e.function()).isEqualTo("virNodeAllocPages");
                    assertThat(e.libvirtMessage()).contains("virNodeAllocPages");
                });
    }

    @Test
    void allocPagesNeedsOneCountPerSize() {
        assertThatThrownBy(() -> NativeLibvirt.allocPages(conn, new int[] {4, 2048}, new long[] {1}, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostCpuCountMatchesVirshNodecpumap() {
        assertThat(NativeLibvirt.hostCpuCount(conn)).isEqualTo(8); // "CPUs present: 8"
    }

    @Test
    void aClosedConnectionIsRefusedWithoutTouchingNativeMemory() throws Exception {
        TestDriver other = TestDriver.open();
        other.close();
        assertThatThrownBy(() -> NativeLibvirt.hostCpuCount(other.conn()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
