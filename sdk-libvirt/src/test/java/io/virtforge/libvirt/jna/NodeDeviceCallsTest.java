package io.virtforge.libvirt.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeDeviceCallsTest extends OnTestDriver {

    @Test
    void listsTheSameDevicesAsLibvirtJavaOnTheSameConnection() throws Exception {
        assertThat(NativeLibvirt.listAllNodeDeviceNames(conn, 0))
                .contains("computer")
                .containsExactlyInAnyOrder(conn.listDevices(null));
    }

    @Test
    void capabilityFlagsFilterTheList() {
        assertThat(NativeLibvirt.listAllNodeDeviceNames(conn, NativeFlags.LIST_NODE_DEVICES_CAP_SYSTEM))
                .containsExactly("computer");
    }

    @Test
    void flagsTheTestDriverDoesNotKnowAreRejected() {
        // what plain "virsh nodedev-list" sends (VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE), and fails with
        assertThatThrownBy(() -> NativeLibvirt.listAllNodeDeviceNames(conn, 1 << 31))
                .isInstanceOfSatisfying(NativeLibvirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(NativeLibvirtException.VIR_ERR_INVALID_ARG);
                    assertThat(e.domain()).isEqualTo(NativeLibvirtException.VIR_FROM_TEST);
                    assertThat(e.function()).isEqualTo("virConnectListAllNodeDevices");
                    assertThat(e.libvirtMessage()).contains("unsupported flags (0x80000000)");
                });
    }

    @Test
    void readsTheDeviceXml() {
        assertThat(NativeLibvirt.nodeDeviceXml(conn, "computer", 0))
                .contains("<name>computer</name>")
                .contains("<capability type='system'>")
                .contains("<version>Test driver</version>");
    }

    @Test
    void anUnknownDeviceIsReportedByName() {
        assertThatThrownBy(() -> NativeLibvirt.nodeDeviceXml(conn, "pci_0000_99_00_0", 0))
                .isInstanceOfSatisfying(NativeLibvirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(NativeLibvirtException.VIR_ERR_NO_NODE_DEVICE);
                    assertThat(e.domain()).isEqualTo(NativeLibvirtException.VIR_FROM_TEST);
                    assertThat(e.function()).isEqualTo("virNodeDeviceLookupByName");
                    assertThat(e.libvirtMessage()).contains("pci_0000_99_00_0");
                });
    }

    @Test
    void detachIsNotSupportedByTheTestDriver() {
        assertThatThrownBy(() -> NativeLibvirt.detachNodeDevice(conn, "computer", "vfio"))
                .isInstanceOfSatisfying(NativeLibvirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(NativeLibvirtException.VIR_ERR_NO_SUPPORT);
                    assertThat(e.domain()).isEqualTo(NativeLibvirtException.VIR_FROM_NODEDEV);
                    assertThat(e.function()).isEqualTo("virNodeDeviceDetachFlags");
                    assertThat(e.libvirtMessage()).contains("virNodeDeviceDetachFlags");
                });
    }

    @Test
    void reattachIsNotSupportedByTheTestDriver() {
        assertThatThrownBy(() -> NativeLibvirt.reattachNodeDevice(conn, "computer"))
                .isInstanceOfSatisfying(NativeLibvirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(NativeLibvirtException.VIR_ERR_NO_SUPPORT);
                    assertThat(e.domain()).isEqualTo(NativeLibvirtException.VIR_FROM_NODEDEV);
                    assertThat(e.function()).isEqualTo("virNodeDeviceReAttach");
                    assertThat(e.libvirtMessage()).contains("virNodeDeviceReAttach");
                });
    }

    @Test
    void theConnectionStaysUsableAfterFailures() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> NativeLibvirt.reattachNodeDevice(conn, "computer"))
                    .isInstanceOf(NativeLibvirtException.class);
        }
        assertThat(NativeLibvirt.listAllNodeDeviceNames(conn, 0)).contains("computer");
        assertThat(conn.isAlive()).isTrue();
    }
}
