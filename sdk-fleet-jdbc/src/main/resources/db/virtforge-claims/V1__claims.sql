-- Virtforge's fleet claims (io.virtforge.fleet.jdbc.JdbcClaimStore), shared by every scheduler JVM.

-- Every change of a host takes the next value: a generation never comes back, even for a host removed and
-- added again, so a plan made against an old generation can never be claimed (no ABA).
CREATE SEQUENCE fleet_generation;

-- The hosts the schedulers place on, with the generation that claims are checked against. The snapshots
-- themselves (topology, domains) stay in each JVM: the database only arbitrates.
CREATE TABLE fleet_host (
    id         TEXT   PRIMARY KEY,
    generation BIGINT NOT NULL
);

-- Claims: pending until confirmed (the domain is defined), confirmed until released (deleted). An expired
-- claim is kept for a while as 'expired' so that a late confirm says "expired" rather than "unknown".
CREATE TABLE fleet_claim (
    id              BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    host_id         TEXT        NOT NULL REFERENCES fleet_host (id) ON DELETE CASCADE,
    domain_name     TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('pending', 'confirmed', 'expired')),
    expires_at      TIMESTAMPTZ NOT NULL,
    -- the placeholder domain (libvirt domain XML): what the planner sees of the claim until the host's
    -- snapshot holds the defined domain
    placeholder_xml TEXT        NOT NULL
);

-- One live claim per domain name and host.
CREATE UNIQUE INDEX fleet_claim_live_name ON fleet_claim (host_id, domain_name) WHERE status <> 'expired';
-- The live claims of a host (the fleet's view) and the pending ones by deadline (expiry).
CREATE INDEX fleet_claim_live_host ON fleet_claim (host_id) WHERE status <> 'expired';
CREATE INDEX fleet_claim_pending_deadline ON fleet_claim (expires_at) WHERE status = 'pending';
