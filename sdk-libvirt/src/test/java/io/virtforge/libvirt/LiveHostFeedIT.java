package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.VirtDomain;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetHost;
import io.virtforge.fleet.InMemoryClaimStore;
import io.virtforge.fleet.LiveHostFeed;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fleet host fed live from libvirt's test driver: the feed's snapshot, changed event by event, ends equal to
 * a full read of the host after every start and stop.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveHostFeedIT {
    private LibvirtConnection conn;
    private LiveHostFeed feed;
    private final InMemoryClaimStore store = new InMemoryClaimStore(Fleet.empty());

    @BeforeEach
    void open() {
        Hosts.assumeTestDriver();
        conn = LibvirtConnection.open(Hosts.TEST_URI);
        feed = LiveHostFeed.start(store, "td", conn, Set.of());
    }

    @AfterEach
    void close() {
        if (feed != null) {
            feed.close();
        }
        if (conn != null) {
            conn.lookup("it-feed").ifPresent(d -> {
                if (d.state().isActive()) {
                    d.destroy();
                }
                d.undefine();
            });
            conn.close();
        }
    }

    /** The feed's host once the events of the changes so far are applied (the test driver sends them at once). */
    private FleetHost fed(int events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (feed.eventsApplied() < events && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        feed.sync();
        return store.fleet().host("td").orElseThrow();
    }

    private static void assertSame(HostState fed, HostState full) {
        assertThat(fed.domains()).extracting(Domain::name).containsExactlyInAnyOrderElementsOf(
                full.domains().stream().map(Domain::name).toList());
        assertThat(fed.pinnedCpus()).isEqualTo(full.pinnedCpus());
        assertThat(fed.domains()).containsExactlyInAnyOrderElementsOf(full.domains());
    }

    @Test
    void startsAndStopsReachTheFleetEventByEvent() throws Exception {
        FleetHost first = fed(0);
        assertThat(first.state().domains()).extracting(Domain::name).contains("test"); // the driver's own
        VirtDomain d = conn.define(LibvirtTestDriverIT.guest("it-feed"));
        d.start(); // DEFINED, STARTED
        FleetHost running = fed(2);
        assertThat(running.generation()).isNotEqualTo(first.generation());
        assertThat(running.state().domains()).extracting(Domain::name).contains("it-feed");
        assertSame(running.state(), conn.hostState());

        d.destroy(); // STOPPED
        FleetHost stopped = fed(3);
        assertThat(stopped.state().domains()).extracting(Domain::name).doesNotContain("it-feed");
        assertSame(stopped.state(), conn.hostState());
    }
}
