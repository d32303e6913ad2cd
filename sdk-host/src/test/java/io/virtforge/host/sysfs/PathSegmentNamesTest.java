package io.virtforge.host.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathSegmentNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"vfio-pci", "ixgbe", "mlx5_core", "i40e", "pcieport", "nvme"})
    void acceptsDriverNames(String name) {
        assertThat(DriverName.of(name).segment()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "vfio/pci", "vfio pci", "a.b", "x\0", "a\n"})
    void rejectsDriverNames(String name) {
        assertThatThrownBy(() -> DriverName.of(name)).isInstanceOf(InvalidSysfsPathException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "enp59s0f0", "br-lan.100", "veth@x", "a", "123456789012345"})
    void acceptsInterfaceNames(String name) {
        assertThat(NetInterfaceName.of(name).segment()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "eth/0", "eth 0", "eth0:1", "1234567890123456", "tab\t", "x\0"})
    void rejectsInterfaceNames(String name) {
        assertThatThrownBy(() -> NetInterfaceName.of(name)).isInstanceOf(InvalidSysfsPathException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sda", "nvme0n1", "dm-0", "md127", "cciss!c0d0", "mmcblk0"})
    void acceptsBlockDeviceNames(String name) {
        assertThat(BlockDeviceName.of(name).segment()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "sd/a", "sd a", "abcdefghijabcdefghijabcdefghijab"})
    void rejectsBlockDeviceNames(String name) {
        assertThatThrownBy(() -> BlockDeviceName.of(name)).isInstanceOf(InvalidSysfsPathException.class);
    }
}
