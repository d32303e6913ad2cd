package io.virtforge.fleet;

import io.virtforge.model.Domain;
import io.virtforge.plan.Placement;
import io.virtforge.topology.HostState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A {@link ClaimStore} in memory, the embedded default. A claim's placeholder is its placement applied to a
 * {@link io.virtforge.build.DomainBuilder} under the claim's domain name ({@link ClaimPlaceholders}), so that
 * the planner sees its CPUs, pages and devices as taken exactly as it sees any domain's.
 *
 * <p>Thread-safe: changes are serialized; {@link #fleet()} reads an immutable view without locking (it takes
 * the lock only when a pending claim's deadline has passed, to expire it). Expired claim ids are remembered,
 * so that a late {@link #confirm} says "expired" rather than "unknown".
 */
public final class InMemoryClaimStore implements ClaimStore {
    private final Object lock = new Object();
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, FleetHost> inventory = new HashMap<>();
    private final Map<String, Map<String, Held>> claimsByHost = new HashMap<>();
    private final Map<Long, Held> claims = new HashMap<>();
    private final Map<Long, Instant> expired = new HashMap<>();
    private volatile Fleet view;
    private volatile Instant nextDeadline = Instant.MAX;
    private long nextId = 1;

    /** A store over the fleet, without claims, with the {@link ClaimStore#DEFAULT_TIMEOUT}. */
    public InMemoryClaimStore(Fleet fleet) {
        this(fleet, DEFAULT_TIMEOUT, Clock.systemUTC());
    }

    /**
     * A store over the fleet, without claims.
     *
     * @param fleet   the hosts
     * @param timeout how long a pending claim lives (positive)
     * @param clock   the clock deadlines are read from
     */
    public InMemoryClaimStore(Fleet fleet, Duration timeout, Clock clock) {
        Objects.requireNonNull(fleet, "fleet");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a claim timeout must be positive, not " + timeout);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        fleet.all().forEach(h -> inventory.put(h.id(), h));
        this.view = fleet;
    }

    @Override
    public Fleet fleet() {
        if (!clock.instant().isBefore(nextDeadline)) {
            expireDue();
        }
        return view;
    }

    @Override
    public Claim claim(String hostId, long expectedGeneration, Placement placement, String domainName) {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(domainName, "domainName");
        synchronized (lock) {
            expireDueLocked();
            FleetHost host = view.host(hostId).orElse(null);
            if (host == null || host.generation() != expectedGeneration) {
                throw new ClaimConflictException(hostId, expectedGeneration,
                        host == null ? OptionalLong.empty() : OptionalLong.of(host.generation()));
            }
            if (claimsByHost.getOrDefault(hostId, Map.of()).containsKey(domainName)
                    || host.state().footprint(domainName).isPresent()) {
                throw new IllegalArgumentException("host " + hostId + " already has a domain or claim named " + domainName);
            }
            long id = nextId++;
            Domain placeholder = ClaimPlaceholders.of(placement, domainName);
            Held held = new Held(new Claim(id, hostId, domainName, placement, 0, clock.instant().plus(timeout)),
                    placeholder);
            claims.put(id, held);
            claimsByHost.computeIfAbsent(hostId, k -> new LinkedHashMap<>()).put(domainName, held);
            long generation = refresh(hostId);
            held.claim = new Claim(id, hostId, domainName, placement, generation, held.claim.expiresAt());
            updateDeadline();
            return held.claim;
        }
    }

    @Override
    public void confirm(long claimId) {
        synchronized (lock) {
            expireDueLocked();
            Held held = claims.get(claimId);
            if (held == null || held.confirmed) {
                Instant at = expired.get(claimId);
                if (at != null) {
                    throw new ClaimExpiredException(claimId, at);
                }
                throw new IllegalStateException("claim " + claimId + (held == null ? " is unknown or released"
                        : " is already confirmed"));
            }
            held.confirmed = true;
            updateDeadline();
        }
    }

    @Override
    public void release(long claimId) {
        synchronized (lock) {
            expireDueLocked();
            Held held = claims.get(claimId);
            if (held == null) {
                throw new IllegalStateException("claim " + claimId + (expired.containsKey(claimId) ? " expired"
                        : " is unknown or released"));
            }
            drop(held);
            updateDeadline();
        }
    }

    @Override
    public int expireDue() {
        synchronized (lock) {
            return expireDueLocked();
        }
    }

    @Override
    public void putHost(FleetHost host) {
        Objects.requireNonNull(host, "host");
        synchronized (lock) {
            inventory.put(host.id(), host);
            refresh(host.id());
        }
    }

    @Override
    public void removeHost(String hostId) {
        Objects.requireNonNull(hostId, "hostId");
        synchronized (lock) {
            inventory.remove(hostId);
            Map<String, Held> gone = claimsByHost.remove(hostId);
            if (gone != null) {
                gone.values().forEach(h -> claims.remove(h.claim.id()));
            }
            view = view.withoutHost(hostId);
            updateDeadline();
        }
    }

    /** Claims not yet confirmed, released nor expired. */
    public int pendingCount() {
        synchronized (lock) {
            return (int) claims.values().stream().filter(h -> !h.confirmed).count();
        }
    }

    private int expireDueLocked() {
        Instant now = clock.instant();
        if (now.isBefore(nextDeadline)) {
            return 0;
        }
        int count = 0;
        for (Held held : claims.values().toArray(Held[]::new)) {
            if (!held.confirmed && !now.isBefore(held.claim.expiresAt())) {
                expired.put(held.claim.id(), held.claim.expiresAt());
                drop(held);
                count++;
            }
        }
        updateDeadline();
        return count;
    }

    private void drop(Held held) {
        claims.remove(held.claim.id());
        Map<String, Held> onHost = claimsByHost.get(held.claim.hostId());
        if (onHost != null) {
            onHost.remove(held.claim.domainName());
            if (onHost.isEmpty()) {
                claimsByHost.remove(held.claim.hostId());
            }
        }
        if (inventory.containsKey(held.claim.hostId())) {
            refresh(held.claim.hostId());
        }
    }

    /** Rebuilds the host's view from its snapshot and claims; returns its new generation. */
    private long refresh(String hostId) {
        FleetHost base = inventory.get(hostId);
        HostState state = ClaimPlaceholders.overlay(base.state(),
                claimsByHost.getOrDefault(hostId, Map.of()).values().stream().map(h -> h.placeholder).toList());
        view = view.withHost(base.withState(state));
        return view.host(hostId).orElseThrow().generation();
    }

    private void updateDeadline() {
        nextDeadline = claims.values().stream().filter(h -> !h.confirmed).map(h -> h.claim.expiresAt())
                .min(Instant::compareTo).orElse(Instant.MAX);
    }

    /** A claim with its placeholder and state; guarded by the lock. */
    private static final class Held {
        Claim claim;
        final Domain placeholder;
        boolean confirmed;

        Held(Claim claim, Domain placeholder) {
            this.claim = claim;
            this.placeholder = placeholder;
        }
    }
}
