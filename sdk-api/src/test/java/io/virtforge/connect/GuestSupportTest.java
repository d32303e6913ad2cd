package io.virtforge.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.DomainType;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlParser;
import org.junit.jupiter.api.Test;

class GuestSupportTest {
    /** A QEMU host without a usable /dev/kvm (no kvm domain), plus an old-style per-domain override. */
    private static final XmlElement CAPS = XmlParser.defaults().parse("""
            <capabilities>
              <host><cpu><arch>x86_64</arch></cpu></host>
              <guest>
                <os_type>hvm</os_type>
                <arch name='x86_64'>
                  <wordsize>64</wordsize>
                  <emulator>/usr/bin/qemu-system-x86_64</emulator>
                  <machine maxCpus='255'>pc-i440fx-7.2</machine>
                  <machine canonical='pc-i440fx-7.2' maxCpus='255'>pc</machine>
                  <machine maxCpus='288'>pc-q35-7.2</machine>
                  <machine canonical='pc-q35-7.2' maxCpus='288'>q35</machine>
                  <domain type='qemu'/>
                </arch>
              </guest>
              <guest>
                <os_type>hvm</os_type>
                <arch name='aarch64'>
                  <emulator>/usr/bin/qemu-system-aarch64</emulator>
                  <machine>virt-7.2</machine>
                  <domain type='qemu'/>
                  <domain type='kvm'>
                    <emulator>/usr/libexec/qemu-kvm</emulator>
                    <machine canonical='virt-7.2'>virt</machine>
                  </domain>
                </arch>
              </guest>
            </capabilities>
            """);

    @Test
    void readsTheEmulatorAndTheMachinesWithTheirCanonicalNames() {
        GuestSupport g = GuestSupport.fromCapabilities(CAPS, DomainType.QEMU, "x86_64");
        assertThat(g.offered()).isTrue();
        assertThat(g.emulator()).contains("/usr/bin/qemu-system-x86_64");
        assertThat(g.machines()).extracting(GuestSupport.Machine::name).containsExactly("pc-i440fx-7.2", "pc",
                "pc-q35-7.2", "q35");
        assertThat(g.machines().get(3).canonical()).contains("pc-q35-7.2");
        assertThat(g.supportsMachine("q35")).isTrue();
        assertThat(g.supportsMachine("pc-q35-7.2")).isTrue();
        assertThat(g.supportsMachine("pc-q35-9.9")).isFalse();
    }

    @Test
    void aTypeWithoutADomainElementIsNotOffered() {
        GuestSupport kvm = GuestSupport.fromCapabilities(CAPS, DomainType.KVM, "x86_64");
        assertThat(kvm.offered()).isFalse();
        assertThat(kvm.supportsMachine("q35")).isFalse();
        assertThat(GuestSupport.fromCapabilities(CAPS, DomainType.QEMU, "s390x").offered()).isFalse();
    }

    @Test
    void aDomainsOwnEmulatorAndMachinesReplaceTheArchs() {
        GuestSupport kvm = GuestSupport.fromCapabilities(CAPS, DomainType.KVM, "aarch64");
        assertThat(kvm.emulator()).contains("/usr/libexec/qemu-kvm");
        assertThat(kvm.machines()).containsExactly(GuestSupport.Machine.alias("virt", "virt-7.2"));
        GuestSupport qemu = GuestSupport.fromCapabilities(CAPS, DomainType.QEMU, "aarch64");
        assertThat(qemu.emulator()).contains("/usr/bin/qemu-system-aarch64");
        assertThat(qemu.machines()).containsExactly(GuestSupport.Machine.of("virt-7.2"));
    }
}
