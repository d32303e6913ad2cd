package io.virtforge.check;

import io.virtforge.model.CpuTune;
import io.virtforge.model.Domain;
import io.virtforge.model.IothreadPin;
import io.virtforge.model.VcpuPin;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.SharedCpuLoad;
import io.virtforge.value.CpuSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Host rules on CPUs: pins on CPUs that exist and are free, emulator apart from vCPUs, overcommit, nested
 * virtualisation the host can give.
 */
final class CpuRules {
    private CpuRules() {
    }

    static final Rule PIN_CPU_MISSING = Rule.of("PIN_CPU_MISSING", Severity.ERROR, true, CpuRules::pinMissing);
    static final Rule PIN_CPU_BUSY = Rule.of("PIN_CPU_BUSY", Severity.ERROR, true, CpuRules::pinBusy);
    static final Rule EMULATOR_PIN_OVERLAP = Rule.of("EMULATOR_PIN_OVERLAP", Severity.WARNING, true,
            CpuRules::emulatorOverlap);
    static final Rule OVERCOMMIT = Rule.of("OVERCOMMIT", Severity.WARNING, true, CpuRules::overcommit);

    static final Rule NESTED_UNAVAILABLE = Rule.of("NESTED_UNAVAILABLE", Severity.ERROR, true, NestedRule::check);

    static final List<Rule> ALL = List.of(PIN_CPU_MISSING, PIN_CPU_BUSY, EMULATOR_PIN_OVERLAP, OVERCOMMIT,
            NESTED_UNAVAILABLE);

    private static void pinMissing(CheckContext ctx, Findings out) {
        HostTopology host = ctx.topology();
        // <vcpu cpuset> pins every vCPU without a <vcpupin> (and the emulator without an <emulatorpin>)
        ctx.domain().vcpu().flatMap(v -> v.cpuset())
                .ifPresent(c -> missing(host, c, Paths.VCPU, "<vcpu cpuset>", out));
        CpuTune tune = ctx.domain().cputune().orElse(null);
        if (tune == null) {
            return;
        }
        for (VcpuPin p : tune.vcpuPins()) {
            missing(host, p.cpuset(), Paths.vcpupin(p.vcpu()), "vCPU " + p.vcpu(), out);
        }
        tune.emulatorPin().ifPresent(e -> missing(host, e, Paths.EMULATORPIN, "the emulator", out));
        for (IothreadPin p : tune.iothreadPins()) {
            missing(host, p.cpuset(), Paths.iothreadpin(p.iothread()), "I/O thread " + p.iothread(), out);
        }
    }

    private static void missing(HostTopology host, CpuSet pinned, String path, String what, Findings out) {
        CpuSet absent = pinned.minus(host.allCpus());
        CpuSet offline = pinned.intersect(host.allCpus()).minus(host.onlineCpus());
        if (!absent.isEmpty()) {
            out.add(path, what + " is pinned to host CPU(s) " + absent + ", which the host does not have (it has "
                    + host.allCpus() + ")", "pin to CPUs of " + host.onlineCpus());
        }
        if (!offline.isEmpty()) {
            out.add(path, what + " is pinned to host CPU(s) " + offline + ", which are offline",
                    "pin to online CPUs (" + host.onlineCpus() + ") or bring them online");
        }
    }

    private static void pinBusy(CheckContext ctx, Findings out) {
        DomainFootprint f = ctx.footprint();
        CpuTune tune = ctx.domain().cputune().orElse(null);
        if (!f.dedicated() || tune == null) {
            return;
        }
        HostState state = ctx.host();
        String me = ctx.domain().name();
        for (VcpuPin p : tune.vcpuPins()) {
            Set<String> others = new LinkedHashSet<>();
            for (int cpu : p.cpuset().toArray()) {
                for (String d : state.vcpuPinnedBy(cpu)) {
                    if (!d.equals(me)) {
                        others.add(d);
                    }
                }
            }
            if (!others.isEmpty()) {
                CpuSet free = ctx.topology().onlineCpus().minus(state.pinnedCpus());
                out.add(Paths.vcpupin(p.vcpu()), "vCPU " + p.vcpu() + " is pinned to host CPU " + p.cpuset()
                        + ", which " + String.join(", ", others) + " already pin(s) vCPUs to",
                        "a dedicated vCPU needs a CPU of its own; free CPUs: " + (free.isEmpty() ? "none" : free));
            }
        }
    }

    private static void emulatorOverlap(CheckContext ctx, Findings out) {
        DomainFootprint f = ctx.footprint();
        if (f.vcpuPins().isEmpty()) {
            return;
        }
        if (f.emulatorPin().intersects(f.vcpuPins())) {
            out.add(Paths.EMULATORPIN, "the emulator threads share host CPU(s) " + f.emulatorPin().intersect(f.vcpuPins())
                    + " with the vCPUs", "pin the emulator to housekeeping CPUs outside " + f.vcpuPins());
        }
        ctx.domain().cputune().ifPresent(t -> {
            for (IothreadPin p : t.iothreadPins()) {
                if (p.cpuset().intersects(f.vcpuPins())) {
                    out.add(Paths.iothreadpin(p.iothread()), "I/O thread " + p.iothread() + " shares host CPU(s) "
                            + p.cpuset().intersect(f.vcpuPins()) + " with the vCPUs",
                            "pin I/O threads outside " + f.vcpuPins());
                }
            }
        });
    }

    /**
     * Both ratios of {@link OvercommitProfile}, counted as the planner counts them: every vCPU on the host over
     * its physical cores (an error only for a domain with a dedicated vCPU), and per host node the shared vCPUs
     * over the node's shared CPUs ({@link SharedCpuLoad}), for the nodes this domain's shared vCPUs float over.
     */
    private static void overcommit(CheckContext ctx, Findings out) {
        HostState state = ctx.host();
        OvercommitProfile profile = ctx.options().overcommit();
        Domain domain = ctx.domain();
        int cores = state.topology().physicalCores();
        if (cores > 0) {
            int others = state.totalVcpus() - state.footprint(domain.name()).map(DomainFootprint::vcpus).orElse(0);
            int total = others + domain.vcpuCount();
            double ratio = (double) total / cores;
            if (ratio > profile.warnRatio()) {
                boolean error = ratio > profile.maxRatio() && !SharedCpuLoad.dedicatedCpus(domain).isEmpty();
                out.add(error ? Severity.ERROR : Severity.WARNING, Paths.VCPU, String.format(Locale.ROOT,
                        "%d vCPUs on %d physical cores: overcommit %.2f:1 (above %s:1, overcommit profile %s)", total,
                        cores, ratio, OvercommitProfile.format(error ? profile.maxRatio() : profile.warnRatio()), profile),
                        "place the domain on another host, reduce vCPUs or choose a looser overcommit profile");
            }
        }
        SharedCpuLoad load = SharedCpuLoad.except(state, domain.name());
        CpuSet mine = SharedCpuLoad.dedicatedCpus(domain);
        SharedCpuLoad.sharedVcpusByNode(domain, state.topology()).forEach((node, vcpus) -> {
            CpuSet pool = load.pool(node).minus(mine);
            int total = load.load(node) + vcpus;
            double capacity = pool.size() * profile.maxRatio();
            boolean error = total > capacity;
            if (error || total > pool.size() * profile.warnRatio()) {
                out.add(error ? Severity.ERROR : Severity.WARNING, Paths.CPUTUNE, String.format(Locale.ROOT,
                        "host node %d: %d shared vCPUs over %d shared CPU(s)%s: overcommit %s (above %s:1, overcommit "
                        + "profile %s)", node, total, pool.size(), pool.isEmpty() ? "" : " (" + pool + ")",
                        pool.isEmpty() ? "without a CPU" : String.format(Locale.ROOT, "%.2f:1",
                                (double) total / pool.size()),
                        OvercommitProfile.format(error ? profile.maxRatio() : profile.warnRatio()), profile),
                        "float the shared vCPUs over a node with room (" + (long) Math.floor(capacity) + " fit here), "
                        + "or choose a looser overcommit profile");
            }
        });
    }
}
