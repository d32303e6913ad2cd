package io.virtforge.fake.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.GuestSupport;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.DomainType;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeGuestSupportTest {
    @Test
    void aFixtureHostOffersKvmAndQemuX86GuestsWithQ35AndPc() {
        FakeVirtConnection c = TestDomains.connect(Fixtures.XEON_2S);
        for (DomainType t : List.of(DomainType.KVM, DomainType.QEMU)) {
            GuestSupport g = c.guestSupport(t, "x86_64").orElseThrow();
            assertThat(g.offered()).isTrue();
            assertThat(g.emulator()).contains("/usr/bin/qemu-system-x86_64");
            assertThat(g.machines()).isEqualTo(FakeVirtConnection.DEFAULT_MACHINES)
                    .contains(GuestSupport.Machine.alias("q35", "pc-q35-7.2"));
            assertThat(g.supportsMachine("q35")).isTrue();
            assertThat(g.supportsMachine("pc-q35-7.2")).isTrue();
            assertThat(g.supportsMachine("pc-i440fx-6.2")).isTrue();
            assertThat(g.supportsMachine("virt")).isFalse();
        }
        assertThat(c.guestSupport(DomainType.KVM, "aarch64").orElseThrow().offered()).isFalse();
        assertThat(c.guestSupport(DomainType.XEN, "x86_64").orElseThrow().offered()).isFalse();
    }

    @Test
    void theBuilderLeavesKvmOutAndSetsTheMachines() {
        FakeVirtConnection c = FakeVirtConnection.builder(Fixtures.get(Fixtures.XEON_2S).topology())
                .withoutDomainType(DomainType.KVM).machines(List.of(GuestSupport.Machine.of("pc-i440fx-8.0"))).build();
        GuestSupport kvm = c.guestSupport(DomainType.KVM, "x86_64").orElseThrow();
        assertThat(kvm.offered()).isFalse();
        assertThat(kvm.machines()).isEmpty();
        GuestSupport qemu = c.guestSupport(DomainType.QEMU, "x86_64").orElseThrow();
        assertThat(qemu.supportsMachine("pc-i440fx-8.0")).isTrue();
        assertThat(qemu.supportsMachine("q35")).isFalse();
    }
}
