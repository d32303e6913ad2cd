package io.virtforge.samples.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.check.Finding;
import io.virtforge.check.Validator;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetHost;
import io.virtforge.model.CpuTune;
import io.virtforge.model.Domain;
import io.virtforge.model.IothreadPin;
import io.virtforge.model.VcpuPin;
import io.virtforge.plan.Planner;
import io.virtforge.topology.HugePagePool;
import io.virtforge.topology.NumaNode;
import io.virtforge.value.CpuSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulation on a small fleet filled past its capacity (so that there are refusals of every kind): its
 * invariants, and its report's figures recomputed from the final fleet by other means than the report's.
 */
class FleetSimulationTest {
    /** 20 hosts, 2 of them empty; 500 requests are more than they hold, so each run ends on refusals. */
    private static final FleetSimOptions OPTIONS = new FleetSimOptions(20, 7, 0.3, 0.5, 0.1, 500, 40, false,
            Optional.empty());
    private static final List<SimRequest> STREAM = RequestStream.of(OPTIONS.seed(), OPTIONS.requests());
    private static Fleet fleet;
    private static final Map<FleetStrategy, SimulationRun> RUNS = new EnumMap<>(FleetStrategy.class);

    @BeforeAll
    static void run() {
        fleet = SimFleet.of(OPTIONS);
        FleetSimulation simulation = new FleetSimulation(STREAM, OPTIONS.stopAfter());
        for (FleetStrategy s : FleetStrategy.values()) {
            RUNS.put(s, simulation.run(s, fleet));
        }
    }

    @Test
    void theStartingFleetIsTheSyntheticOneWithSomeHostsEmptied() {
        assertThat(fleet.size()).isEqualTo(20);
        assertThat(fleet.all().stream().filter(h -> h.state().domains().isEmpty())).hasSize(2);
        assertThat(domainsByHost(SimFleet.of(OPTIONS))).isEqualTo(domainsByHost(fleet)); // deterministic
        assertThat(domainsByHost(SimFleet.of(new FleetSimOptions(20, 8, 0.3, 0.5, 0.1, 500, 40, false,
                Optional.empty())))).isNotEqualTo(domainsByHost(fleet));
    }

    @Test
    void noResourceIsBookedTwice() {
        for (SimulationRun run : RUNS.values()) {
            int domains = 0;
            for (FleetHost h : run.last().all()) {
                for (Domain d : h.state().domains()) {
                    assertThat(Validator.standard().validate(d, h.state()).errors()).extracting(Finding::toString)
                            .as("%s: %s on %s", run.strategy(), d.name(), h.id()).isEmpty();
                    domains++;
                }
            }
            int before = run.initial().all().stream().mapToInt(h -> h.state().domains().size()).sum();
            assertThat(domains).as("%s: the domains at the end", run.strategy())
                    .isEqualTo(before + run.placed().size());
        }
    }

    @Test
    void everyRequestFedIsPlacedOrRefusedAndTheRunStopsOnlyAfterRefusalsInARow() {
        for (SimulationRun run : RUNS.values()) {
            StrategyReport report = StrategyReport.of(run);
            assertThat(report.placed() + report.refused()).isEqualTo(report.requests());
            assertThat(run.outcomes()).extracting(o -> o.request().index())
                    .isEqualTo(STREAM.subList(0, run.outcomes().size()).stream().map(SimRequest::index).toList());
            assertThat(run.placed()).as("%s placed something", run.strategy()).isNotEmpty();
            assertThat(run.refused()).as("%s refused something: the stream overfills the fleet", run.strategy())
                    .isNotEmpty();
            if (run.outcomes().size() < STREAM.size()) {
                List<Outcome> last = run.outcomes().subList(run.outcomes().size() - OPTIONS.stopAfter(),
                        run.outcomes().size());
                assertThat(last).allMatch(Outcome.Refused.class::isInstance);
            }
        }
    }

    @Test
    void everyRefusalIsARealNoFitOnTheFleetAsItWasThen() {
        Planner planner = Planner.create();
        for (SimulationRun run : RUNS.values()) {
            for (Outcome.Refused r : run.refused()) {
                List<String> fits = new ArrayList<>();
                for (FleetHost h : r.seen().all()) {
                    if (h.hasLabels(r.request().constraints().requiredLabels())
                            && planner.plan(r.request().request(), h.state()).fits()) {
                        fits.add(h.id());
                    }
                }
                assertThat(fits).as("%s: %s refused, yet fits", run.strategy(), r.request().domainName()).isEmpty();
                assertThat(r.noFit().total()).as("every host counted once").isEqualTo(r.seen().size());
            }
        }
    }

    @Test
    void theReportsFiguresAgreeWithTheFinalFleet() {
        Planner planner = Planner.create();
        for (SimulationRun run : RUNS.values()) {
            StrategyReport report = StrategyReport.of(run);
            int cpus = 0;
            int used = 0;
            long pages = 0;
            long usedPages = 0;
            int stranded = 0;
            int empty = 0;
            int untouched = 0;
            int takingLargest = 0;
            for (FleetHost h : run.last().all()) {
                int online = h.state().topology().onlineCpus().size();
                // used CPUs from the domains' own pins, not from the planner's accounting the report reads
                CpuSet pinned = CpuSet.empty();
                for (Domain d : h.state().domains()) {
                    pinned = pinned.union(pins(d));
                    // every domain of this fleet, occupant or placed, has all its memory in 2 MiB pages
                    usedPages += d.memory().orElseThrow().bytes();
                }
                cpus += online;
                used += pinned.size();
                for (NumaNode n : h.state().topology().nodes()) {
                    for (HugePagePool p : n.hugePages().values()) {
                        pages += p.total() * p.size().bytes();
                    }
                }
                if (!planner.plan(RequestStream.SMALLEST.request().build(), h.state()).fits()) {
                    stranded += online - pinned.size();
                }
                takingLargest += planner.plan(RequestStream.LARGEST.request().build(), h.state()).fits() ? 1 : 0;
                empty += h.state().domains().isEmpty() ? 1 : 0;
                untouched += h.state().domains().stream().noneMatch(d -> d.name().startsWith("sim")) ? 1 : 0;
            }
            assertThat(report.cpus()).isEqualTo(cpus);
            assertThat(report.usedCpus()).isEqualTo(used);
            assertThat(report.cpuUse()).isEqualTo(used / (double) cpus);
            assertThat(report.hugePageUse()).isEqualTo(usedPages / (double) pages);
            assertThat(report.strandedCpus()).as("%s stranded", run.strategy()).isEqualTo(stranded);
            assertThat(report.emptyHosts()).isEqualTo(empty);
            assertThat(report.hostsTakingLargest()).isEqualTo(takingLargest);
            assertThat(report.untouchedHosts()).isEqualTo(untouched);
            assertThat(report.refusedByKind().values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(report.refused());
            assertThat(report.rejectionsByReason().values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(report.refused() * fleet.size());
        }
    }

    /**
     * Not a theorem: {@code HostWeigher.PACK} ranks hosts by the CPUs they have left, not by their share, so it
     * prefers an empty 64-CPU host to a half-used 128-CPU one and does open empty hosts on a mixed fleet; and the two
     * strategies refuse different requests. What it holds to is an observed property of these fleets and streams
     * (not overfilled: a stream that overfills the fleet leaves no host empty under either): pack opens fewer of the
     * empty hosts than spread, which fills them first (an empty host has the most CPUs left).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void packKeepsMoreHostsEmptyThanSpreadOnTheSameStream(long seed) {
        FleetSimOptions options = new FleetSimOptions(30, seed, 0.3, 0.5, 0.2, 150, 40, false, Optional.empty());
        Fleet start = SimFleet.of(options);
        FleetSimulation simulation = new FleetSimulation(RequestStream.of(seed, options.requests()), 40);
        StrategyReport pack = StrategyReport.of(simulation.run(FleetStrategy.PACK, start));
        StrategyReport spread = StrategyReport.of(simulation.run(FleetStrategy.SPREAD, start));

        assertThat(pack.emptyAtStart()).isEqualTo(6);
        assertThat(spread.emptyHosts()).as("spread fills the empty hosts").isLessThan(pack.emptyAtStart());
        assertThat(pack.emptyHosts()).as("pack keeps more of them empty").isGreaterThan(spread.emptyHosts());
    }

    private static Map<String, List<String>> domainsByHost(Fleet f) {
        Map<String, List<String>> out = new TreeMap<>();
        for (FleetHost h : f.all()) {
            out.put(h.id() + h.labels(), h.state().domains().stream()
                    .map(d -> d.name() + d.cputune().orElseThrow().vcpuPins().size()).toList());
        }
        return out;
    }

    private static CpuSet pins(Domain d) {
        CpuSet all = CpuSet.empty();
        CpuTune tune = d.cputune().orElseThrow();
        for (VcpuPin p : tune.vcpuPins()) {
            all = all.union(p.cpuset());
        }
        for (IothreadPin p : tune.iothreadPins()) {
            all = all.union(p.cpuset());
        }
        return all.union(tune.emulatorPin().orElse(CpuSet.empty()));
    }
}
