package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_INTERNAL_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_INVALID_ARG;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_SYSTEM_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_DETAIL;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_INVALID_SCHEMA;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_XML;
import static io.virtforge.fake.libvirt.TestDomains.fails;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.GuestSupport;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.model.DomainXml;
import io.virtforge.value.DataSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What libvirt 9.0's QEMU driver refuses or rewrites at define (issue 19, root cause 2), with its codes and
 * words ({@code evidence/libvirt-9.0/transcript-issue19.txt}); {@code FakeDefineDifferentialIT} in sdk-libvirt
 * holds the fake to {@code qemu:///system} over libvirt's whole corpus.
 */
class FakeDefineChecksTest {
    private static final String OS = "<os><type arch='x86_64' machine='pc'>hvm</type></os>";
    private final FakeVirtConnection fake = Fixtures.get(Fixtures.TINY).connect();

    @AfterEach
    void close() {
        fake.close();
    }

    private static Domain doc(String name, String memory, String top, String os, String devices) {
        return DomainXml.defaults().parse("<domain type='qemu'><name>" + name + "</name><memory unit='MiB'>" + memory
                + "</memory>" + top + os + "<devices>" + devices + "</devices></domain>");
    }

    private static Domain doc(String top, String devices) {
        return doc("d", "64", "<vcpu>1</vcpu>" + top, OS, devices);
    }

    private void refused(Class<? extends io.virtforge.connect.VirtException> type, int code, int domain,
            String message, Domain d) {
        fails(type, code, domain, message, () -> fake.define(d, DefineOptions.unchecked()));
        assertThat(fake.domains()).isEmpty();
    }

    @Test
    void whatTheParserCannotReadIsRefusedWithLibvirtsWords() {
        refused(InvalidDefinitionException.class, VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
                "XML error: an os <type> must be specified", doc("d", "64", "<vcpu>1</vcpu>", "", ""));
        refused(InvalidDefinitionException.class, VIR_ERR_XML_ERROR, VIR_FROM_XML,
                "XML error: Invalid value for attribute 'bus' in element 'target': 'nonesuch'.",
                doc("", "<disk type='file' device='disk'><source file='/x.img'/><target dev='vda' bus='nonesuch'/></disk>"));
        refused(InvalidDefinitionException.class, VIR_ERR_XML_ERROR, VIR_FROM_XML,
                "XML error: Invalid value for attribute 'type' in element 'interface': 'bogus'.",
                doc("", "<interface type='bogus'><model type='virtio'/></interface>"));
        refused(InvalidDefinitionException.class, VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
                "XML error: Memory size must be specified via <memory> or in the <numa> configuration",
                doc("d", "0", "<vcpu>1</vcpu>", OS, ""));
        refused(InvalidDefinitionException.class, VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN,
                "internal error: CPU IDs in <numa> exceed the <vcpu> count", doc("d", "64", "<vcpu>0</vcpu>", OS, ""));
        refused(InvalidDefinitionException.class, VIR_ERR_XML_DETAIL, VIR_FROM_XML, "invalid char in name: \n",
                doc("d\nx", "64", "<vcpu>1</vcpu>", OS, ""));
        refused(InvalidDefinitionException.class, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN,
                "unsupported configuration: Cannot find 'iothread' : 1",
                doc("<cputune><iothreadpin iothread='1' cpuset='0'/></cputune>", ""));
    }

    @Test
    void guestNumaCellsAreNumberedFromZeroWithoutGaps() {
        refused(InvalidDefinitionException.class, VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: Exactly one 'cell' "
                + "element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed",
                doc("d", "64", "<vcpu>2</vcpu><cpu><numa><cell id='1' cpus='0' memory='32' unit='MiB'/><cell id='2' "
                        + "cpus='1' memory='32' unit='MiB'/></numa></cpu>", OS, ""));
        fake.define(doc("d", "64", "<vcpu>2</vcpu><cpu><numa><cell id='1' cpus='1' memory='32' unit='MiB'/><cell id='0' "
                + "cpus='0' memory='32' unit='MiB'/></numa></cpu>", OS, ""), DefineOptions.unchecked()); // any order
    }

    @Test
    void anIothreadPinOfAnIothreadTheDomainHasIsTaken() {
        fake.define(doc("<iothreads>1</iothreads><cputune><iothreadpin iothread='1' cpuset='0'/></cputune>", ""),
                DefineOptions.unchecked());
        assertThat(fake.lookup("d")).isPresent();
    }

    @Test
    void theCurrentMemoryIsClampedToTheMemory() {
        Domain d = doc("<currentMemory unit='MiB'>128</currentMemory>", "");
        assertThat(fake.define(d, DefineOptions.unchecked()).definition().currentMemory()).contains(DataSize.mib(64));
    }

    @Test
    void anUnlimitedMemoryLimitIsNoLimitAtAll() {
        Domain d = doc("<memtune><hard_limit unit='KiB'>9007199254740991</hard_limit></memtune>", "");
        io.virtforge.connect.VirtDomain first = fake.define(d, DefineOptions.unchecked());
        assertThat(first.definition().memtune()).isEmpty();
        first.undefine();
        Domain soft = doc("<memtune><hard_limit unit='KiB'>9007199254740991</hard_limit>"
                + "<soft_limit unit='MiB'>32</soft_limit></memtune>", "");
        io.virtforge.model.MemTune kept = fake.define(soft, DefineOptions.unchecked()).definition().memtune().orElseThrow();
        assertThat(kept.hardLimit()).isEmpty();
        assertThat(kept.softLimit()).contains(DataSize.mib(32));
    }

    @Test
    void elementsLibvirtDoesNotKnowAreDroppedUnlessTheHostIsStrict() {
        Domain typos = doc("<frobnicate/><qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'/>",
                "<memballon model='virtio'/><memballoon model='none'/>");
        Domain stored = fake.define(typos, DefineOptions.unchecked()).definition();
        assertThat(stored.xml().element("frobnicate")).isEmpty();
        assertThat(stored.xml().element("qemu:commandline")).as("a driver's namespace stays").isPresent();
        assertThat(stored.xml().element("devices").orElseThrow().element("memballon")).isEmpty();
        assertThat(stored.devices().memballoon()).isPresent();

        FakeVirtConnection strict = FakeVirtConnection.builder(Fixtures.get(Fixtures.TINY).topology()).strictXml(true)
                .build();
        fails(InvalidDefinitionException.class, VIR_ERR_XML_INVALID_SCHEMA, VIR_FROM_DOMAIN,
                "XML document failed to validate against schema: Unable to validate doc against "
                        + "/usr/share/libvirt/schemas/domain.rng\nElement frobnicate is not allowed here (/domain/frobnicate)",
                () -> strict.define(typos, DefineOptions.unchecked()));
        strict.close();
    }

    @Test
    void theEmulatorTypeAndMachineMustBeTheHostsOwn() {
        refused(HostResourceException.class, VIR_ERR_SYSTEM_ERROR, VIR_FROM_QEMU,
                "Cannot check QEMU binary /usr/bin/qemu-system-s390x: No such file or directory",
                doc("d", "64", "<vcpu>1</vcpu>", "<os><type arch='s390x'>hvm</type></os>", ""));
        refused(HostResourceException.class, VIR_ERR_SYSTEM_ERROR, VIR_FROM_QEMU,
                "Cannot check QEMU binary /usr/bin/qemu-kvm: No such file or directory",
                doc("", "<emulator>/usr/bin/qemu-kvm</emulator>"));
        refused(InvalidDefinitionException.class, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
                "unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-0.13'",
                doc("d", "64", "<vcpu>1</vcpu>", "<os><type arch='x86_64' machine='pc-0.13'>hvm</type></os>", ""));
        refused(InvalidDefinitionException.class, VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: No PCI buses available",
                doc("d", "64", "<vcpu>1</vcpu>", "<os><type arch='x86_64' machine='pc-nonesuch'>hvm</type></os>", ""));

        FakeVirtConnection noKvm = FakeVirtConnection.builder(Fixtures.get(Fixtures.TINY).topology())
                .withoutDomainType(DomainType.KVM).build();
        Domain kvm = DomainXml.defaults().parse("<domain type='kvm'><name>k</name><memory unit='MiB'>64</memory>"
                + "<vcpu>1</vcpu>" + OS + "</domain>");
        fails(HostResourceException.class, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
                "unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support virt type 'kvm'",
                () -> noKvm.define(kvm, DefineOptions.unchecked()));
        Domain kvmNoMachine = DomainXml.defaults().parse("<domain type='kvm'><name>k</name><memory unit='MiB'>64"
                + "</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
        fails(InvalidDefinitionException.class, VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
                "invalid argument: could not get preferred machine for /usr/bin/qemu-system-x86_64 type=kvm",
                () -> noKvm.define(kvmNoMachine, DefineOptions.unchecked()));
        noKvm.close();
    }

    @Test
    void anotherArchitectureIsDefinedWhereTheHostOffersItsEmulator() {
        FakeVirtConnection multi = FakeVirtConnection.builder(Fixtures.get(Fixtures.TINY).topology())
                .guest(GuestSupport.of(DomainType.QEMU, "i686", "/usr/bin/qemu-system-i386",
                        FakeVirtConnection.DEFAULT_MACHINES)).build();
        multi.define(doc("d", "64", "<vcpu>1</vcpu>", "<os><type arch='i686' machine='pc'>hvm</type></os>", ""),
                DefineOptions.unchecked());
        assertThat(multi.guestSupport(DomainType.QEMU, "i686").orElseThrow().offered()).isTrue();
        multi.close();
    }
}
