package io.virtforge.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.model.CacheMode;
import io.virtforge.model.DiscardMode;
import io.virtforge.model.DiskBus;
import io.virtforge.model.DiskDriver;
import io.virtforge.model.DiskType;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.model.IoMode;
import io.virtforge.model.LifecycleAction;
import io.virtforge.model.NetInterface;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import io.virtforge.model.DomainXml;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** BuilderDefaults: the standard policy is today's, and a replaced default takes effect. */
class BuilderDefaultsTest {
    private static final DomainXml XML = DomainXml.defaults();

    /** A domain using every default: disks of each kind, NICs, huge pages, an I/O thread on a SCSI disk. */
    private static Domain everything(DomainBuilder b) {
        return b.memory(DataSize.gib(8)).hugepages(PageSize.MIB_2).vcpus(4)
                .disk(d -> d.file("/images/a.qcow2").virtioScsi().iothread(1))
                .disk(d -> d.block("/dev/nvme0n1").iothread(2))
                .disk(d -> d.volume("pool", "vol"))
                .nic(n -> n.network("default"))
                .nic(n -> n.bridge("br0").queues(2))
                .nic(n -> n.sriovVf(PciAddress.parse("0000:3b:02.1")))
                .assemble();
    }

    private static DiskDriver driver(Domain d, int disk) {
        return d.devices().disks().get(disk).driver().orElseThrow();
    }

    @Test
    void theStandardDefaultsAreTheBuildersOwn() {
        BuilderDefaults s = BuilderDefaults.standard();
        assertThat(s).isEqualTo(BuilderDefaults.builder().build()).isEqualTo(s.toBuilder().build())
                .hasSameHashCodeAs(BuilderDefaults.builder().build());
        assertThat(s.type()).isEqualTo(DomainType.KVM);
        assertThat(s.arch()).isEqualTo("x86_64");
        assertThat(s.machine()).isEqualTo("q35");
        assertThat(s.acpi()).isTrue();
        assertThat(s.apic()).isTrue();
        assertThat(s.clockOffset()).contains("utc");
        assertThat(s.onPoweroff()).contains(LifecycleAction.DESTROY);
        assertThat(s.onReboot()).contains(LifecycleAction.RESTART);
        assertThat(s.onCrash()).contains(LifecycleAction.DESTROY);
        assertThat(s.console()).isTrue();
        assertThat(s.diskBus()).isEqualTo(DiskBus.VIRTIO);
        assertThat(s.diskCache()).contains(CacheMode.NONE);
        assertThat(s.diskIo()).contains(IoMode.NATIVE);
        assertThat(s.diskDiscard()).contains(DiscardMode.UNMAP);
        assertThat(s.diskFormat(DiskType.FILE)).isEqualTo("qcow2");
        assertThat(s.diskFormat(DiskType.BLOCK)).isEqualTo("raw");
        assertThat(s.nicModel()).isEqualTo("virtio");
        assertThat(s.nicVhost()).isTrue();
        assertThat(s.nicQueues()).isEmpty();
        assertThat(s.scsiController()).isTrue();
        assertThat(s.scsiQueues()).isEmpty();
        assertThat(s.balloonOffWhenPinned()).isTrue();
        assertThat(s.declareDiskIothreads()).isTrue();
        assertThat(DomainBuilder.named("x").defaults()).isSameAs(s);
        assertThat(s.toString()).startsWith("BuilderDefaults[");
    }

    @Test
    void givingTheStandardDefaultsChangesNothing() {
        String implicit = XML.write(everything(DomainBuilder.named("vm")));
        assertThat(XML.write(everything(DomainBuilder.named("vm", BuilderDefaults.standard())))).isEqualTo(implicit);
        assertThat(XML.write(everything(DomainBuilder.named("vm").defaults(BuilderDefaults.builder().build()))))
                .isEqualTo(implicit);
    }

    @Test
    void aReplacedDiskCacheTakesEffectAndASpecStillOverridesIt() {
        BuilderDefaults writeback = BuilderDefaults.standard().toBuilder().diskCache(CacheMode.WRITEBACK)
                .diskIo(IoMode.THREADS).diskDiscard(null).diskFormats("raw", "raw").build();
        Domain d = DomainBuilder.named("vm", writeback).memory(DataSize.gib(1))
                .disk(x -> x.file("/images/a.img"))
                .disk(x -> x.file("/images/b.qcow2").qcow2().cacheNone().ioNative())
                .build();
        assertThat(driver(d, 0).cache()).contains(CacheMode.WRITEBACK);
        assertThat(driver(d, 0).io()).contains(IoMode.THREADS);
        assertThat(driver(d, 0).discard()).isEmpty();
        assertThat(driver(d, 0).type()).contains("raw");
        assertThat(driver(d, 1).cache()).contains(CacheMode.NONE);
        assertThat(driver(d, 1).io()).contains(IoMode.NATIVE);
        assertThat(driver(d, 1).type()).contains("qcow2");
        assertThat(writeback).isNotEqualTo(BuilderDefaults.standard());
    }

    @Test
    void fixedNicQueuesTakeEffect() {
        BuilderDefaults fixed = BuilderDefaults.builder().nicQueues(2).build();
        Domain d = DomainBuilder.named("vm").defaults(fixed).memory(DataSize.gib(1)).vcpus(8)
                .nic(n -> n.network("default"))
                .nic(n -> n.network("default").queuesPerVcpu())
                .nic(n -> n.sriovVf(PciAddress.parse("0000:3b:02.1")))
                .build();
        assertThat(d.devices().interfaces()).extracting(NetInterface::driverQueues)
                .containsExactly(java.util.OptionalInt.of(2), java.util.OptionalInt.of(8), java.util.OptionalInt.empty());
        assertThat(fixed.nicQueues()).hasValue(2);
        assertThat(fixed.toBuilder().nicQueuesPerVcpu().build()).isEqualTo(BuilderDefaults.standard());
        assertThatThrownBy(() -> BuilderDefaults.builder().nicQueues(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherNicModelGoesWithoutVhost() {
        BuilderDefaults e1000 = BuilderDefaults.builder().nicModel("e1000e", true).build();
        NetInterface nic = DomainBuilder.named("vm", e1000).memory(DataSize.gib(1)).vcpus(2)
                .nic(n -> n.network("default")).build().devices().interfaces().get(0);
        assertThat(nic.model()).contains("e1000e");
        assertThat(nic.driverName()).isEmpty();
        BuilderDefaults noVhost = BuilderDefaults.builder().nicModel("virtio", false).build();
        assertThat(DomainBuilder.named("vm", noVhost).memory(DataSize.gib(1)).nic(n -> n.network("default")).build()
                .devices().interfaces().get(0).driverName()).isEmpty();
    }

    @Test
    void replacedDomainDefaultsTakeEffectOnNewDomainsOnly() {
        BuilderDefaults plain = BuilderDefaults.builder().type(DomainType.QEMU).arch("aarch64").machine("virt")
                .features(false, false).clockOffset(null).lifecycle(null, null, null).console(false).build();
        Domain d = DomainBuilder.named("vm", plain).memory(DataSize.gib(1)).build();
        assertThat(d.type()).contains(DomainType.QEMU);
        assertThat(d.os().orElseThrow().arch()).contains("aarch64");
        assertThat(d.os().orElseThrow().machine()).contains("virt");
        assertThat(d.features()).isEmpty();
        assertThat(d.clock()).isEmpty();
        assertThat(d.onPoweroff()).isEmpty();
        assertThat(d.onReboot()).isEmpty();
        assertThat(d.onCrash()).isEmpty();
        assertThat(d.devices().consoles()).isEmpty();
        Domain standard = DomainBuilder.named("vm").memory(DataSize.gib(1)).build();
        Domain edited = DomainBuilder.from(standard).defaults(plain).vcpus(2).build();
        assertThat(edited.type()).contains(DomainType.KVM);
        assertThat(edited.os().orElseThrow().machine()).contains("q35");
        assertThat(edited.clock()).isPresent();
        assertThat(edited.devices().consoles()).hasSize(1);
    }

    @Test
    void controllerBalloonAndIothreadPoliciesCanBeReplaced() {
        Function<BuilderDefaults, Domain> build = defaults -> DomainBuilder.named("db", defaults)
                .memory(DataSize.gib(8)).hugepages(PageSize.MIB_2).vcpus(4)
                .disk(x -> x.file("/images/db.qcow2").virtioScsi().iothread(1))
                .assemble();
        Domain standard = build.apply(BuilderDefaults.standard());
        assertThat(standard.devices().controllers().get(0).driverQueues()).hasValue(4);
        assertThat(standard.devices().memballoon()).isPresent();
        assertThat(standard.iothreads()).hasValue(1);

        Domain twoQueues = build.apply(BuilderDefaults.builder().scsiQueues(2).build());
        assertThat(twoQueues.devices().controllers().get(0).driverQueues()).hasValue(2);
        assertThat(DomainBuilder.named("db", BuilderDefaults.builder().scsiQueues(2).build()).memory(DataSize.gib(1))
                .scsiQueues(3).disk(x -> x.file("/a").virtioScsi()).build().devices().controllers().get(0)
                .driverQueues()).hasValue(3);

        Domain bare = build.apply(BuilderDefaults.builder().scsiController(false).balloonOffWhenPinned(false)
                .declareDiskIothreads(false).build());
        assertThat(bare.devices().controllers()).isEmpty();
        assertThat(bare.devices().memballoon()).isEmpty();
        assertThat(bare.iothreads()).isEmpty();
    }

    @Test
    void aNewDiskBusByDefault() {
        Domain d = DomainBuilder.named("vm", BuilderDefaults.builder().diskBus(DiskBus.SATA).build())
                .memory(DataSize.gib(1)).disk(x -> x.file("/a.qcow2")).build();
        assertThat(d.devices().disks().get(0).targetBus()).contains(DiskBus.SATA);
        assertThat(d.devices().disks().get(0).targetDev()).contains("sda");
    }

    @Test
    void defaultsComeBeforeTheFirstDiskOrNic() {
        BuilderDefaults s = BuilderDefaults.standard();
        assertThatThrownBy(() -> DomainBuilder.named("vm").disk(x -> x.file("/a")).defaults(s))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DomainBuilder.named("vm").nic(x -> x.network("n")).defaults(s))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DomainBuilder.named("vm", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DomainBuilder.named("vm").defaults(null)).isInstanceOf(NullPointerException.class);
    }
}
