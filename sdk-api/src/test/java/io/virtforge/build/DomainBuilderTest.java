package io.virtforge.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.check.DomainValidationException;
import io.virtforge.check.Finding;
import io.virtforge.model.CacheMode;
import io.virtforge.model.Controller;
import io.virtforge.model.CpuMode;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskBus;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.model.GuestNumaCell;
import io.virtforge.model.IoMode;
import io.virtforge.model.LifecycleAction;
import io.virtforge.model.NetInterface;
import io.virtforge.model.NumaMode;
import io.virtforge.testing.LibvirtSchema;
import io.virtforge.topology.HostState;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import io.virtforge.model.DomainXml;
import org.junit.jupiter.api.Test;

class DomainBuilderTest {
    private static final DomainXml XML = DomainXml.defaults();

    @Test
    void aMinimalDomainGetsTheDocumentedDefaults() {
        Domain d = DomainBuilder.named("small").memory(DataSize.gib(2)).vcpus(2)
                .disk(disk -> disk.file("/images/small.qcow2"))
                .nic(nic -> nic.network("default"))
                .build();
        assertThat(d.type()).contains(DomainType.KVM);
        assertThat(d.os().orElseThrow().machine()).contains("q35");
        assertThat(d.os().orElseThrow().arch()).contains("x86_64");
        assertThat(d.features().orElseThrow().acpi()).isTrue();
        assertThat(d.features().orElseThrow().apic()).isTrue();
        assertThat(d.clock().orElseThrow().offset()).contains("utc");
        assertThat(d.onPoweroff()).contains(LifecycleAction.DESTROY);
        assertThat(d.onReboot()).contains(LifecycleAction.RESTART);
        assertThat(d.currentMemory()).isEqualTo(d.memory()).contains(DataSize.gib(2));
        Disk disk = d.devices().disks().get(0);
        assertThat(disk.targetDev()).contains("vda");
        assertThat(disk.targetBus()).contains(DiskBus.VIRTIO);
        assertThat(disk.driver().orElseThrow().type()).contains("qcow2");
        assertThat(disk.driver().orElseThrow().cache()).contains(CacheMode.NONE);
        assertThat(disk.driver().orElseThrow().io()).contains(IoMode.NATIVE);
        NetInterface nic = d.devices().interfaces().get(0);
        assertThat(nic.model()).contains("virtio");
        assertThat(nic.driverName()).contains("vhost");
        assertThat(nic.driverQueues()).hasValue(2);
        assertThat(d.devices().consoles()).hasSize(1);
        assertThat(d.devices().memballoon()).isEmpty(); // base pages: the balloon may stay
        assertThat(LibvirtSchema.errors("domain", XML.write(d))).isEmpty();
    }

    @Test
    void hugePagesTurnTheBalloonOffAndScsiDisksGetAControllerWithTheirIothread() {
        Domain d = DomainBuilder.named("db").memory(DataSize.gib(8)).hugepages(PageSize.MIB_2).vcpus(4)
                .disk(disk -> disk.file("/images/db.qcow2").virtioScsi().iothread(1))
                .disk(disk -> disk.file("/images/log.qcow2").virtioScsi())
                .disk(disk -> disk.block("/dev/nvme0n1").iothread(2))
                .build();
        assertThat(d.devices().memballoon().orElseThrow().model()).isEqualTo("none");
        Controller scsi = d.devices().controllers().get(0);
        assertThat(scsi.model()).contains("virtio-scsi");
        assertThat(scsi.driverIothread()).hasValue(1);
        assertThat(scsi.driverQueues()).hasValue(4);
        assertThat(d.iothreads()).hasValue(2);
        assertThat(d.devices().disks()).extracting(x -> x.targetDev().orElseThrow()).containsExactly("sda", "sdb", "vda");
        assertThat(d.devices().disks().get(0).driver().orElseThrow().iothread()).isEmpty();
        assertThat(d.devices().disks().get(2).driver().orElseThrow().iothread()).hasValue(2);
        assertThat(d.devices().disks().get(2).driver().orElseThrow().type()).contains("raw");
        assertThat(LibvirtSchema.errors("domain", XML.write(d))).isEmpty();
    }

    @Test
    void evenNumaCellsSplitVcpusAndMemory() {
        Domain d = DomainBuilder.named("numa").memory(DataSize.mib(3072)).vcpus(5).numaCells(2)
                .cpu(c -> c.hostPassthrough()).build();
        assertThat(d.cpu().orElseThrow().numaCells()).extracting(c -> c.cpus().orElseThrow(), GuestNumaCell::memory)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CpuSet.range(0, 2), DataSize.mib(1536)),
                        org.assertj.core.groups.Tuple.tuple(CpuSet.range(3, 4), DataSize.mib(1536)));
        assertThat(d.cpu().orElseThrow().mode()).contains(CpuMode.HOST_PASSTHROUGH);
    }

    @Test
    void structuralErrorsThrowWithTheReport() {
        DomainBuilder bad = DomainBuilder.named("bad").memory(DataSize.gib(4)).vcpus(4)
                .cpu(c -> c.topology(1, 3, 1))
                .numaCell(CpuSet.range(0, 1), DataSize.gib(1))
                .pinVcpu(9, CpuSet.of(1))
                .pinIothread(1, CpuSet.of(0)).iothreads(0);
        assertThatThrownBy(bad::build).isInstanceOf(DomainValidationException.class).satisfies(e -> {
            var report = ((DomainValidationException) e).report();
            assertThat(report.errors()).extracting(Finding::code)
                    .contains("TOPOLOGY_MISMATCH", "VCPU_CELLS", "CELL_MEMORY", "PIN_VCPU_MISSING");
        });
    }

    @Test
    void buildForRunsTheHostRules() {
        HostState host = HostState.of(SyntheticHost.of(2, 1, 4, 1, DataSize.gib(16), 100).build());
        DomainBuilder vm = DomainBuilder.named("vm").memory(DataSize.gib(1)).hugepages(PageSize.MIB_2).vcpus(2)
                .pinVcpus(CpuSet.of(2, 99)).memoryOn(NumaMode.STRICT, NodeSet.of(0));
        assertThat(vm.build()).isNotNull(); // structure is fine
        assertThatThrownBy(() -> vm.buildFor(host)).isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).report().errors()).extracting(Finding::code)
                        .contains("PIN_CPU_MISSING", "HUGEPAGES_INSUFFICIENT"));
    }

    @Test
    void editingAParsedDomainChangesOnlyWhatIsSet() {
        Domain original = XML.parse("""
                <domain type='kvm' xmlns:my='urn:my'>
                  <name>legacy</name>
                  <memory unit='KiB'>1048576</memory>
                  <vcpu>2</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><bios useserial='yes'/></os>
                  <devices>
                    <disk type='file'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>
                    <sound model='ich6'/>
                  </devices>
                  <my:tag v='1'/>
                </domain>""");
        Domain edited = DomainBuilder.from(original).pinVcpus(CpuSet.of(4, 5)).hugepages(PageSize.MIB_2)
                .disk(d -> d.file("/b.img")).build();
        assertThat(edited.cputune().orElseThrow().vcpuPins()).hasSize(2);
        assertThat(edited.devices().disks()).extracting(x -> x.targetDev().orElseThrow()).containsExactly("vda", "vdb");
        assertThat(edited.os().orElseThrow().machine()).contains("pc");
        assertThat(edited.features()).isEmpty(); // no defaults forced onto an edited domain
        String out = XML.write(edited);
        assertThat(out).contains("<bios useserial='yes'/>", "<sound model='ich6'/>", "<my:tag v='1'/>");
    }

    @Test
    void passthroughAndSriovNics() {
        Domain d = DomainBuilder.named("nfv").memory(DataSize.gib(4)).vcpus(4)
                .nic(n -> n.sriovVf(PciAddress.parse("0000:3b:02.1")))
                .hostdev(PciAddress.parse("0000:af:00.0"))
                .build();
        NetInterface vf = d.devices().interfaces().get(0);
        assertThat(vf.type()).isEqualTo("hostdev");
        assertThat(vf.sourcePci()).contains(PciAddress.parse("0000:3b:02.1"));
        assertThat(vf.driverName()).isEmpty();
        assertThat(d.devices().hostdevs().get(0).sourcePci()).contains(PciAddress.parse("0000:af:00.0"));
        assertThat(LibvirtSchema.errors("domain", XML.write(d))).isEmpty();
    }

    @Test
    void directKernelBootWithAFileSerial() {
        Domain d = DomainBuilder.named("tiny").type(DomainType.QEMU).memory(DataSize.mib(128)).vcpus(1)
                .directKernelBoot("/guest/vmlinuz", "/guest/initrd", "console=ttyS0")
                .serialToFile("/tmp/tiny.log").build();
        assertThat(d.os().orElseThrow().kernel()).contains("/guest/vmlinuz");
        assertThat(d.devices().serials().get(0).sources().get(0).path()).contains("/tmp/tiny.log");
        assertThat(d.devices().consoles()).isEmpty();
        assertThat(LibvirtSchema.errors("domain", XML.write(d))).isEmpty();
    }
}
