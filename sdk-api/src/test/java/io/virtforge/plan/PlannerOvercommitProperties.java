package io.virtforge.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Finding;
import io.virtforge.check.Profile;
import io.virtforge.check.Report;
import io.virtforge.check.Severity;
import io.virtforge.check.ValidationOptions;
import io.virtforge.check.Validator;
import io.virtforge.model.Domain;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.CpuSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The planner under an overcommit profile, on hosts with shared CPU load (domains floating over a node's CPUs,
 * mixed ones with a vCPU pinned alone) and shared and mixed requests: it is exact against the brute-force oracle
 * under every preset; what it places draws no validator error under the same profile; and where it refuses for
 * shared capacity or overcommit alone, the validator under the same profile finds an {@code OVERCOMMIT} error on
 * the request laid out on any allowed node.
 *
 * <p>Where the two legitimately differ (so the converse only holds without them): the planner keeps a request's
 * reserved CPUs and isolated emulator CPU out of the shared pool and uses the request's own ratio when it is
 * below the profile's, none of which the validator can see in a domain's XML; and a shared vCPU pinned alone to
 * one CPU is, in the XML, a dedicated vCPU (the validator checks it as one).
 */
class PlannerOvercommitProperties {
    private static final Set<String> SHARED_CAPACITY = Set.of("NOT_ENOUGH_SHARED_CPU", "OVERCOMMIT");

    @Property(tries = 3000)
    void findsAPlacementExactlyWhenOneExistsUnderEveryProfile(@ForAll long seed) {
        RandomScenario s = RandomScenario.withSharedLoad(seed);
        PlacementResult result = Planner.withProfile(s.profile()).plan(s.request(), s.state());
        boolean oracle = new BruteForce(s.state(), s.request(), s.profile().maxRatio()).fits();
        assertThat(result.fits()).as("%s; planner says %s", s.description(), result).isEqualTo(oracle);
    }

    @Property(tries = 3000)
    void aPlacedDomainDrawsNoErrorUnderTheSameProfile(@ForAll long seed) {
        RandomScenario s = RandomScenario.withSharedLoad(seed);
        if (!(Planner.withProfile(s.profile()).plan(s.request(), s.state()) instanceof Placement p)) {
            return;
        }
        Domain domain = p.applyTo(DomainBuilder.named("placed")).assemble();
        Report report = Validator.of(Profile.STANDARD, ValidationOptions.of(s.profile())).validate(domain, s.state());
        assertThat(report.errors()).extracting(Finding::toString).as("%s; %s", s.description(), p).isEmpty();
    }

    @Property(tries = 3000)
    void aRefusalForSharedCapacityIsAnOvercommitErrorOnEveryAllowedNode(@ForAll long seed) {
        checkConverse(seed);
    }

    @Test
    void theConverseIsCheckedOnEnoughScenarios() {
        int checked = 0;
        for (long seed = 0; seed < 3000; seed++) {
            checked += checkConverse(seed);
        }
        assertThat(checked).as("domains the converse was checked on").isGreaterThan(50);
    }

    /**
     * When the planner refuses the request and says only NOT_ENOUGH_SHARED_CPU or OVERCOMMIT, lays the request out
     * in one guest cell on each allowed node and expects an OVERCOMMIT error from the validator; returns how many
     * domains it checked (0 when the scenario is outside the boundary where the two must agree).
     */
    private static int checkConverse(long seed) {
        RandomScenario s = RandomScenario.withSharedLoad(seed);
        PlacementRequest r = s.request();
        boolean comparable = r.cpuAllocationRatio() >= s.profile().maxRatio() && r.reservedCpus().isEmpty()
                && r.emulatorPolicy() == EmulatorPolicy.SHARE && r.cells().isEmpty() && r.cellCount() <= 1;
        if (!comparable || !(Planner.withProfile(s.profile()).plan(r, s.state()) instanceof NoFit no)) {
            return 0;
        }
        List<Integer> allowed = new ArrayList<>();
        s.state().topology().nodes().forEach(n -> {
            if (r.allowedNodes().map(a -> a.contains(n.id())).orElse(true)) {
                allowed.add(n.id());
            }
        });
        boolean onlySharedCapacity = no.reasons().stream()
                .filter(x -> x.hostNode() < 0 || allowed.contains(x.hostNode()))
                .filter(x -> !x.code().equals("NO_LAYOUT"))
                .allMatch(x -> SHARED_CAPACITY.contains(x.code()));
        if (!onlySharedCapacity) {
            return 0;
        }
        Validator validator = Validator.of(Profile.STANDARD, ValidationOptions.of(s.profile()));
        int checked = 0;
        for (int node : allowed) {
            Optional<Domain> domain = layOut(r, node, s.state(), s.profile().maxRatio());
            if (domain.isPresent()) {
                Report report = validator.validate(domain.get(), s.state());
                assertThat(report.findings("OVERCOMMIT")).extracting(Finding::severity)
                        .as("%s; planner says %s; on node %d the validator says %s", s.description(), no, node, report)
                        .contains(Severity.ERROR);
                checked++;
            }
        }
        return checked;
    }

    /**
     * The request in one guest cell on the node: each dedicated vCPU pinned to a free CPU of its own, the shared
     * vCPUs to the node's other online CPUs. Empty when the node has too few free CPUs, none left for the shared
     * vCPUs, or only one for a single shared vCPU on a host within the profile (the boundary: that vCPU would read
     * as dedicated).
     */
    private static Optional<Domain> layOut(PlacementRequest r, int node, HostState state, double maxRatio) {
        HostTopology host = state.topology();
        CpuSet online = host.node(node).orElseThrow().cpus().intersect(host.onlineCpus());
        CpuSet taken = CpuSet.empty();
        for (DomainFootprint f : state.footprints()) {
            taken = taken.union(f.vcpuPins()).union(f.emulatorPin()).union(f.iothreadPins());
        }
        int[] free = online.minus(taken).toArray();
        List<Integer> dedicated = new ArrayList<>();
        List<Integer> shared = new ArrayList<>();
        for (int v = 0; v < r.vcpus(); v++) {
            (r.isDedicated(v) ? dedicated : shared).add(v);
        }
        if (free.length < dedicated.size()) {
            return Optional.empty();
        }
        DomainBuilder b = DomainBuilder.named("laid-out").vcpus(r.vcpus()).memory(r.memory());
        CpuSet picked = CpuSet.empty();
        for (int i = 0; i < dedicated.size(); i++) {
            b.pinVcpu(dedicated.get(i), CpuSet.of(free[i]));
            picked = picked.union(CpuSet.of(free[i]));
        }
        CpuSet rest = online.minus(picked);
        boolean overcommitted = (double) (state.totalVcpus() + r.vcpus()) / host.physicalCores() > maxRatio;
        if (!shared.isEmpty() && (rest.isEmpty() || rest.size() == 1 && shared.size() == 1 && !overcommitted)) {
            return Optional.empty();
        }
        shared.forEach(v -> b.pinVcpu(v, rest));
        return Optional.of(b.assemble());
    }
}
