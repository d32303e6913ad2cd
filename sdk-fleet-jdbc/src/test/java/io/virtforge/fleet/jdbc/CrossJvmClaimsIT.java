package io.virtforge.fleet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.check.Finding;
import io.virtforge.check.Validator;
import io.virtforge.fleet.ClaimExpiredException;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetConstraints;
import io.virtforge.fleet.FleetHost;
import io.virtforge.fleet.FleetPlanner;
import io.virtforge.fleet.HostWeigher;
import io.virtforge.fleet.Hosts;
import io.virtforge.model.Domain;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedulers in separate JVMs sharing one database, as replicas of a control plane would: they never book a
 * resource twice, and what a dead one claimed comes back after the timeout.
 */
class CrossJvmClaimsIT {
    private static final int JVMS = 4;
    private static final int REQUESTS = 500;
    private static final Path LOGS = Path.of("target", "scheduler-jvms");

    private final FleetPlanner planner = FleetPlanner.create(HostWeigher.PACK);
    private String url;
    private String schema;

    @BeforeEach
    void database() {
        url = TestPostgres.require();
        schema = TestPostgres.newSchemaName();
    }

    @AfterEach
    void dropTheSchema() throws SQLException {
        if (url != null) {
            TestPostgres.dropSchema(url, schema);
        }
    }

    @Test
    void schedulersInFourJvmsNeverBookAResourceTwice() throws Exception {
        int confirmed = 0;
        int released = 0;
        int deleted = 0;
        int refused = 0;
        int conflicts = 0;
        List<String> falseRefusals = new ArrayList<>();
        try (SchedulerJvms jvms = new SchedulerJvms(LOGS)) {
            List<SchedulerJvms.Scheduler> schedulers = new ArrayList<>();
            for (int i = 0; i < JVMS; i++) {
                schedulers.add(jvms.start("race-" + i, "race", url, schema, Integer.toString(i),
                        Integer.toString(REQUESTS)));
            }
            for (SchedulerJvms.Scheduler s : schedulers) {
                assertThat(s.nextLine()).isEqualTo("READY");
            }
            schedulers.forEach(s -> sayGo(s)); // all at once, once every JVM is up
            for (SchedulerJvms.Scheduler s : schedulers) {
                for (String line : s.remainingLines()) {
                    if (line.startsWith("FALSE_REFUSAL")) {
                        falseRefusals.add(line);
                    } else if (line.startsWith("RESULT ")) {
                        String[] n = line.substring("RESULT ".length()).split(" ");
                        confirmed += Integer.parseInt(n[0]);
                        released += Integer.parseInt(n[1]);
                        deleted += Integer.parseInt(n[2]);
                        refused += Integer.parseInt(n[3]);
                        conflicts += Integer.parseInt(n[4]);
                    }
                }
            }
        }
        System.out.printf("claims across %d JVMs: %d confirmed (%d deleted after), %d released, %d refused, %d"
                + " conflicts%n", JVMS, confirmed, deleted, released, refused, conflicts);

        assertThat(falseRefusals).as("refusals while a host of the fleet seen could fit").isEmpty();
        assertThat(confirmed + released + refused).isEqualTo(JVMS * REQUESTS);
        assertThat(refused).as("the fleet is too small for all").isPositive();
        assertThat(confirmed).as("a stream, not just refusals").isGreaterThan(JVMS * REQUESTS / 4);
        assertThat(conflicts).as("the schedulers did race").isPositive();
        assertThat(count("SELECT count(*) FROM fleet_claim WHERE status = 'pending'")).isZero();
        assertThat(count("SELECT count(*) FROM fleet_claim WHERE status = 'confirmed'")).isEqualTo(confirmed - deleted);
        // the final fleet, rebuilt by a fresh scheduler: every domain fits beside all the others
        try (JdbcClaimStore store = JdbcClaimStore.builder(TestPostgres.dataSource(url)).schema(schema)
                .fleet(SchedulerProcess.raceFleet()).build()) {
            int domains = 0;
            for (FleetHost h : store.fleet().all()) {
                for (Domain d : h.state().domains()) {
                    assertThat(Validator.standard().validate(d, h.state()).errors()).extracting(Finding::toString)
                            .as("%s on %s", d.name(), h.id()).isEmpty();
                    domains++;
                }
            }
            assertThat(domains).isEqualTo(confirmed - deleted);
        }
    }

    @Test
    void aKilledSchedulersPendingClaimsExpireAndCannotBeConfirmed() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        String[] ids;
        try (SchedulerJvms jvms = new SchedulerJvms(LOGS)) {
            SchedulerJvms.Scheduler doomed = jvms.start("killed", "claim-and-hang", url, schema,
                    Long.toString(timeout.toMillis()));
            String said = doomed.nextLine();
            assertThat(said).startsWith("CLAIMED ");
            ids = said.substring("CLAIMED ".length()).split(" ");
            doomed.process().destroyForcibly();
            assertThat(doomed.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        try (JdbcClaimStore survivor = JdbcClaimStore.builder(TestPostgres.dataSource(url)).schema(schema)
                .fleet(SchedulerProcess.smallFleet()).timeout(timeout).build()) {
            // until the deadline the dead scheduler's claims hold the host
            Fleet before = survivor.fleet();
            if (Instant.now().isBefore(deadlineOf(ids[0]))) {
                assertThat(before.host("a").orElseThrow().state().domains()).extracting(Domain::name)
                        .containsExactlyInAnyOrder("lost-1", "lost-2");
                assertThat(planner.plan(Hosts.small(), FleetConstraints.none(), before).fits()).isFalse();
            }
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadlineOf(ids[1])).toMillis() + 100));

            Fleet after = survivor.fleet();
            assertThat(after.host("a").orElseThrow().state().domains()).isEmpty();
            assertThat(planner.plan(Hosts.small(), FleetConstraints.none(), after).fits()).isTrue();
            assertThatThrownBy(() -> survivor.confirm(Long.parseLong(ids[0])))
                    .isInstanceOf(ClaimExpiredException.class);
            assertThat(count("SELECT count(*) FROM fleet_claim WHERE status = 'expired'")).isEqualTo(2);
        }
    }

    private static void sayGo(SchedulerJvms.Scheduler s) {
        try {
            s.say("GO");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Instant deadlineOf(String claimId) throws SQLException {
        try (Connection c = TestPostgres.dataSource(url).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT expires_at FROM " + schema + ".fleet_claim WHERE id = "
                        + Long.parseLong(claimId))) {
            r.next();
            return r.getTimestamp(1).toInstant();
        }
    }

    private long count(String query) throws SQLException {
        try (Connection c = TestPostgres.dataSource(url).getConnection()) {
            c.setSchema(schema);
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
