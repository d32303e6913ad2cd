package io.virtforge.libvirt;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.VirtConnection;
import io.virtforge.model.Device;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskBus;
import io.virtforge.model.DiskDevice;
import io.virtforge.model.DiskSource;
import io.virtforge.model.DiskType;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.testkit.contract.ConnectionContract;
import io.virtforge.value.DataSize;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/**
 * The connection contract against a real libvirtd with QEMU (TCG): the tiny test guest, told to stay up
 * ({@code virtforge.stay}), with a disk on virtio-scsi and a NIC on a tap device. Hot-plugged disks go on
 * the SCSI bus: unplugging a PCI device (virtio-blk) waits for a guest OS to let go, a SCSI disk does not.
 */
class QemuContractIT extends ConnectionContract {
    @BeforeAll
    static void libvirtd() {
        Hosts.assumeTestLibvirtd();
        Hosts.assumeRoot();
    }

    @Override
    protected VirtConnection openConnection() {
        return LibvirtConnection.open(Hosts.qemuUri());
    }

    /** The tests' second private libvirtd (skips the migration cases when the run started none). */
    @Override
    protected Optional<VirtConnection> openOtherHost() {
        return Optional.of(LibvirtConnection.open(Hosts.secondQemuUri()));
    }

    @Override
    protected Domain minimalDomain(String name) {
        String guest = Hosts.GUEST_DIR.toString();
        return DomainBuilder.named(name).type(DomainType.QEMU).machine("pc").memory(DataSize.mib(96)).vcpus(2)
                .cpu(c -> c.model("qemu64").topology(1, 2, 1))
                .directKernelBoot(guest + "/vmlinuz", guest + "/initramfs.cpio.gz", "console=ttyS0 virtforge.stay")
                .disk(d -> d.file(guest + "/disk.qcow2").qcow2().virtioScsi().target("vda").readonly().cache(null).io(null)
                        .noDiscard())
                .device(io.virtforge.model.NetInterface.network("unused").type("ethernet").model("virtio").build())
                .noConsole()
                .build();
    }

    @Override
    protected Optional<Device> hotplugDisk(String target) {
        return Optional.of(Disk.builder(DiskType.FILE, DiskDevice.DISK)
                .source(DiskSource.file(Hosts.GUEST_DIR.resolve("disk.qcow2").toString()))
                .target(target, DiskBus.SCSI).readonly(true).build());
    }
}
