package io.virtforge.samples.fleet;

import io.virtforge.fake.fixtures.SyntheticFleet;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetHost;
import io.virtforge.topology.HostState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The fleet a simulation starts from: a {@link SyntheticFleet} (mixed 2-, 4- and 8-node hosts, 10 % with GPUs,
 * 20 % with SR-IOV NICs, partly occupied), with a share of its hosts emptied.
 *
 * <p>Why empty some: a synthetic fleet occupies every host to at least its lower bound, so no host starts empty and
 * "hosts left empty", the figure packing is for, would be 0 for every strategy. Real fleets have idle hosts (just
 * racked, or drained); the emptied ones stand for them. Which hosts: drawn with the seed, so the same options give
 * the same fleet.
 */
public final class SimFleet {
    private SimFleet() {
    }

    /** The fleet of the options. */
    public static Fleet of(FleetSimOptions options) {
        Fleet fleet = SyntheticFleet.seeded(options.seed()).hosts(options.hosts())
                .occupancy(options.minOccupancy(), options.maxOccupancy()).build();
        List<FleetHost> hosts = new ArrayList<>(fleet.all());
        // a generator of its own, so that the share emptied does not change the fleet's draws
        Collections.shuffle(hosts, new Random(options.seed() * 31 + 7));
        int empty = (int) Math.round(options.emptyShare() * hosts.size());
        for (FleetHost host : hosts.subList(0, empty)) {
            fleet = fleet.withHost(host.withState(HostState.of(host.state().topology())));
        }
        return fleet;
    }
}
