package io.virtforge.monitor;

import io.virtforge.connect.ConnectionLostException;
import io.virtforge.connect.DomainStats;
import io.virtforge.connect.DomainSummary;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.host.hugepages.HugePagePoolStatus;
import io.virtforge.host.hugepages.HugePages;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsReadException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one {@link MonitorSample} per call, in one pass: libvirt's bulk statistics of every domain in one call
 * ({@link VirtConnection#allDomainStats()}), the listing for the UUIDs, each running domain's definition and live
 * pins, then the host's files: each QEMU process ({@link QemuProcessFinder}) with its memory per node and vCPU
 * threads, each CPU's busy time and the huge page pools. Without host files (a remote connection) the process
 * and host parts are empty and the libvirt part is still there.
 *
 * <p>One collection at a time: {@link #collect()} is synchronized (it keeps which process belongs to which domain
 * between calls).
 */
public final class MonitorCollector {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorCollector.class);
    private final VirtConnection connection;
    private final Optional<Sysfs> host;
    private final InstantSource clock;
    private final Optional<QemuProcessFinder> processes;

    private MonitorCollector(VirtConnection connection, Optional<Sysfs> host, InstantSource clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.host = Objects.requireNonNull(host, "host");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.processes = host.map(QemuProcessFinder::new);
    }

    /**
     * A collector for a connection and the kernel files of its host ({@code /proc} and {@code /sys}; empty for a
     * host out of reach), timed by the connection's clock if it gives one (the fake's) or the system's.
     */
    public static MonitorCollector of(VirtConnection connection, Optional<Sysfs> host) {
        return new MonitorCollector(connection, host,
                connection.capability(InstantSource.class).orElse(InstantSource.system()));
    }

    /**
     * One sample of every running domain and the host. A connection lost since the last sample (libvirtd
     * restarted) is reconnected once and the collection retried, so a long-running exporter outlives a restart.
     *
     * @throws ConnectionLostException when the hypervisor still cannot be reached
     */
    public synchronized MonitorSample collect() {
        try {
            return collectOnce();
        } catch (ConnectionLostException e) {
            LOG.info("connection to {} lost ({}): reconnecting", connection.uri(), e.getMessage());
            connection.reconnect();
            return collectOnce();
        }
    }

    private MonitorSample collectOnce() {
        Instant at = clock.instant();
        List<DomainStats> stats = connection.allDomainStats();
        Map<String, UUID> uuids = connection.domains().stream()
                .collect(Collectors.toMap(DomainSummary::name, DomainSummary::uuid, (a, b) -> a));
        Map<UUID, DomainStats> running = new HashMap<>();
        for (DomainStats s : stats) {
            UUID uuid = uuids.get(s.domain());
            if (s.state().isActive() && uuid != null) {
                running.put(uuid, s);
            }
        }
        Map<UUID, Integer> pids = processes.map(p -> p.find(running.keySet())).orElse(Map.of());
        List<DomainSample> domains = new ArrayList<>();
        for (DomainStats s : stats) {
            UUID uuid = uuids.get(s.domain());
            if (uuid != null && running.containsKey(uuid)) {
                sample(uuid, s, Optional.ofNullable(pids.get(uuid))).ifPresent(domains::add);
            }
        }
        return new MonitorSample(at, domains, host.map(MonitorCollector::hostSample).orElse(HostSample.unknown()));
    }

    private Optional<DomainSample> sample(UUID uuid, DomainStats stats, Optional<Integer> pid) {
        Optional<VirtDomain> found = connection.lookup(uuid);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try {
            VirtDomain domain = found.get();
            Optional<ProcessFacts> facts = pid.flatMap(p -> host.flatMap(h -> ProcessReader.read(h, p)));
            return Optional.of(new DomainSample(uuid, stats, domain.definition(), domain.vcpuPins(), facts));
        } catch (NotFoundException | InvalidStateException e) {
            LOG.debug("domain {} went away during the scrape: {}", stats.domain(), e.getMessage());
            return Optional.empty();
        }
    }

    private static HostSample hostSample(Sysfs sysfs) {
        Map<Integer, HostCpuTime> cpus;
        try {
            cpus = HostCpuTime.parseAll(sysfs.read(ProcFiles.STAT));
        } catch (SysfsReadException e) {
            LOG.debug("no {}: {}", ProcFiles.STAT, e.getMessage());
            cpus = Map.of();
        }
        List<HugePagePoolStatus> pools = new HugePages(sysfs).pools();
        return new HostSample(cpus, pools);
    }
}
