package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.plain;
import static io.virtforge.fake.libvirt.TestDomains.small;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.DomainState;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtConnections;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.FakeConnectionProvider;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.Domain;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's state machine beyond the contract: what libvirt fills in, and the test driver's corner cases. */
class FakeLifecycleTest {
    private final FakeVirtConnection fake = TestDomains.connect(Fixtures.XEON_2S);

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void libvirtFillsInAUuidACurrentMemoryAndMacAddresses() {
        Domain given = plain("vm");
        assertThat(given.uuid()).isEmpty();
        Domain stored = fake.define(given).definition();
        assertThat(stored.uuid()).isPresent();
        assertThat(stored.currentMemory()).contains(DataSize.gib(1));
        assertThat(stored.devices().interfaces().get(0).mac()).isPresent();
        assertThat(stored.devices().interfaces().get(0).mac().get().format()).startsWith("52:54:00:");
    }

    @Test
    void theRunningDefinitionHasAnIdTapDevicesAndAliasesAndCanBeDefinedAgain() {
        VirtDomain vm = fake.define(plain("vm"));
        VirtDomain other = fake.define(plain("other"));
        other.start();
        vm.start();
        Domain live = vm.live();
        assertThat(live.id()).hasValue(2);
        assertThat(live.devices().interfaces().get(0).targetDev()).contains("vnet1");
        assertThat(live.devices().interfaces().get(0).alias()).contains("net0");
        assertThat(live.devices().disks().get(0).alias()).contains("virtio-disk0");
        assertThat(vm.definition().id()).isEmpty();
        assertThat(vm.definition().devices().interfaces().get(0).targetDev()).isEmpty();
        fake.define(live);
        assertThat(vm.definition().devices().disks().get(0).alias()).isEmpty();
        assertThat(vm.definition().devices().interfaces().get(0).targetDev()).isEmpty();
        assertThat(vm.definition().id()).isEmpty();
    }

    @Test
    void createOfADefinedShutOffDomainRunsTheGivenDefinitionAndKeepsItPersistent() {
        UUID uuid = UUID.randomUUID();
        VirtDomain vm = fake.define(small("vm").uuid(uuid).build());
        fake.create(small("vm").uuid(uuid).vcpus(4).build(), DefineOptions.DEFAULT);
        assertThat(vm.state()).isEqualTo(DomainState.RUNNING);
        assertThat(vm.persistent()).isTrue();
        assertThat(vm.live().vcpuCount()).isEqualTo(4);
        assertThat(vm.definition().vcpuCount()).isEqualTo(2);
    }

    @Test
    void definingARunningTransientDomainIsAnAddition() {
        VirtDomain vm = fake.create(plain("vm"), DefineOptions.DEFAULT);
        fake.define(vm.definition());
        assertThat(fake.events()).extracting(LifecycleEvent::type, LifecycleEvent::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LifecycleEvent.Type.STARTED, LifecycleDetail.STARTED_BOOTED),
                org.assertj.core.groups.Tuple.tuple(LifecycleEvent.Type.DEFINED, LifecycleDetail.DEFINED_ADDED));
        vm.destroy();
        assertThat(vm.state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(vm.persistent()).isTrue();
    }

    @Test
    void aHandleFindsADomainCreatedAgainWithTheSameUuid() {
        UUID uuid = UUID.randomUUID();
        VirtDomain first = fake.create(small("vm").uuid(uuid).build(), DefineOptions.DEFAULT);
        first.destroy();
        org.assertj.core.api.Assertions.assertThatThrownBy(first::state).isInstanceOf(NotFoundException.class);
        fake.create(small("vm").uuid(uuid).build(), DefineOptions.DEFAULT);
        assertThat(first.state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void aTransientDomainThatFailsToStartLeavesNothing() {
        VirtDomain hog = fake.define(small("hog").memory(DataSize.gib(32)).hugepages(PageSize.GIB_1).build());
        hog.start();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fake.create(
                small("t").memory(DataSize.gib(2)).hugepages(PageSize.GIB_1).build(), DefineOptions.DEFAULT))
                .isInstanceOf(HostResourceException.class);
        assertThat(fake.lookup("t")).isEmpty();
        assertThat(fake.domains()).hasSize(1);
    }

    @Test
    void aGuestThatIgnoresShutdownIsDestroyed() {
        VirtDomain vm = fake.define(plain("vm"));
        vm.start();
        fake.guests().ignoreShutdown("vm");
        assertThat(vm.shutdown(Duration.ofSeconds(30))).isFalse();
        assertThat(vm.state()).isEqualTo(DomainState.SHUTOFF);
        fake.guests().obeyShutdown("vm");
        vm.start();
        assertThat(vm.shutdown(Duration.ofSeconds(30))).isTrue();
        assertThat(fake.events()).filteredOn(e -> e.type() == LifecycleEvent.Type.STOPPED)
                .extracting(LifecycleEvent::detail)
                .containsExactly(LifecycleDetail.STOPPED_DESTROYED, LifecycleDetail.STOPPED_SHUTDOWN);
    }

    @Test
    void guestsCanPowerOffOrCrashOnTheirOwn() {
        VirtDomain a = fake.define(plain("a"));
        VirtDomain b = fake.create(plain("b"), DefineOptions.DEFAULT);
        a.start();
        fake.guests().powerOff("a");
        fake.guests().crash("b");
        assertThat(a.state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(fake.lookup("b")).isEmpty();
        assertThat(fake.events()).filteredOn(e -> e.type() == LifecycleEvent.Type.STOPPED)
                .extracting(LifecycleEvent::domain, LifecycleEvent::detail).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", LifecycleDetail.STOPPED_SHUTDOWN),
                        org.assertj.core.groups.Tuple.tuple("b", LifecycleDetail.STOPPED_FAILED));
    }

    @Test
    void rebootKeepsTheDomainRunningWithoutALifecycleEvent() {
        VirtDomain vm = fake.define(plain("vm"));
        vm.start();
        int before = fake.events().size();
        vm.reboot();
        assertThat(vm.state()).isEqualTo(DomainState.RUNNING);
        assertThat(fake.events()).hasSize(before);
    }

    @Test
    void theProviderOpensFixturesByUri() {
        try (VirtConnection c = VirtConnections.open("fake:///tiny")) {
            assertThat(c).isInstanceOf(FakeVirtConnection.class);
            assertThat(c.uri()).isEqualTo("fake:///tiny");
            assertThat(c.topology().cpus()).hasSize(2);
            assertThat(c.domains()).isEmpty();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VirtConnections.open("fake:///nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("cannot open fake:///nope: no fixture host named 'nope'; the fixtures are xeon-2s, "
                        + "epyc-nps4, gpu-server, sriov-host, tiny");
        assertThat(new FakeConnectionProvider().accepts("qemu:///system")).isFalse();
    }

    @Test
    void stateOfReportsWithoutFaults() {
        fake.define(plain("vm")).start();
        fake.faults().dropConnection();
        assertThat(fake.stateOf("vm")).contains(DomainState.RUNNING);
        assertThat(fake.stateOf("none")).isEmpty();
    }
}
