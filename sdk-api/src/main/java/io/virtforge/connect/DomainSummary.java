package io.virtforge.connect;

import java.util.UUID;

/**
 * A domain as a listing shows it.
 *
 * @param name       the name
 * @param uuid       the UUID
 * @param state      the run state
 * @param persistent true when defined (not transient)
 */
public record DomainSummary(String name, UUID uuid, DomainState state, boolean persistent) {
}
