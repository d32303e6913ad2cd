package io.virtforge.fleet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.fleet.Claim;
import io.virtforge.fleet.ClaimConflictException;
import io.virtforge.fleet.ClaimExpiredException;
import io.virtforge.fleet.ClaimStore;
import io.virtforge.fleet.ClaimStoreContract;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetConstraints;
import io.virtforge.fleet.FleetHost;
import io.virtforge.fleet.FleetPlacement;
import io.virtforge.fleet.FleetPlanner;
import io.virtforge.fleet.HostWeigher;
import io.virtforge.fleet.Hosts;
import io.virtforge.testing.MutableClock;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The claim store contract against a real PostgreSQL (each test in a fresh schema), and what only a shared
 * database does: two stores, as two schedulers, see and respect each other's claims.
 */
class JdbcClaimStoreIT extends ClaimStoreContract {
    private final List<JdbcClaimStore> stores = new ArrayList<>();
    private String url;
    private String schema;

    @BeforeEach
    void database() {
        url = TestPostgres.require();
        schema = TestPostgres.newSchemaName();
    }

    @AfterEach
    void dropTheSchema() throws SQLException {
        stores.forEach(JdbcClaimStore::close);
        if (url != null) {
            TestPostgres.dropSchema(url, schema);
        }
    }

    @Override
    protected ClaimStore newStore(Fleet fleet, Duration timeout, Clock clock) {
        return store(fleet, timeout, clock);
    }

    private JdbcClaimStore store(Fleet fleet, Duration timeout, Clock clock) {
        JdbcClaimStore store = JdbcClaimStore.builder(TestPostgres.dataSource(url)).schema(schema).fleet(fleet)
                .timeout(timeout).clock(clock).build();
        stores.add(store);
        return store;
    }

    @Test
    void twoSchedulersSeeAndRespectEachOthersClaims() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        JdbcClaimStore one = store(Fleet.builder().host("a", Hosts.host(4, 1024)).build(), Duration.ofMinutes(1), clock);
        JdbcClaimStore two = store(Fleet.builder().host("a", Hosts.host(4, 1024)).build(), Duration.ofMinutes(1), clock);
        FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);
        FleetPlacement seenByTwo = planner.plan(Hosts.small(), FleetConstraints.none(), two.fleet()).chosen().orElseThrow();
        FleetPlacement seenByOne = planner.plan(Hosts.small(), FleetConstraints.none(), one.fleet()).chosen().orElseThrow();
        Claim claim = one.claim("a", seenByOne.generation(), seenByOne.placement(), "vm1");

        // the second scheduler planned before the claim: the same CPUs, refused; planning again avoids them
        assertThatThrownBy(() -> two.claim("a", seenByTwo.generation(), seenByTwo.placement(), "vm2"))
                .isInstanceOf(ClaimConflictException.class);
        FleetHost a = two.fleet().host("a").orElseThrow();
        assertThat(a.generation()).isEqualTo(claim.generation());
        assertThat(a.state().domains()).extracting(d -> d.name()).containsExactly("vm1");
        FleetPlacement again = planner.plan(Hosts.small(), FleetConstraints.none(), two.fleet()).chosen().orElseThrow();
        assertThat(again.placement().vcpuPins().values())
                .doesNotContainAnyElementsOf(claim.placement().vcpuPins().values());
        two.claim("a", again.generation(), again.placement(), "vm2");
        // any scheduler may confirm or release a claim: the database holds it, not the JVM that made it
        two.confirm(claim.id());
        assertThat(one.fleet().host("a").orElseThrow().state().domains()).extracting(d -> d.name())
                .containsExactly("vm1", "vm2");
        assertThat(planner.plan(Hosts.small(), FleetConstraints.none(), one.fleet()).fits()).isFalse();
    }

    @Test
    void aHostRemovedByOneSchedulerLeavesEveryFleet() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Fleet both = Fleet.builder().host("a", Hosts.host(4, 1024)).host("b", Hosts.host(4, 1024)).build();
        JdbcClaimStore one = store(both, Duration.ofMinutes(1), clock);
        JdbcClaimStore two = store(both, Duration.ofMinutes(1), clock);
        one.removeHost("a");
        assertThat(two.fleet().hosts()).containsOnlyKeys("b");
    }

    @Test
    void expiredClaimsAreRememberedForTheRetentionThenPruned() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        JdbcClaimStore store = JdbcClaimStore.builder(TestPostgres.dataSource(url)).schema(schema)
                .fleet(Fleet.builder().host("a", Hosts.host(4, 1024)).build()).timeout(Duration.ofMinutes(1))
                .expiredRetention(Duration.ofHours(1)).clock(clock).build();
        stores.add(store);
        FleetPlacement p = FleetPlanner.create(HostWeigher.PACK).plan(Hosts.small(), FleetConstraints.none(),
                store.fleet()).chosen().orElseThrow();
        Claim claim = store.claim("a", p.generation(), p.placement(), "vm1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.expireDue()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(30));
        assertThat(store.expireDue()).isZero();
        assertThatThrownBy(() -> store.confirm(claim.id())).isInstanceOf(ClaimExpiredException.class);
        clock.advance(Duration.ofMinutes(31)); // past the deadline plus the retention: forgotten
        store.expireDue();
        assertThatThrownBy(() -> store.confirm(claim.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown");
    }

    @Test
    void anUnreachableDatabaseIsATypedErrorWithItsSqlState() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
        assertThatThrownBy(() -> JdbcClaimStore.builder(nowhere).migrate(false)
                .fleet(Fleet.builder().host("a", Hosts.host(4, 1024)).build()).build())
                .isInstanceOfSatisfying(ClaimStoreException.class, e -> {
                    assertThat(e.sqlState()).hasValue("08001");
                    assertThat(e).hasMessageContaining("adding the hosts [a]");
                });
        assertThatThrownBy(() -> JdbcClaimStore.builder(nowhere).build()).isInstanceOf(ClaimStoreException.class)
                .hasMessageContaining("migrating");
    }
}
