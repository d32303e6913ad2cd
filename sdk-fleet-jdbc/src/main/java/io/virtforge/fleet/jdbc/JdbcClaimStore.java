package io.virtforge.fleet.jdbc;

import io.virtforge.fleet.Claim;
import io.virtforge.fleet.ClaimConflictException;
import io.virtforge.fleet.ClaimExpiredException;
import io.virtforge.fleet.ClaimPlaceholders;
import io.virtforge.fleet.ClaimStore;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetHost;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.plan.Placement;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ClaimStore} in PostgreSQL, shared by several schedulers (JVMs) placing on the same hosts: the database
 * is the arbiter of claims and generations, while each JVM feeds its own inventory (the host snapshots it reads
 * from files or live connections) and plans on it.
 *
 * <pre>{@code
 * PGSimpleDataSource ds = new PGSimpleDataSource();
 * ds.setUrl("jdbc:postgresql://db:5432/scheduler?user=virtforge&password=...");
 * JdbcClaimStore claims = JdbcClaimStore.builder(ds).fleet(inventory).timeout(Duration.ofMinutes(5)).build();
 * }</pre>
 *
 * <p><b>What the database holds</b> (tables {@code fleet_host}, {@code fleet_claim}, created by Flyway at
 * {@link Builder#build()}): each host's generation, taken from one sequence on every change so that it never comes
 * back (no ABA); each claim's host, domain name, status (pending, confirmed, expired), deadline and placeholder
 * domain XML. A claim is one statement, hence one transaction that holds the host's row lock no longer than the
 * database takes to run it: the host's generation moves only if it still is the one the plan saw
 * ({@code UPDATE ... WHERE generation = ?}), and the claim row is inserted; a unique index refuses a second live
 * claim for a domain name on a host. Confirm and release of a live claim are one statement too. A conflict is the
 * caller's signal to plan again; the store itself retries only transactions the database aborted (serialization
 * failures, deadlocks), a bounded number of times.
 *
 * <p><b>The fleet</b>: this JVM's snapshots overlaid with the placeholders of every live claim in the database
 * (whoever made it), each host stamped with the database's generation, read in one statement (one snapshot).
 * Hosts whose generation and snapshot did not move are not read again. Hosts only in the database (another JVM's
 * inventory) are not in this JVM's fleet; hosts removed from the database are not either.
 *
 * <p><b>Expiry and clocks</b>: a pending claim's deadline is this store's {@link Clock} plus the timeout, and the
 * store compares deadlines with its own clock, never with the database's {@code now()}, so that tests can move
 * time and the in-memory and JDBC stores behave alike. Clock skew between JVMs cannot double-book: a claim counts
 * in every fleet until a transaction marks it expired, and that transaction moves its host's generation (plans
 * made before it conflict) and serializes with a confirm on the claim's row (one of the two wins). Skew only
 * moves when a claim expires: keep the schedulers' clocks synchronised (NTP) and the timeout far above the skew.
 * {@link #fleet()} and {@link #claim} expire due claims first; expired claims stay as {@code expired} rows for
 * {@link Builder#expiredRetention} so that a late {@link #confirm} throws {@link ClaimExpiredException}, then
 * {@link #expireDue()} deletes them.
 *
 * <p>Every database failure is a {@link ClaimStoreException} with the SQLSTATE. Thread-safe; {@link #close()}
 * closes the connections the store keeps for reuse.
 */
public final class JdbcClaimStore implements ClaimStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcClaimStore.class);

    private static final String TOUCH_HOST = """
            INSERT INTO fleet_host (id, generation) VALUES (?, nextval('fleet_generation'))
            ON CONFLICT (id) DO UPDATE SET generation = EXCLUDED.generation""";
    private static final String ADD_HOST_IF_NEW = """
            INSERT INTO fleet_host (id, generation) VALUES (?, nextval('fleet_generation'))
            ON CONFLICT (id) DO NOTHING""";
    /** The claim in one statement: the host moves only from the expected generation, and the row goes in. */
    private static final String CLAIM = """
            WITH moved AS (UPDATE fleet_host SET generation = nextval('fleet_generation')
                            WHERE id = ? AND generation = ? RETURNING id, generation)
            INSERT INTO fleet_claim (host_id, domain_name, status, expires_at, placeholder_xml)
            SELECT id, ?, 'pending', ?, ? FROM moved
            RETURNING id, (SELECT generation FROM moved)""";
    private static final String CONFIRM_LIVE = """
            UPDATE fleet_claim SET status = 'confirmed' WHERE id = ? AND status = 'pending' AND expires_at > ?""";
    private static final String RELEASE_LIVE = """
            WITH gone AS (DELETE FROM fleet_claim
                           WHERE id = ? AND (status = 'confirmed' OR (status = 'pending' AND expires_at > ?))
                       RETURNING host_id)
            UPDATE fleet_host SET generation = nextval('fleet_generation') WHERE id IN (SELECT host_id FROM gone)""";
    private static final String MOVE = "UPDATE fleet_host SET generation = nextval('fleet_generation') WHERE id = ANY (?)";
    private static final String GENERATION = "SELECT generation FROM fleet_host WHERE id = ?";
    private static final String LOCK_CLAIM = "SELECT host_id, status, expires_at FROM fleet_claim WHERE id = ? FOR UPDATE";
    private static final String SET_STATUS = "UPDATE fleet_claim SET status = ? WHERE id = ?";
    private static final String DELETE_CLAIM = "DELETE FROM fleet_claim WHERE id = ?";
    private static final String EXPIRE_DUE = """
            UPDATE fleet_claim SET status = 'expired' WHERE status = 'pending' AND expires_at <= ? RETURNING host_id""";
    private static final String PRUNE_EXPIRED = "DELETE FROM fleet_claim WHERE status = 'expired' AND expires_at < ?";
    private static final String FIRST_DEADLINE = "SELECT min(expires_at) FROM fleet_claim WHERE status = 'pending'";
    private static final String REMOVE_HOST = "DELETE FROM fleet_host WHERE id = ?";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Connections connections;
    private final Transactions transactions;
    private final Duration timeout;
    private final Duration expiredRetention;
    private final Clock clock;
    private final DomainXml xml = DomainXml.defaults();
    private final Map<String, FleetHost> inventory = new ConcurrentHashMap<>();
    private final HostViews views = new HostViews();
    /** The earliest pending deadline this JVM knows of (a hint: {@link #claim} expires due claims first). */
    private volatile Instant nextDeadline = Instant.MAX;

    private JdbcClaimStore(Builder b) {
        this.timeout = b.timeout;
        this.expiredRetention = b.expiredRetention;
        this.clock = b.clock;
        this.connections = new Connections(b.dataSource, b.schema, b.maxIdleConnections);
        this.transactions = new Transactions(connections, b.attempts);
        b.fleet.all().forEach(h -> inventory.put(h.id(), h));
        transactions.inTransaction("adding the hosts " + inventory.keySet(), c -> {
            try (PreparedStatement s = c.prepareStatement(ADD_HOST_IF_NEW)) {
                for (String id : inventory.keySet()) {
                    s.setString(1, id);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /** A builder over the data source (a {@code PGSimpleDataSource} is enough: the store reuses its sessions). */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public Fleet fleet() {
        HostViews.Snapshot snapshot = read();
        if (!clock.instant().isBefore(snapshot.firstDeadline())) {
            expireDue();
            snapshot = read();
        }
        nextDeadline = snapshot.firstDeadline();
        return snapshot.fleet();
    }

    private HostViews.Snapshot read() {
        return transactions.eachStatement("reading the fleet", c -> views.read(c, Map.copyOf(inventory)));
    }

    @Override
    public Claim claim(String hostId, long expectedGeneration, Placement placement, String domainName) {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(domainName, "domainName");
        if (!clock.instant().isBefore(nextDeadline)) {
            expireDue(); // as the in-memory store: a due claim's host moves, and a plan that counted it conflicts
        }
        FleetHost host = inventory.get(hostId);
        if (host == null) {
            throw new ClaimConflictException(hostId, expectedGeneration, OptionalLong.empty());
        }
        if (host.state().footprint(domainName).isPresent()) {
            throw new IllegalArgumentException("host " + hostId + " already has a domain named " + domainName);
        }
        Domain placeholder = ClaimPlaceholders.of(placement, domainName);
        String placeholderXml = xml.write(placeholder);
        // the database keeps microseconds: the claim carries the deadline as it will be read back
        Instant deadline = clock.instant().plus(timeout).truncatedTo(ChronoUnit.MICROS);
        long[] idAndGeneration = transactions.eachStatement("claiming " + domainName + " on host " + hostId, c -> {
            try (PreparedStatement s = c.prepareStatement(CLAIM)) {
                s.setString(1, hostId);
                s.setLong(2, expectedGeneration);
                s.setString(3, domainName);
                s.setTimestamp(4, Timestamp.from(deadline));
                s.setString(5, placeholderXml);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return new long[] {r.getLong(1), r.getLong(2)};
                    }
                }
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new IllegalArgumentException("host " + hostId + " already has a claim for a domain named "
                            + domainName, e);
                }
                throw e;
            }
            throw conflict(c, hostId, expectedGeneration);
        });
        views.remember(idAndGeneration[0], placeholder);
        if (deadline.isBefore(nextDeadline)) {
            nextDeadline = deadline;
        }
        return new Claim(idAndGeneration[0], hostId, domainName, placement, idAndGeneration[1], deadline);
    }

    /** The conflict of a claim refused at the expected generation, with the host's generation now. */
    private static ClaimConflictException conflict(Connection c, String hostId, long expected) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(GENERATION)) {
            s.setString(1, hostId);
            try (ResultSet r = s.executeQuery()) {
                return new ClaimConflictException(hostId, expected,
                        r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty());
            }
        }
    }

    @Override
    public void confirm(long claimId) {
        if (changedLive(CONFIRM_LIVE, "confirming claim " + claimId, claimId)) {
            return;
        }
        // not a live pending claim: find out why, expiring it if it is due, in a transaction that locks its row
        Optional<RuntimeException> refusal = transactions.inTransaction("confirming claim " + claimId, c -> {
            Optional<ClaimRow> row = lock(c, claimId);
            if (row.isEmpty()) {
                return Optional.of(new IllegalStateException("claim " + claimId + " is unknown or released"));
            }
            ClaimRow claim = row.get();
            switch (claim.status) {
                case "confirmed":
                    return Optional.of(new IllegalStateException("claim " + claimId + " is already confirmed"));
                case "expired":
                    return Optional.of(new ClaimExpiredException(claimId, claim.expiresAt));
                default:
                    if (isDue(claim)) {
                        expire(c, claimId, claim.hostId);
                        return Optional.of(new ClaimExpiredException(claimId, claim.expiresAt));
                    }
                    setStatus(c, claimId, "confirmed");
                    return Optional.empty();
            }
        });
        // thrown once the transaction is committed: an expiry found on the way is kept
        refusal.ifPresent(e -> {
            throw e;
        });
    }

    @Override
    public void release(long claimId) {
        if (changedLive(RELEASE_LIVE, "releasing claim " + claimId, claimId)) {
            return;
        }
        Optional<RuntimeException> refusal = transactions.inTransaction("releasing claim " + claimId, c -> {
            Optional<ClaimRow> row = lock(c, claimId);
            if (row.isEmpty()) {
                return Optional.of(new IllegalStateException("claim " + claimId + " is unknown or released"));
            }
            ClaimRow claim = row.get();
            if (claim.status.equals("expired")) {
                return Optional.of(new IllegalStateException("claim " + claimId + " expired"));
            }
            if (claim.status.equals("pending") && isDue(claim)) {
                expire(c, claimId, claim.hostId);
                return Optional.of(new IllegalStateException("claim " + claimId + " expired"));
            }
            try (PreparedStatement s = c.prepareStatement(DELETE_CLAIM)) {
                s.setLong(1, claimId);
                s.executeUpdate();
            }
            move(c, List.of(claim.hostId));
            return Optional.empty();
        });
        refusal.ifPresent(e -> {
            throw e;
        });
    }

    /** Runs the one-statement change of a live claim (the common case); false when the claim is not live. */
    private boolean changedLive(String statement, String what, long claimId) {
        Instant now = clock.instant();
        return transactions.eachStatement(what, c -> {
            try (PreparedStatement s = c.prepareStatement(statement)) {
                s.setLong(1, claimId);
                s.setTimestamp(2, Timestamp.from(now));
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int expireDue() {
        Instant now = clock.instant();
        Instant[] firstDeadline = {Instant.MAX};
        int expired = transactions.inTransaction("expiring the claims due at " + now, c -> {
            List<String> hosts = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(EXPIRE_DUE)) {
                s.setTimestamp(1, Timestamp.from(now));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        hosts.add(r.getString(1));
                    }
                }
            }
            move(c, hosts.stream().distinct().sorted().toList());
            try (PreparedStatement s = c.prepareStatement(PRUNE_EXPIRED)) {
                s.setTimestamp(1, Timestamp.from(now.minus(expiredRetention)));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(FIRST_DEADLINE); ResultSet r = s.executeQuery()) {
                r.next();
                Timestamp t = r.getTimestamp(1);
                firstDeadline[0] = t == null ? Instant.MAX : t.toInstant();
            }
            return hosts.size();
        });
        nextDeadline = firstDeadline[0];
        if (expired > 0) {
            LOG.info("{} pending claim(s) expired unconfirmed; their resources went back", expired);
        }
        return expired;
    }

    @Override
    public void putHost(FleetHost host) {
        Objects.requireNonNull(host, "host");
        transactions.inTransaction("adding or updating host " + host.id(), c -> {
            try (PreparedStatement s = c.prepareStatement(TOUCH_HOST)) {
                s.setString(1, host.id());
                s.executeUpdate();
            }
            return null;
        });
        inventory.put(host.id(), host);
    }

    @Override
    public void removeHost(String hostId) {
        Objects.requireNonNull(hostId, "hostId");
        transactions.inTransaction("removing host " + hostId, c -> {
            try (PreparedStatement s = c.prepareStatement(REMOVE_HOST)) {
                s.setString(1, hostId);
                s.executeUpdate();
            }
            return null;
        });
        inventory.remove(hostId);
        views.forget(hostId);
    }

    /** Closes the connections kept for reuse; the store cannot be used after. */
    @Override
    public void close() {
        connections.close();
    }

    private boolean isDue(ClaimRow claim) {
        return !clock.instant().isBefore(claim.expiresAt);
    }

    private static Optional<ClaimRow> lock(Connection c, long claimId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK_CLAIM)) {
            s.setLong(1, claimId);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new ClaimRow(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant()))
                        : Optional.empty();
            }
        }
    }

    private static void expire(Connection c, long claimId, String hostId) throws SQLException {
        setStatus(c, claimId, "expired");
        move(c, List.of(hostId));
    }

    private static void setStatus(Connection c, long claimId, String status) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SET_STATUS)) {
            s.setString(1, status);
            s.setLong(2, claimId);
            s.executeUpdate();
        }
    }

    /** Moves the generation of each host (its view changed). */
    private static void move(Connection c, List<String> hostIds) throws SQLException {
        if (hostIds.isEmpty()) {
            return;
        }
        Array ids = c.createArrayOf("text", hostIds.toArray());
        try (PreparedStatement s = c.prepareStatement(MOVE)) {
            s.setArray(1, ids);
            s.executeUpdate();
        } finally {
            ids.free();
        }
    }

    /** A claim's row, as locked for a change. */
    private record ClaimRow(String hostId, String status, Instant expiresAt) {
    }

    /** Builds a {@link JdbcClaimStore}; {@link #build()} brings the database's schema up to date first. */
    public static final class Builder {
        private final DataSource dataSource;
        private Fleet fleet = Fleet.empty();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration expiredRetention = Duration.ofDays(1);
        private Clock clock = Clock.systemUTC();
        private Optional<String> schema = Optional.empty();
        private boolean migrate = true;
        private int maxIdleConnections = 4;
        private int attempts = 5;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** This JVM's inventory to start with (empty unless set); hosts new to the database are added to it. */
        public Builder fleet(Fleet value) {
            this.fleet = Objects.requireNonNull(value, "fleet");
            return this;
        }

        /** How long a pending claim lives ({@link ClaimStore#DEFAULT_TIMEOUT} unless set); positive. */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "timeout");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("a claim timeout must be positive, not " + value);
            }
            this.timeout = value;
            return this;
        }

        /** How long an expired claim is remembered, so that a late confirm says "expired" (one day unless set). */
        public Builder expiredRetention(Duration value) {
            Objects.requireNonNull(value, "expiredRetention");
            if (value.isNegative()) {
                throw new IllegalArgumentException("a retention must not be negative, not " + value);
            }
            this.expiredRetention = value;
            return this;
        }

        /** The clock deadlines are set and compared with (the system's UTC clock unless set). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The PostgreSQL schema of the tables (created if missing); the connection's default one unless set. */
        public Builder schema(String value) {
            Objects.requireNonNull(value, "schema");
            if (!value.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("a schema name must be a plain lower-case SQL identifier, not "
                        + value);
            }
            this.schema = Optional.of(value);
            return this;
        }

        /** Whether {@link #build()} runs the schema migrations (true unless set: false when a DBA runs them). */
        public Builder migrate(boolean value) {
            this.migrate = value;
            return this;
        }

        /** How many idle connections the store keeps for reuse (4 unless set; 0 opens one per operation). */
        public Builder maxIdleConnections(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxIdleConnections must not be negative, not " + value);
            }
            this.maxIdleConnections = value;
            return this;
        }

        /**
         * How often a transaction the database aborted (serialization failure, deadlock) is tried in all (5 unless
         * set; at least 1).
         */
        public Builder attempts(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, not " + value);
            }
            this.attempts = value;
            return this;
        }

        /**
         * The store: migrates the schema (unless told not to) and adds this JVM's hosts the database does not have
         * yet (the generations of those it has do not move).
         *
         * @throws ClaimStoreException when the database cannot be reached or migrated
         */
        public JdbcClaimStore build() {
            if (migrate) {
                ClaimSchema.migrate(dataSource, schema);
            }
            return new JdbcClaimStore(this);
        }
    }
}
