package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.connect.MdevDefinition;
import io.virtforge.connect.MdevDevice;
import io.virtforge.connect.MdevParentDevice;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.topology.MdevInstance;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mediated devices as libvirt itself lists and formats them: libvirt's test driver opened on a host file
 * ({@code test-driver/vgpu-host.xml}) with an A10 offering {@code nvidia-588} and one instance of it. The test
 * driver has no {@code virNodeDeviceIsActive}: what it lists counts as active and transient.
 */
class LibvirtMdevsIT {
    @BeforeAll
    static void libvirt() {
        Hosts.assumeTestDriver();
    }

    private static VirtConnection open() throws URISyntaxException {
        Path file = Path.of(LibvirtMdevsIT.class.getResource("/test-driver/vgpu-host.xml").toURI());
        return LibvirtConnection.open("test://" + file);
    }

    @Test
    void parentsAndInstancesAreReadAsLibvirtFormatsThem() throws Exception {
        try (VirtConnection c = open()) {
            assertThat(c.mdevs().parents()).singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo("pci_0000_31_00_0");
                assertThat(p.address()).isEqualTo("0000:31:00.0");
                assertThat(p.numaNode()).hasValue(0);
                assertThat(p.type("nvidia-588").orElseThrow().availableInstances()).isEqualTo(5);
                assertThat(p.type("nvidia-588").orElseThrow().name()).contains("NVIDIA A10-4Q");
            });
            UUID uuid = UUID.fromString("8b1c1e53-0f4b-4d2c-9e3a-2a9c2c9a7f01");
            assertThat(c.mdevs().devices()).containsExactly(new MdevDevice(
                    "mdev_8b1c1e53_0f4b_4d2c_9e3a_2a9c2c9a7f01_0000_31_00_0", uuid, "nvidia-588", "pci_0000_31_00_0",
                    "0000:31:00.0", OptionalInt.of(140), true, false));
            assertThat(c.mdevs().devices(uuid)).hasSize(1);
            assertThat(c.topology().mdevParent("0000:31:00.0")).isPresent();
            assertThat(c.topology().mdevInstance(uuid)).contains(
                    new MdevInstance(uuid, "nvidia-588", "0000:31:00.0", OptionalInt.of(0)));
        }
    }

    @Test
    void theTestDriverMakesNoMediatedDevice() throws Exception {
        try (VirtConnection c = open()) {
            MdevDefinition d = MdevDefinition.of("pci_0000_31_00_0", "nvidia-588");
            assertThatThrownBy(() -> c.mdevs().create(d))
                    .isExactlyInstanceOf(NotSupportedException.class).hasMessageContaining("fibre channel HBA");
            assertThatThrownBy(() -> c.mdevs().define(d))
                    .isExactlyInstanceOf(NotSupportedException.class);
            assertThat(c.mdevs().parents()).extracting(MdevParentDevice::name).containsExactly("pci_0000_31_00_0");
        }
    }
}
