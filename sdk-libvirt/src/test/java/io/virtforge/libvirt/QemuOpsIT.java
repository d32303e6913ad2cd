package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.NumaPolicy;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.Scope;
import io.virtforge.model.Device;
import io.virtforge.model.Disk;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.model.NumaMode;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PciAddress;
import io.virtforge.model.DomainXml;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Configuration and live operations the test driver lacks, on the private test libvirtd: device attach,
 * update and detach, CONFIG-scope pinning, memory and NUMA policy, live pinning and ballooning on an idle
 * guest (firmware only, no OS), and a shutdown that the guest ignores (destroyed after the timeout).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QemuOpsIT {
    private static final DomainXml XML = DomainXml.defaults();

    /** A guest with no OS: SeaBIOS finds nothing to boot and idles; it ignores ACPI. */
    static Domain idleGuest(String name) {
        return DomainBuilder.named(name).type(DomainType.QEMU).machine("pc").memory(DataSize.mib(64)).vcpus(2)
                .cpu(c -> c.model("qemu64").topology(1, 2, 1)).iothreads(1).noConsole().build();
    }

    @Test
    void theHostIsReadFromLibvirt() {
        Hosts.assumeTestLibvirtd();
        try (LibvirtConnection conn = LibvirtConnection.open(Hosts.qemuUri())) {
            HostTopology host = conn.topology();
            assertThat(host.nodes()).isNotEmpty();
            assertThat(host.cpus()).hasSize(Runtime.getRuntime().availableProcessors());
            assertThat(host.pciDevices()).as("PCI node devices of this machine").isNotEmpty();
            assertThat(conn.hostState().topology().node(0).orElseThrow().pool(io.virtforge.value.PageSize.MIB_2))
                    .hasValueSatisfying(p -> assertThat(p.free()).isPresent());
            assertThat(conn.isAlive()).isTrue();
            PciAddress nowhere = PciAddress.parse("0000:ff:1f.7");
            assertThatThrownBy(() -> conn.detachNodeDevice(nowhere)).isInstanceOfSatisfying(NotFoundException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(53); // VIR_ERR_NO_NODE_DEVICE
                        assertThat(e.errorDomain()).isEqualTo(22); // VIR_FROM_NODEDEV
                        assertThat(e.libvirtMessage()).contains("pci_0000_ff_1f_7");
                    });
            assertThatThrownBy(() -> conn.reattachNodeDevice(nowhere)).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void configAndLiveOperationsOfTheQemuDriver() throws Exception {
        Hosts.assumeTestLibvirtd();
        String name = "it-vf-ops-" + ProcessHandle.current().pid();
        try (LibvirtConnection conn = LibvirtConnection.open(Hosts.qemuUri())) {
            LibvirtDomain dom = conn.define(idleGuest(name));
            try {
                Disk cdrom = (Disk) XML.parseDevice("<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>"
                        + "<target dev='hdc' bus='ide'/><readonly/></disk>");
                dom.attachDevice(cdrom, Scope.CONFIG);
                assertThat(dom.definition().devices().disks()).anyMatch(d -> d.targetDev().orElse("").equals("hdc"));
                Device withMedia = XML.parseDevice("<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>"
                        + "<source file='" + Hosts.GUEST_DIR.resolve("initramfs.cpio.gz") + "'/>"
                        + "<target dev='hdc' bus='ide'/><readonly/></disk>");
                dom.updateDevice(withMedia, Scope.CONFIG);
                assertThat(dom.definitionXml()).contains("initramfs.cpio.gz");
                dom.detachDevice(cdrom, Scope.CONFIG);
                assertThat(dom.definition().devices().disks()).noneMatch(d -> d.targetDev().orElse("").equals("hdc"));
                assertThatThrownBy(() -> dom.detachDevice(cdrom, Scope.CONFIG)).isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo(99)); // VIR_ERR_DEVICE_MISSING

                dom.pinVcpu(1, CpuSet.of(1), Scope.CONFIG);
                dom.pinEmulator(CpuSet.of(0), Scope.CONFIG);
                dom.setMemory(DataSize.mib(48), Scope.CONFIG);
                dom.setNumaTune(NumaMode.PREFERRED, NodeSet.of(0), Scope.CONFIG);
                Domain config = dom.definition();
                assertThat(config.cputune().flatMap(t -> t.vcpuPin(1)).map(p -> p.cpuset())).hasValue(CpuSet.of(1));
                assertThat(config.cputune().flatMap(t -> t.emulatorPin())).hasValue(CpuSet.of(0));
                assertThat(config.currentMemory()).hasValue(DataSize.mib(48));
                assertThat(dom.numaTune()).isEqualTo(new NumaPolicy(NumaMode.PREFERRED, NodeSet.of(0)));
                assertThat(dom.vcpuPins()).containsEntry(1, CpuSet.of(1));

                dom.start();
                assertThat(dom.state()).isEqualTo(DomainState.RUNNING);
                dom.pinVcpu(0, CpuSet.of(1), Scope.LIVE);
                dom.pinIothread(1, CpuSet.of(0), Scope.LIVE);
                assertThat(dom.vcpuPins()).containsEntry(0, CpuSet.of(1));
                assertThat(dom.emulatorPin()).isEqualTo(CpuSet.of(0));
                // the balloon libvirt added by default takes the target; with no OS nobody inflates it, so the
                // live currentMemory stays where it is
                dom.setMemory(DataSize.mib(40), Scope.LIVE);
                assertThat(dom.memoryStats().actual()).isPresent();
                assertThatThrownBy(() -> dom.setMemory(DataSize.gib(8), Scope.LIVE))
                        .isInstanceOf(InvalidDefinitionException.class);
                dom.reboot();

                long t0 = System.nanoTime();
                assertThat(dom.shutdown(Duration.ofSeconds(2))).as("a guest without an OS ignores ACPI").isFalse();
                assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(2));
                assertThat(dom.state()).isEqualTo(DomainState.SHUTOFF);
            } finally {
                if (dom.state().isActive()) {
                    dom.destroy();
                }
                dom.undefine();
            }
            assertThat(conn.lookup(name)).isEmpty();
            assertThat(conn.openDomainHandles()).isZero();
        }
    }
}
