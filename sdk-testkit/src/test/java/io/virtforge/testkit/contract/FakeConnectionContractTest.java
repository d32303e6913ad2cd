package io.virtforge.testkit.contract;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.VirtConnection;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.libvirt.FakeClock;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.Device;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskBus;
import io.virtforge.model.DiskDevice;
import io.virtforge.model.DiskSource;
import io.virtforge.model.DiskType;
import io.virtforge.model.Domain;
import io.virtforge.value.DataSize;
import java.time.Duration;
import java.util.Optional;

/** The connection contract against the fake, on the xeon-2s fixture. */
class FakeConnectionContractTest extends ConnectionContract {
    private FakeClock clock;

    @Override
    protected VirtConnection openConnection() {
        clock = new FakeClock();
        FakeVirtConnection fake = Fixtures.get(Fixtures.XEON_2S).connect(clock);
        fake.storage().addFolder("/var/lib/libvirt/images"); // the suite's images
        for (String image : new String[] {"/var/tmp/hot.img", "/var/tmp/vfc-a.img", "/var/tmp/vfc-b.img", "/var/tmp/vfc-extra.img"}) {
            fake.storage().add(image);
        }
        return fake;
    }

    @Override
    protected Optional<VirtConnection> openOtherHost() {
        FakeVirtConnection other = Fixtures.get(Fixtures.XEON_2S).connect(clock);
        other.storage().addFolder("/var/lib/libvirt/images");
        return Optional.of(other);
    }

    @Override
    protected VirtConnection openAnotherConnection() {
        return ((FakeVirtConnection) connection).openAnother();
    }

    @Override
    protected Domain minimalDomain(String name) {
        return DomainBuilder.named(name).memory(DataSize.gib(1)).vcpus(2)
                .disk(d -> d.file("/var/lib/libvirt/images/" + name + ".qcow2")).nic(n -> n.network("default")).build();
    }

    @Override
    protected Optional<Device> hotplugDisk(String target) {
        return Optional.of(Disk.builder(DiskType.FILE, DiskDevice.DISK).source(DiskSource.file("/var/tmp/hot.img"))
                .target(target, DiskBus.VIRTIO).build());
    }

    @Override
    protected void advanceTime(Duration duration) {
        clock.advance(duration);
    }
}
