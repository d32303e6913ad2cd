package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.virtforge.connect.MdevDefinition;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.testkit.contract.MdevContract;
import io.virtforge.topology.PciDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mediated device contract against the tests' private libvirtd (libvirt 9.0's node device driver): listing, a
 * missing parent (libvirt checks it before it runs mdevctl: 67 "invalid parent device", a NotFoundException) and
 * missing devices. This machine has no mdev-capable device (no vGPU, no mtty/mdpy sample modules) and no mdevctl, so
 * the cases that make instances abort with that reason.
 */
class QemuMdevContractIT extends MdevContract {
    @BeforeAll
    static void libvirtd() {
        Hosts.assumeTestLibvirtd();
        Hosts.assumeRoot();
    }

    @Override
    protected VirtConnection openConnection() {
        return LibvirtConnection.open(Hosts.qemuUri());
    }

    /**
     * On a parent the host has, libvirt 9.0 runs mdevctl; without it installed (this machine): 38 "Cannot find
     * 'mdevctl' in path", a NotSupportedException, and nothing was made.
     */
    @Test
    void creatingWithoutMdevctlIsNotSupported() {
        assumeFalse(Stream.of("/usr/sbin/mdevctl", "/usr/bin/mdevctl", "/sbin/mdevctl").map(Path::of)
                .anyMatch(Files::exists), "mdevctl is installed");
        String parent = connection.topology().pciDevices().stream().findFirst().map(PciDevice::address)
                .orElseThrow().nodeDeviceName();
        MdevDefinition d = MdevDefinition.of(parent, "mtty-2");
        assertThatThrownBy(() -> connection.mdevs().create(d)).isExactlyInstanceOf(NotSupportedException.class)
                .hasMessageContaining("mdevctl");
        assertThatThrownBy(() -> connection.mdevs().define(d)).isExactlyInstanceOf(NotSupportedException.class);
        assertThat(connection.mdevs().devices(d.uuid())).isEmpty();
    }
}
