package io.virtforge.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Finding;
import io.virtforge.check.Validator;
import io.virtforge.model.Domain;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.CpuSet;
import io.virtforge.value.PciAddress;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The planner is exact: on random small hosts (up to 4 nodes of up to 4 cores, SMT on and off, random
 * occupancy, pools and devices) and random requests (symmetric, as-few-as-fit and asymmetric cells,
 * every thread, emulator, page and device policy), it finds a placement exactly when the brute-force
 * enumerator says one exists; every placement it finds is valid by an independent check, and the
 * validator reports no error on the domain it builds.
 */
class PlannerExactnessProperties {
    private final Planner planner = Planner.create();

    @Property(tries = 2000)
    void findsAPlacementExactlyWhenOneExists(@ForAll long seed) {
        RandomScenario s = RandomScenario.of(seed);
        PlacementResult result = planner.plan(s.request(), s.state());
        boolean oracle = new BruteForce(s.state(), s.request()).fits();
        assertThat(result.fits()).as("%s; planner says %s", s.description(), result).isEqualTo(oracle);
    }

    @Property(tries = 2000)
    void everyPlacementIsValid(@ForAll long seed) {
        RandomScenario s = RandomScenario.of(seed);
        if (!(planner.plan(s.request(), s.state()) instanceof Placement p)) {
            return;
        }
        HostTopology host = s.state().topology();
        PlacementRequest r = s.request();
        CpuSet othersPins = CpuSet.empty();
        for (DomainFootprint f : s.state().footprints()) {
            othersPins = othersPins.union(f.vcpuPins()).union(f.emulatorPin()).union(f.iothreadPins());
        }
        Set<Integer> nodes = new HashSet<>();
        CpuSet dedicatedUsed = CpuSet.empty();
        for (CellPlacement c : p.cells()) {
            assertThat(nodes.add(c.hostNode())).as("distinct nodes").isTrue();
            assertThat(r.allowedNodes().map(a -> a.contains(c.hostNode())).orElse(true)).isTrue();
            for (var e : c.vcpuPins().entrySet()) {
                CpuSet pin = e.getValue();
                assertThat(host.nodesOf(pin)).as("vCPU %d within its cell's node", e.getKey()).containsExactly(c.hostNode());
                assertThat(pin.intersects(r.reservedCpus())).isFalse();
                if (r.isDedicated(e.getKey())) {
                    assertThat(pin.size()).isEqualTo(1);
                    assertThat(pin.intersects(othersPins)).as("dedicated CPU not used by others").isFalse();
                    assertThat(pin.intersects(dedicatedUsed)).as("one vCPU per dedicated CPU").isFalse();
                    dedicatedUsed = dedicatedUsed.union(pin);
                }
            }
            c.pageSize().ifPresent(size -> {
                assertThat(c.memory().bytes() % size.bytes()).isZero();
                assertThat(c.memory().bytes() / size.bytes()).isLessThanOrEqualTo(
                        s.state().freeHugePages(c.hostNode(), size));
            });
            if (r.pagePolicy() == PagePolicy.SMALL) {
                assertThat(c.pageSize()).isEmpty();
            }
            if (r.pagePolicy() == PagePolicy.LARGE) {
                assertThat(c.pageSize()).isPresent();
            }
        }
        if (r.threadPolicy() == ThreadPolicy.ISOLATE && host.cpus().stream().anyMatch(c -> c.siblings().size() > 1)) {
            Set<Integer> coresUsed = new HashSet<>();
            for (int cpu : dedicatedUsed.toArray()) {
                assertThat(coresUsed.add(host.cpu(cpu).orElseThrow().siblings().first().getAsInt()))
                        .as("isolate: one vCPU per core").isTrue();
            }
        }
        if (r.emulatorPolicy() == EmulatorPolicy.ISOLATE) {
            assertThat(p.emulatorPin().size()).isEqualTo(1);
            assertThat(p.emulatorPin().intersects(dedicatedUsed)).isFalse();
            assertThat(p.emulatorPin().intersects(othersPins)).isFalse();
        }
        Set<PciAddress> devices = new HashSet<>(p.devices());
        assertThat(devices).hasSameSizeAs(p.devices());
        for (int i = 0; i < p.devices().size(); i++) {
            PciAddress a = p.devices().get(i);
            assertThat(r.devices().get(i).matches(host.pciDevice(a).orElseThrow())).isTrue();
            assertThat(s.state().assignedTo(a)).isEmpty();
            int node = host.pciDevice(a).orElseThrow().numaNode().orElse(-1);
            if (r.deviceAffinity() == NumaAffinity.REQUIRED) {
                assertThat(nodes).contains(node);
            }
        }
        Domain domain = p.applyTo(DomainBuilder.named("placed")).assemble();
        assertThat(Validator.standard().validate(domain, s.state()).errors()).extracting(Finding::toString)
                .as(s.description()).isEmpty();
    }
}
