package io.virtforge.fleet;

import java.time.Clock;
import java.time.Duration;

class InMemoryClaimStoreTest extends ClaimStoreContract {
    @Override
    protected ClaimStore newStore(Fleet fleet, Duration timeout, Clock clock) {
        return new InMemoryClaimStore(fleet, timeout, clock);
    }
}
