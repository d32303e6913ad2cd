package io.virtforge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.testing.Corpus;
import io.virtforge.testing.LibvirtSchema;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.MacAddress;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlModelException;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The model's builders: what they write, that it is valid for libvirt, and that edits keep untyped parts. */
class ModelBuildersTest {
    private static final DomainXml XML = DomainXml.defaults();

    /** The seed's high-perf-vm, built from typed parts. */
    static Domain highPerfVm() {
        CpuTune.Builder tune = CpuTune.builder();
        for (int v = 0; v < 8; v++) {
            tune.vcpuPin(v, CpuSet.of(2 + v));
        }
        tune.emulatorPin(CpuSet.range(0, 1));
        return Domain.builder("high-perf-vm", DomainType.KVM)
                .memory(DataSize.gib(16)).currentMemory(DataSize.gib(16))
                .vcpu(Vcpu.of(8, PlacementMode.STATIC, null, null))
                .memoryBacking(MemoryBacking.builder().hugepages(List.of(HugePage.of(PageSize.MIB_2, null)))
                        .locked(true).build())
                .cpu(Cpu.builder().mode(CpuMode.HOST_PASSTHROUGH).check("none")
                        .topology(CpuTopology.of(1, 1, 8, 1))
                        .numaCells(List.of(GuestNumaCell.of(0, CpuSet.range(0, 7), DataSize.gib(16)))).build())
                .numatune(NumaTune.builder().memory(NumaMode.STRICT, NodeSet.of(0)).build())
                .cputune(tune.build())
                .os(Os.builder().arch("x86_64").machine("pc-q35-7.2").boot(BootDevice.HD).build())
                .devices(Devices.builder()
                        .add(Controller.virtioScsi(0).queues(8).iothread(1).build())
                        .add(Disk.builder(DiskType.FILE, DiskDevice.DISK)
                                .driver(DiskDriver.builder("qcow2").cache(CacheMode.NONE).io(IoMode.NATIVE)
                                        .discard(DiscardMode.UNMAP).iothread(1).build())
                                .source(DiskSource.file("/var/lib/libvirt/images/high-perf-vm.qcow2"))
                                .target("sda", DiskBus.SCSI).build())
                        .add(NetInterface.network("default").model("virtio").driverName("vhost").queues(8)
                                .txmode("iothread").build())
                        .add(CharDevice.ptyConsole())
                        .add(Graphics.vnc())
                        .build())
                .build();
    }

    @Test
    void theSeedsHighPerfVmBuiltFromTypedPartsReadsLikeTheSeed() {
        Domain built = highPerfVm();
        Domain seed = XML.parse(Corpus.read(Corpus.require("seed/high-perf-vm.xml")));
        assertThat(built.name()).isEqualTo(seed.name());
        assertThat(built.memory()).isEqualTo(seed.memory()).contains(DataSize.gib(16));
        assertThat(built.vcpuCount()).isEqualTo(seed.vcpuCount()).isEqualTo(8);
        assertThat(built.memoryBacking().orElseThrow().pages()).extracting(HugePage::size)
                .isEqualTo(seed.memoryBacking().orElseThrow().pages().stream().map(HugePage::size).toList())
                .containsExactly(Optional.of(PageSize.MIB_2));
        assertThat(built.memoryBacking().orElseThrow().locked()).isTrue();
        assertThat(built.cputune().orElseThrow().vcpuPins()).extracting(VcpuPin::cpuset)
                .isEqualTo(seed.cputune().orElseThrow().vcpuPins().stream().map(VcpuPin::cpuset).toList());
        assertThat(built.cputune().orElseThrow().emulatorPin()).isEqualTo(seed.cputune().orElseThrow().emulatorPin());
        assertThat(built.numatune().orElseThrow().memory().orElseThrow().nodeset()).contains(NodeSet.of(0));
        assertThat(built.cpu().orElseThrow().numaCells().get(0).memory())
                .isEqualTo(seed.cpu().orElseThrow().numaCells().get(0).memory());
        Disk disk = built.devices().disks().get(0);
        assertThat(disk.driver().orElseThrow().cache()).contains(CacheMode.NONE);
        assertThat(disk.driver().orElseThrow().io()).contains(IoMode.NATIVE);
        assertThat(disk.targetBus()).contains(DiskBus.SCSI);
        assertThat(built.devices().controllers().get(0).driverQueues()).hasValue(8);
        assertThat(built.devices().interfaces().get(0).driverQueues()).hasValue(8);
    }

    @Test
    void builtDomainsValidateAgainstLibvirtsSchema() {
        for (Domain d : List.of(highPerfVm(), directBootGuest(), passthroughGuest())) {
            assertThat(LibvirtSchema.errors("domain", XML.write(d))).as(d.name()).isEmpty();
        }
    }

    @Test
    void theSchemaOracleRejectsWhatLibvirtWouldReject() {
        Domain bad = highPerfVm().toBuilder().rawAttribute("type", "kvm")
                .rawElement(XmlElement.builder("nonsense").build()).build();
        assertThat(LibvirtSchema.errors("domain", XML.write(bad))).isNotEmpty();
    }

    static Domain directBootGuest() {
        return Domain.builder("tcg-guest", DomainType.QEMU)
                .uuid(UUID.fromString("5e1f8a8e-2b7c-4a8e-9a34-1d2a3b4c5d6e"))
                .memory(DataSize.mib(128))
                .vcpu(Vcpu.of(2, PlacementMode.STATIC, null, null))
                .iothreads(1)
                .memoryBacking(MemoryBacking.builder().hugepages(List.of(HugePage.of(PageSize.MIB_2, null))).build())
                .cputune(CpuTune.builder().vcpuPin(0, CpuSet.of(0)).vcpuPin(1, CpuSet.of(1))
                        .emulatorPin(CpuSet.range(0, 1)).iothreadPin(1, CpuSet.range(0, 1)).build())
                .numatune(NumaTune.builder().memory(NumaMode.STRICT, NodeSet.of(0)).build())
                .os(Os.builder().arch("x86_64").machine("pc").kernel("/var/lib/virtforge/guest/vmlinuz")
                        .initrd("/var/lib/virtforge/guest/initramfs.cpio.gz").cmdline("console=ttyS0 panic=-1").build())
                .features(Features.builder().acpi(true).apic(true).build())
                .cpu(Cpu.builder().mode(CpuMode.CUSTOM).match("exact").model("qemu64")
                        .topology(CpuTopology.of(2, 1, 1, 1))
                        .numaCells(List.of(GuestNumaCell.of(0, CpuSet.of(0), DataSize.mib(64), Map.of(0, 10, 1, 20)),
                                GuestNumaCell.of(1, CpuSet.of(1), DataSize.mib(64), Map.of(0, 20, 1, 10)))).build())
                .clock(Clock.of("utc", List.of(Clock.Timer.of("rtc", "catchup", null))))
                .onPoweroff(LifecycleAction.DESTROY).onReboot(LifecycleAction.DESTROY).onCrash(LifecycleAction.DESTROY)
                .devices(Devices.builder().emulator("/usr/bin/qemu-system-x86_64")
                        .add(Controller.virtioScsi(0).iothread(1).build())
                        .add(CharDevice.fileSerial("/var/log/libvirt/qemu/tcg-guest-serial.log"))
                        .add(Memballoon.of("none", null))
                        .build())
                .build();
    }

    static Domain passthroughGuest() {
        return Domain.builder("passthrough", DomainType.KVM)
                .memory(DataSize.gib(4))
                .devices(Devices.builder()
                        .add(Hostdev.pci(PciAddress.parse("0000:3b:00.0"), true).driverName("vfio").build())
                        .add(NetInterface.sriovVf(PciAddress.parse("0000:3b:02.1"))
                                .mac(MacAddress.parse("52:54:00:12:34:56")).build())
                        .add(Memballoon.of("virtio", 10))
                        .add(Rng.urandom())
                        .add(Video.of("virtio"))
                        .build())
                .os(Os.builder().arch("x86_64").build())
                .build();
    }

    @Test
    void passthroughPartsReadBackTyped() {
        Domain d = passthroughGuest();
        Hostdev h = d.devices().hostdevs().get(0);
        assertThat(h.sourcePci()).contains(PciAddress.parse("0000:3b:00.0"));
        assertThat(h.managed()).contains(true);
        NetInterface vf = d.devices().interfaces().get(0);
        assertThat(vf.type()).isEqualTo("hostdev");
        assertThat(vf.sourcePci()).contains(PciAddress.parse("0000:3b:02.1"));
        assertThat(vf.mac()).contains(MacAddress.parse("52:54:00:12:34:56"));
        assertThat(d.devices().memballoon().orElseThrow().statsPeriod()).hasValue(10);
    }

    @Test
    void editingAParsedDomainKeepsEverythingUntyped() {
        String original = """
                <domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
                  <name>edit-me</name>
                  <metadata><app:x xmlns:app='urn:app'>keep</app:x></metadata>
                  <memory unit='KiB'>1048576</memory>
                  <vcpu placement='static'>2</vcpu>
                  <cputune>
                    <vcpupin vcpu='0' cpuset='1' future='attr'/>
                    <unknowntune value='7'/>
                  </cputune>
                  <seclabel type='dynamic' model='selinux'/>
                  <devices>
                    <sound model='ich6'/>
                  </devices>
                  <qemu:commandline><qemu:arg value='-S'/></qemu:commandline>
                </domain>
                """;
        Domain d = XML.parse(original);
        Domain edited = d.toBuilder().memory(DataSize.gib(2))
                .cputune(d.cputune().orElseThrow().toBuilder().vcpuPin(1, CpuSet.of(2)).build()).build();
        assertThat(edited.memory()).contains(DataSize.gib(2));
        assertThat(edited.cputune().orElseThrow().vcpuPin(1).orElseThrow().cpuset()).isEqualTo(CpuSet.of(2));
        String out = XML.write(edited);
        assertThat(out).contains("future='attr'", "<unknowntune value='7'/>", "<seclabel type='dynamic' model='selinux'/>",
                "<sound model='ich6'/>", "<qemu:arg value='-S'/>", "xmlns:qemu=", "<app:x xmlns:app='urn:app'>keep</app:x>");
        // the vcpupin added goes after the existing one, before the untyped child that follows
        assertThat(out.indexOf("vcpu='1'")).isGreaterThan(out.indexOf("vcpu='0'"));
        assertThat(XML.parse(out)).isEqualTo(edited);
    }

    @Test
    void unknownEnumValuesParseAndComeBackUnchanged() {
        Domain d = XML.parse("""
                <domain type='futurevisor'>
                  <name>x</name>
                  <cpu mode='host-quantum'/>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' cache='telepathic' io='io_uring'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <watchdog model='brand-new-model' action='reset'/>
                  </devices>
                </domain>
                """);
        assertThat(d.type()).contains(DomainType.UNRECOGNIZED);
        assertThat(d.typeAsString()).contains("futurevisor");
        assertThat(d.cpu().orElseThrow().mode()).contains(CpuMode.UNRECOGNIZED);
        DiskDriver driver = d.devices().disks().get(0).driver().orElseThrow();
        assertThat(driver.cache()).contains(CacheMode.UNRECOGNIZED);
        assertThat(driver.cacheAsString()).contains("telepathic");
        assertThat(driver.io()).contains(IoMode.IO_URING);
        assertThat(d.devices().watchdogs().get(0).model()).isEqualTo("brand-new-model");
        assertThat(XML.write(d)).contains("cache='telepathic'", "type='futurevisor'", "mode='host-quantum'");
    }

    @Test
    void buildersCheckValuesLikeTheParserAndNameThePath() {
        assertThatThrownBy(() -> CpuTune.builder().vcpuPin(0, CpuSet.of(1)).rawAttribute("shares", "x")
                .build().toBuilder().rawElement(XmlElement.builder("vcpupin").attribute("vcpu", "1")
                        .attribute("cpuset", "3-1").build()).build())
                .isInstanceOf(XmlModelException.class)
                .hasMessageContaining("/cputune/vcpupin[2]/@cpuset")
                .hasMessageContaining("backwards");
        assertThatThrownBy(() -> Domain.builder("", DomainType.KVM).build())
                .isInstanceOf(XmlModelException.class).hasMessageContaining("<name>");
    }

    @Test
    void modelsAreValuesEqualByTheirXml() {
        assertThat(highPerfVm()).isEqualTo(highPerfVm()).hasSameHashCodeAs(highPerfVm());
        assertThat(highPerfVm()).isNotEqualTo(highPerfVm().toBuilder().title("t").build());
        assertThat(VcpuPin.of(1, CpuSet.of(3))).isEqualTo(VcpuPin.of(1, CpuSet.of(3)));
    }

    @Test
    void devicesKeepDocumentOrderAndFilterByKind() {
        Domain d = XML.parse("""
                <domain type='kvm'><name>x</name><devices>
                  <interface type='network'><source network='a'/></interface>
                  <disk type='file'><target dev='vda' bus='virtio'/></disk>
                  <sound model='ich6'/>
                  <interface type='bridge'><source bridge='br0'/></interface>
                  <console type='pty'/>
                </devices></domain>
                """);
        assertThat(d.devices().all()).extracting(Device::kind)
                .containsExactly("interface", "disk", "sound", "interface", "console");
        assertThat(d.devices().interfaces()).extracting(NetInterface::type).containsExactly("network", "bridge");
        assertThat(d.devices().others()).hasSize(1);
        assertThat(d.devices().consoles()).hasSize(1);
        Domain more = d.toBuilder().devices(d.devices().toBuilder()
                .add(NetInterface.network("c").build()).build()).build();
        assertThat(more.devices().all()).extracting(Device::kind)
                .containsExactly("interface", "disk", "sound", "interface", "interface", "console");
    }
}
