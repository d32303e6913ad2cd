package io.virtforge.fake.libvirt;

import io.virtforge.connect.NetworkStatus;
import io.virtforge.model.Device;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskSource;
import io.virtforge.model.Domain;
import io.virtforge.model.NetInterface;
import java.util.Optional;

/**
 * What QEMU's driver checks outside the domain's XML when a domain starts or a device is plugged in, before it
 * takes any host resource: every NIC's virtual network exists and is started, every disk's image or device
 * exists (transcript-issue19.txt, root cause 3). Host CPUs, nodes, huge pages and PCI devices are
 * {@link HostResources}' part.
 */
final class StartChecks {
    private StartChecks() {
    }

    /** Throws as QEMU would when the domain cannot start in this host's world. */
    static void check(Domain d, FakeNetworks networks, FakeStorage storage) {
        for (NetInterface nic : d.devices().interfaces()) {
            network(nic, networks);
        }
        for (Disk disk : d.devices().disks()) {
            image(disk, storage);
        }
    }

    /** The same checks for one device plugged into a running domain. */
    static void check(Device device, FakeNetworks networks, FakeStorage storage) {
        if (device instanceof NetInterface nic) {
            network(nic, networks);
        } else if (device instanceof Disk disk) {
            image(disk, storage);
        }
    }

    private static void network(NetInterface nic, FakeNetworks networks) {
        if (!"network".equals(nic.type())) {
            return;
        }
        Optional<String> name = nic.sourceNetwork();
        if (name.isEmpty()) {
            return;
        }
        NetworkStatus status = networks.status(name.get());
        if (status == NetworkStatus.MISSING) {
            throw FakeErrors.networkMissing(name.get());
        }
        if (status == NetworkStatus.INACTIVE) {
            throw FakeErrors.networkInactive(name.get());
        }
    }

    /** File and block sources must exist; an {@code optional} startup policy lets QEMU start without them. */
    private static void image(Disk disk, FakeStorage storage) {
        DiskSource source = disk.source().orElse(null);
        if (source == null || source.startupPolicy().map("optional"::equals).orElse(false)) {
            return;
        }
        Optional<String> path = source.file().or(source::dev);
        if (path.isPresent() && !storage.exists(path.get())) {
            throw FakeErrors.storageMissing(path.get());
        }
    }
}
