package io.virtforge.samples.fleet;

import io.virtforge.fleet.FleetHost;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.Planner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The figures of one strategy's run.
 *
 * <p>Fragmentation is measured on the final fleet with the smallest flavour ({@link RequestStream#SMALLEST}, no
 * device, no label): the single-host planner is run with it on every host, and the free CPUs of each host where it
 * does not fit are <em>stranded</em> (free, but no request of the stream can use them: every flavour needs at
 * least that much). A host that does take it strands nothing, even if bigger flavours no longer fit there.
 *
 * @param strategy        the strategy
 * @param requests        requests fed (the stream, or fewer when the run stopped after refusals in a row)
 * @param placed          requests placed
 * @param refused         requests refused
 * @param refusedByKind   refused requests per {@link SimRequest#kind()}, sorted
 * @param rejectionsByReason hosts rejected per reason, summed over every refusal's {@code FleetNoFit}, sorted
 * @param hosts           each host's use at the end, in host id order
 * @param emptyAtStart    hosts that held no domain before the stream
 */
public record StrategyReport(FleetStrategy strategy, int requests, int placed, int refused,
        SortedMap<String, Integer> refusedByKind, SortedMap<String, Integer> rejectionsByReason, List<HostUse> hosts,
        int emptyAtStart) {
    /** Checks for nulls, copies the collections. */
    public StrategyReport {
        Objects.requireNonNull(strategy, "strategy");
        refusedByKind = Collections.unmodifiableSortedMap(new TreeMap<>(refusedByKind));
        rejectionsByReason = Collections.unmodifiableSortedMap(new TreeMap<>(rejectionsByReason));
        hosts = List.copyOf(hosts);
    }

    /** The report of a run. */
    public static StrategyReport of(SimulationRun run) {
        Planner planner = Planner.create();
        PlacementRequest smallest = RequestStream.SMALLEST.request().build();
        PlacementRequest largest = RequestStream.LARGEST.request().build();
        Set<String> touched = new HashSet<>();
        run.placed().forEach(p -> touched.add(p.hostId()));
        List<HostUse> hosts = new ArrayList<>();
        for (FleetHost host : run.last().all()) {
            hosts.add(HostUse.of(host, touched.contains(host.id()), planner, smallest, largest));
        }
        SortedMap<String, Integer> byKind = new TreeMap<>();
        SortedMap<String, Integer> byReason = new TreeMap<>();
        for (Outcome.Refused r : run.refused()) {
            byKind.merge(r.request().kind(), 1, Integer::sum);
            for (Map.Entry<String, Integer> e : r.noFit().rejectedHosts().entrySet()) {
                byReason.merge(e.getKey(), e.getValue(), Integer::sum);
            }
        }
        int emptyAtStart = (int) run.initial().all().stream().filter(h -> h.state().domains().isEmpty()).count();
        return new StrategyReport(run.strategy(), run.outcomes().size(), run.placed().size(), run.refused().size(),
                byKind, byReason, hosts, emptyAtStart);
    }

    /** Online CPUs of the fleet. */
    public int cpus() {
        return hosts.stream().mapToInt(HostUse::cpus).sum();
    }

    /** Used CPUs of the fleet. */
    public int usedCpus() {
        return hosts.stream().mapToInt(HostUse::usedCpus).sum();
    }

    /** Free CPUs of the fleet. */
    public int freeCpus() {
        return cpus() - usedCpus();
    }

    /** The used share of the fleet's CPUs (0 to 1). */
    public double cpuUse() {
        return usedCpus() / (double) Math.max(1, cpus());
    }

    /** The used share of the fleet's huge page memory (0 to 1). */
    public double hugePageUse() {
        long total = hosts.stream().mapToLong(HostUse::hugePageBytes).sum();
        long used = hosts.stream().mapToLong(HostUse::usedHugePageBytes).sum();
        return used / (double) Math.max(1, total);
    }

    /** Free CPUs on hosts that cannot take the smallest flavour (see the class comment). */
    public int strandedCpus() {
        return hosts.stream().mapToInt(HostUse::strandedCpus).sum();
    }

    /** Hosts with free CPUs that cannot take the smallest flavour. */
    public int strandedHosts() {
        return (int) hosts.stream().filter(h -> h.strandedCpus() > 0).count();
    }

    /** Hosts that can still take the largest flavour (no device, no label) at the end. */
    public int hostsTakingLargest() {
        return (int) hosts.stream().filter(HostUse::takesLargest).count();
    }

    /** Hosts that hold no domain at the end. */
    public int emptyHosts() {
        return (int) hosts.stream().filter(HostUse::empty).count();
    }

    /** Hosts the stream placed nothing on. */
    public int untouchedHosts() {
        return (int) hosts.stream().filter(h -> !h.touched()).count();
    }
}
