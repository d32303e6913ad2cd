package io.virtforge.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.plan.RandomScenario;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The fleet planner is exact: on random fleets of up to 20 random small hosts, its choice is the best host by
 * the weigher among all hosts where the single-host planner finds a placement (recomputed here by planning
 * every host, without the bound), for both built-in weighers; it finds no host exactly when none fits.
 */
class FleetPlannerPropertiesTest {
    /** A weigher the fleet planner has no cost bound for: CPUs left modulo 3 (many ties), then nothing. */
    private static final HostWeigher<HostWeigher.Cost> OTHER = (host, placement) ->
            new HostWeigher.Cost(Leftover.after(host, placement).dedicatedCpus() % 3, 0);
    private static final ForkJoinPool POOL = new ForkJoinPool(2);

    private final Planner planner = Planner.create();

    @Property(tries = 300)
    void packChoosesTheBestFittingHost(@ForAll long seed) {
        check(seed, HostWeigher.PACK);
    }

    @Property(tries = 300)
    void spreadChoosesTheBestFittingHost(@ForAll long seed) {
        check(seed, HostWeigher.SPREAD);
    }

    @Property(tries = 200)
    void anyOtherWeigherChoosesTheBestFittingHost(@ForAll long seed) {
        // no cost bound for it: every host past the capacity bound is planned
        check(seed, OTHER);
    }

    @Property(tries = 200)
    void theParallelPlannerChoosesWhatTheSequentialOneChooses(@ForAll long seed) {
        Random rnd = new Random(seed);
        Fleet fleet = fleet(rnd);
        PlacementRequest request = RandomScenario.of(rnd.nextLong()).request();
        for (HostWeigher<?> w : List.of(HostWeigher.PACK, HostWeigher.SPREAD, OTHER)) {
            FleetResult sequential = FleetPlanner.create(w).plan(request, FleetConstraints.none(), fleet);
            FleetResult parallel = FleetPlanner.create(w).parallel(POOL).plan(request, FleetConstraints.none(), fleet);
            assertThat(parallel).as("seed %d", seed).isEqualTo(sequential);
        }
    }

    @Property(tries = 200)
    void acceptedIsEveryHostWhereThePlannerFits(@ForAll long seed) {
        Random rnd = new Random(seed);
        Fleet fleet = fleet(rnd);
        PlacementRequest request = RandomScenario.of(rnd.nextLong()).request();
        Set<String> expected = new java.util.TreeSet<>();
        for (FleetHost h : fleet.all()) {
            if (planner.plan(request, h.state()).fits()) {
                expected.add(h.id());
            }
        }
        assertThat(FleetPlanner.create(HostWeigher.PACK).accepted(request, FleetConstraints.none(), fleet))
                .as("seed %d", seed).containsExactlyElementsOf(expected);
        assertThat(FleetPlanner.create(HostWeigher.PACK).parallel(POOL).accepted(request, FleetConstraints.none(), fleet))
                .as("seed %d", seed).containsExactlyElementsOf(expected);
    }

    @Test
    void aLargeFleetIsScreenedInParallelWithTheSameResult() {
        // past the size where screening goes parallel; the fleet planner keeps host summaries between plans,
        // so plan twice, and once more after a host changed
        Random rnd = new Random(7);
        Fleet.Builder b = Fleet.builder();
        for (int i = 0; i < 700; i++) {
            b.host(String.format("h%03d", i), RandomScenario.of(rnd.nextLong()).state());
        }
        Fleet fleet = b.build();
        FleetPlanner sequential = FleetPlanner.create(HostWeigher.PACK);
        FleetPlanner parallel = FleetPlanner.create(HostWeigher.PACK).parallel(POOL);
        for (int r = 0; r < 20; r++) {
            PlacementRequest request = RandomScenario.of(rnd.nextLong()).request();
            Optional<FleetPlacement> expected = bruteForce(fleet, request, HostWeigher.PACK);
            for (int twice = 0; twice < 2; twice++) {
                assertThat(sequential.plan(request, FleetConstraints.none(), fleet).chosen()).isEqualTo(expected);
                assertThat(parallel.plan(request, FleetConstraints.none(), fleet).chosen()).isEqualTo(expected);
            }
            String id = String.format("h%03d", rnd.nextInt(700));
            fleet = fleet.withHost(fleet.host(id).orElseThrow().withState(RandomScenario.of(rnd.nextLong()).state()));
        }
    }

    @Test
    void theFleetsGiveTheChoiceSomethingToGetWrong() {
        // the properties would hold vacuously if fleets never had two fitting hosts of different costs
        int choices = 0;
        int noFits = 0;
        for (long seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            Fleet fleet = fleet(rnd);
            PlacementRequest request = RandomScenario.of(rnd.nextLong()).request();
            Set<HostWeigher.Cost> costs = new HashSet<>();
            for (FleetHost h : fleet.all()) {
                planner.plan(request, h.state()).placement().ifPresent(p -> costs.add(HostWeigher.PACK.cost(h, p)));
            }
            choices += costs.size() > 1 ? 1 : 0;
            noFits += costs.isEmpty() ? 1 : 0;
        }
        assertThat(choices).as("fleets with a real choice, of 200").isGreaterThan(20);
        assertThat(noFits).as("fleets where nothing fits, of 200").isPositive();
    }

    /** Up to 20 of the planner's random hosts, h00, h01... */
    private static Fleet fleet(Random rnd) {
        Fleet.Builder b = Fleet.builder();
        int hosts = 1 + rnd.nextInt(20);
        for (int i = 0; i < hosts; i++) {
            b.host(String.format("h%02d", i), RandomScenario.of(rnd.nextLong()).state());
        }
        return b.build();
    }

    private void check(long seed, HostWeigher<HostWeigher.Cost> weigher) {
        Random rnd = new Random(seed);
        Fleet fleet = fleet(rnd);
        int hosts = fleet.size();
        PlacementRequest request = RandomScenario.of(rnd.nextLong()).request();

        FleetResult result = FleetPlanner.create(weigher).plan(request, FleetConstraints.none(), fleet);

        Optional<FleetPlacement> expected = bruteForce(fleet, request, weigher);
        assertThat(result.fits()).as("seed %d: %s", seed, result).isEqualTo(expected.isPresent());
        expected.ifPresent(e -> {
            FleetPlacement chosen = result.chosen().orElseThrow();
            assertThat(chosen.hostId()).as("seed %d", seed).isEqualTo(e.hostId());
            assertThat(chosen.placement()).isEqualTo(e.placement());
            assertThat(chosen.generation()).isEqualTo(fleet.host(e.hostId()).orElseThrow().generation());
        });
        result.noFit().ifPresent(n -> assertThat(n.total()).isEqualTo(hosts));
    }

    /** Every host planned, the lowest cost kept, ties by id. */
    private Optional<FleetPlacement> bruteForce(Fleet fleet, PlacementRequest request,
            HostWeigher<HostWeigher.Cost> weigher) {
        FleetPlacement best = null;
        HostWeigher.Cost bestCost = null;
        for (FleetHost h : fleet.all()) {
            PlacementResult r = planner.plan(request, h.state());
            if (r instanceof Placement p) {
                HostWeigher.Cost c = weigher.cost(h, p);
                if (best == null || c.compareTo(bestCost) < 0
                        || (c.compareTo(bestCost) == 0 && h.id().compareTo(best.hostId()) < 0)) {
                    best = new FleetPlacement(h.id(), h.generation(), p);
                    bestCost = c;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
