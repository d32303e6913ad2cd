package io.virtforge.monitor;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * Shares of time between two samples: how much of the interval a vCPU thread waited, and how much of it a host
 * CPU ran something other than a given thread. Counters that went backwards (a restarted guest, a new thread with
 * the same number) give no share.
 */
final class Rates {
    private final long intervalNanos;
    private final Map<Integer, HostCpuTime> previousCpus;
    private final Map<UUID, ProcessFacts> previousProcesses = new HashMap<>();
    private final Map<Integer, HostCpuTime> currentCpus;

    Rates(MonitorSample previous, MonitorSample current) {
        this.intervalNanos = Duration.between(previous.at(), current.at()).toNanos();
        this.previousCpus = previous.host().cpus();
        this.currentCpus = current.host().cpus();
        for (DomainSample d : previous.domains()) {
            d.process().ifPresent(p -> previousProcesses.put(d.uuid(), p));
        }
    }

    /** True when the samples are apart in time, so shares mean something. */
    boolean hasInterval() {
        return intervalNanos > 0;
    }

    /** The thread of the same vCPU (same process, same thread id) in the previous sample. */
    Optional<VcpuThread> before(DomainSample domain, VcpuThread now) {
        ProcessFacts then = previousProcesses.get(domain.uuid());
        int pid = domain.process().map(ProcessFacts::pid).orElse(-1);
        if (then == null || then.pid() != pid) {
            return Optional.empty();
        }
        return then.vcpus().stream().filter(t -> t.tid() == now.tid() && t.vcpu() == now.vcpu()).findFirst();
    }

    /** The share of the interval a vCPU thread waited for a CPU. */
    OptionalDouble waitShare(DomainSample domain, VcpuThread now) {
        return before(domain, now).map(then -> share(now.schedstat().waitNanos() - then.schedstat().waitNanos()))
                .orElse(OptionalDouble.empty());
    }

    /** The share of the interval host CPU {@code cpu} ran anything but the vCPU thread. */
    OptionalDouble foreignShare(int cpu, DomainSample domain, VcpuThread now) {
        HostCpuTime cpuThen = previousCpus.get(cpu);
        HostCpuTime cpuNow = currentCpus.get(cpu);
        Optional<VcpuThread> then = before(domain, now);
        if (cpuThen == null || cpuNow == null || then.isEmpty()) {
            return OptionalDouble.empty();
        }
        long busy = cpuNow.busyNanos() - cpuThen.busyNanos();
        long own = now.schedstat().runNanos() - then.get().schedstat().runNanos();
        if (busy < 0 || own < 0) {
            return OptionalDouble.empty();
        }
        // /proc/stat counts in 10 ms ticks, the thread in nanoseconds: never less than nothing
        return share(Math.max(0, busy - own));
    }

    private OptionalDouble share(long nanos) {
        return nanos < 0 || intervalNanos <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of(Math.min(1.0, (double) nanos / intervalNanos));
    }
}
