package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.connect.DomainState;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.LifecycleEvent;
import io.virtforge.connect.MigrationOptions;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.connect.VirtException;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.InMemoryClaimStore;
import io.virtforge.migrate.LiveMigration;
import io.virtforge.migrate.MigrationOutcome;
import io.virtforge.model.NumaMode;
import io.virtforge.value.CpuSet;
import io.virtforge.value.NodeSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Live migration between two fake hosts (issue 18, item 4): the SDK's {@link LiveMigration} re-plans the guest on
 * the destination, claims, and the fake moves it as libvirt would, so control-plane code is testable offline.
 */
class FakeMigrationTest {
    private final FakeVirtConnection source = TestDomains.connect(Fixtures.XEON_2S);
    private final FakeVirtConnection destination = TestDomains.connect(Fixtures.XEON_2S);

    @AfterEach
    void close() {
        source.close();
        destination.close();
    }

    private VirtDomain pinnedOnSource() {
        VirtDomain db = source.define(small("db").pinVcpus(CpuSet.of(2, 3)).memoryOn(NumaMode.STRICT, NodeSet.of(0))
                .build());
        db.start();
        return db;
    }

    @Test
    void aPinnedGuestMovesWithTheDestinationsPinsItsClaimAndEventsOnBothSides() {
        VirtDomain db = pinnedOnSource();
        // the destination's CPUs 2 and 3 belong to another guest: the plan must pick others
        destination.define(small("busy").pinVcpus(CpuSet.of(2, 3)).memoryOn(NumaMode.STRICT, NodeSet.of(0)).build())
                .start();
        InMemoryClaimStore claims = new InMemoryClaimStore(Fleet.empty());

        MigrationOutcome outcome = LiveMigration.builder().claims(claims, "dest").build().migrate(db, source, destination);

        VirtDomain arrived = destination.domain("db");
        assertThat(arrived.state()).isEqualTo(DomainState.RUNNING);
        assertThat(arrived.persistent()).isTrue();
        assertThat(arrived.vcpuPins()).isEqualTo(outcome.plan().placement().vcpuPins());
        assertThat(arrived.vcpuPins().values()).noneMatch(cpus -> cpus.contains(2) || cpus.contains(3));
        assertThat(source.lookup("db")).as("the source forgot it").isEmpty();
        assertThat(claims.pendingCount()).as("the claim is confirmed").isZero();
        assertThat(outcome.result().completed()).hasValueSatisfying(p -> assertThat(p.fraction()).contains(1.0));
        source.awaitEvents();
        destination.awaitEvents();
        assertThat(events(source, "db")).containsSubsequence(LifecycleEvent.Type.STOPPED, LifecycleEvent.Type.UNDEFINED);
        assertThat(source.events().stream().filter(e -> e.type() == LifecycleEvent.Type.STOPPED).findFirst().orElseThrow()
                .detail()).isEqualTo(LifecycleDetail.STOPPED_MIGRATED);
        assertThat(events(destination, "db")).containsExactly(LifecycleEvent.Type.STARTED, LifecycleEvent.Type.DEFINED);
    }

    private static List<LifecycleEvent.Type> events(FakeVirtConnection c, String domain) {
        return c.events().stream().filter(e -> e.domain().equals(domain)).map(LifecycleEvent::type).toList();
    }

    @Test
    void aDestinationThatCannotStartItLeavesTheGuestRunningOnTheSourceAndNoClaim() {
        VirtDomain db = pinnedOnSource();
        destination.removeNetwork("default");
        InMemoryClaimStore claims = new InMemoryClaimStore(Fleet.empty());
        assertThatThrownBy(() -> LiveMigration.builder().claims(claims, "dest").build().migrate(db, source, destination))
                .isExactlyInstanceOf(NotFoundException.class);
        assertThat(db.state()).isEqualTo(DomainState.RUNNING);
        assertThat(db.vcpuPins().values()).containsExactly(CpuSet.of(2), CpuSet.of(3));
        assertThat(destination.lookup("db")).isEmpty();
        assertThat(claims.pendingCount()).isZero();
        assertThat(claims.fleet().host("dest").orElseThrow().state().pinnedCpus().isEmpty()).as("released").isTrue();
    }

    @Test
    void whatLibvirtRefuses() {
        VirtDomain db = pinnedOnSource();
        assertThatThrownBy(() -> db.migrate(source.openAnother(), MigrationOptions.builder().build()))
                .isExactlyInstanceOf(VirtException.class).hasMessageContaining("already on that host");
        VirtConnection elsewhere = (VirtConnection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {VirtConnection.class}, (proxy, method, args) -> "qemu+ssh://elsewhere/system");
        assertThatThrownBy(() -> db.migrate(elsewhere, MigrationOptions.builder().build()))
                .isExactlyInstanceOf(NotSupportedException.class);
        VirtDomain off = source.define(small("off").build());
        assertThatThrownBy(() -> off.migrate(destination, MigrationOptions.builder().build()))
                .isExactlyInstanceOf(InvalidStateException.class);
        assertThatThrownBy(db::abortJob).isExactlyInstanceOf(InvalidStateException.class);
        assertThat(db.state()).isEqualTo(DomainState.RUNNING);
    }
}
