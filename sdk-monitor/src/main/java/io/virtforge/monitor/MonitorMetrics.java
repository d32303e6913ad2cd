package io.virtforge.monitor;

import io.virtforge.connect.BlockStats;
import io.virtforge.connect.DomainStats;
import io.virtforge.connect.InterfaceStats;
import io.virtforge.host.hugepages.HugePagePoolStatus;
import io.virtforge.monitor.MetricFamily.Type;
import io.virtforge.value.CpuSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monitor's metrics from one sample and its drift findings: the one place their names, help texts and labels
 * are written. Labels are bounded by what runs: {@code domain} (running domains only), {@code vcpu}, {@code device}
 * (a domain's disks and NICs), {@code node}, {@code cpu} (host CPUs dedicated to one vCPU only), {@code page_size}
 * and {@code code} (the five {@link DriftCode}s); a stopped domain's series are gone from the next scrape.
 */
public final class MonitorMetrics {
    private static final double NANOS = 1e9;
    private final Map<String, Family> families = new LinkedHashMap<>();

    private MonitorMetrics() {
    }

    /** The metrics of a sample and the findings about it. */
    public static List<MetricFamily> of(MonitorSample sample, List<DriftFinding> findings) {
        MonitorMetrics m = new MonitorMetrics();
        m.gauge("virtforge_domains_running", "Running domains", "").add(Map.of(), sample.domains().size());
        for (DomainSample d : sample.domains()) {
            m.domain(d);
        }
        m.host(sample);
        m.findings(sample, findings);
        return m.families.values().stream().filter(f -> !f.points.isEmpty())
                .map(f -> new MetricFamily(f.name, f.help, f.type, f.unit, f.points)).toList();
    }

    private void domain(DomainSample d) {
        Map<String, String> dom = Map.of("domain", d.name());
        DomainStats s = d.stats();
        counter("virtforge_domain_cpu_seconds", "CPU time the domain used (libvirt cpu.time)", "seconds")
                .add(dom, s.cpuTime() / NANOS);
        for (Map.Entry<String, Object> e : s.raw().entrySet()) {
            String key = e.getKey();
            if (key.startsWith("vcpu.") && key.endsWith(".time") && e.getValue() instanceof Number n) {
                counter("virtforge_domain_vcpu_seconds", "CPU time of one vCPU (libvirt vcpu.N.time)", "seconds")
                        .add(with(dom, "vcpu", key.substring(5, key.length() - 5)), n.doubleValue() / NANOS);
            }
        }
        kib(s, "balloon.current").ifPresent(v -> gauge("virtforge_domain_memory_current_bytes",
                "Memory the guest has now (libvirt balloon.current)", "bytes").add(dom, v));
        kib(s, "balloon.maximum").ifPresent(v -> gauge("virtforge_domain_memory_maximum_bytes",
                "Memory the guest may have (libvirt balloon.maximum)", "bytes").add(dom, v));
        for (BlockStats b : s.blocks()) {
            Map<String, String> dev = with(dom, "device", b.device());
            counter("virtforge_domain_block_read_bytes", "Bytes read by a disk", "bytes").add(dev, b.readBytes());
            counter("virtforge_domain_block_written_bytes", "Bytes written by a disk", "bytes").add(dev, b.writeBytes());
            counter("virtforge_domain_block_read_requests", "Read requests of a disk", "").add(dev, b.readRequests());
            counter("virtforge_domain_block_write_requests", "Write requests of a disk", "").add(dev, b.writeRequests());
        }
        for (InterfaceStats n : s.interfaces()) {
            Map<String, String> dev = with(dom, "device", n.device());
            counter("virtforge_domain_network_receive_bytes", "Bytes a NIC received", "bytes").add(dev, n.rxBytes());
            counter("virtforge_domain_network_transmit_bytes", "Bytes a NIC sent", "bytes").add(dev, n.txBytes());
            counter("virtforge_domain_network_receive_packets", "Packets a NIC received", "").add(dev, n.rxPackets());
            counter("virtforge_domain_network_transmit_packets", "Packets a NIC sent", "").add(dev, n.txPackets());
        }
        d.process().ifPresent(p -> {
            p.memory().bytesPerNode().forEach((node, bytes) -> gauge("virtforge_domain_memory_node_bytes",
                    "Resident memory of the QEMU process on a host NUMA node (numa_maps)", "bytes")
                    .add(with(dom, "node", node.toString()), bytes));
            p.memory().hugeBytesPerNode().forEach((node, bytes) -> gauge("virtforge_domain_memory_hugepages_node_bytes",
                    "Resident huge-page memory of the QEMU process on a host NUMA node (numa_maps)", "bytes")
                    .add(with(dom, "node", node.toString()), bytes));
            for (VcpuThread t : p.vcpus()) {
                Map<String, String> vcpu = with(dom, "vcpu", Integer.toString(t.vcpu()));
                counter("virtforge_domain_vcpu_wait_seconds",
                        "Time a vCPU thread waited for a host CPU: the guest's steal (schedstat)", "seconds")
                        .add(vcpu, t.schedstat().waitNanos() / NANOS);
                counter("virtforge_domain_vcpu_host_run_seconds", "Time a vCPU thread ran on a host CPU (schedstat)",
                        "seconds").add(vcpu, t.schedstat().runNanos() / NANOS);
            }
        });
    }

    private void host(MonitorSample sample) {
        Map<Integer, Integer> pinned = new LinkedHashMap<>();
        for (DomainSample d : sample.domains()) {
            for (CpuSet pin : d.livePins().values()) {
                pin.stream().forEach(cpu -> pinned.merge(cpu, 1, Integer::sum));
            }
        }
        pinned.forEach((cpu, vcpus) -> {
            HostCpuTime time = sample.host().cpus().get(cpu);
            if (vcpus == 1 && time != null) {
                counter("virtforge_host_dedicated_cpu_busy_seconds",
                        "Busy time of a host CPU that one vCPU is pinned to (/proc/stat)", "seconds")
                        .add(Map.of("cpu", cpu.toString()), time.busyNanos() / NANOS);
            }
        });
        boolean perNode = sample.host().pools().stream().anyMatch(p -> p.pool().node().isPresent());
        for (HugePagePoolStatus p : sample.host().pools()) {
            if (p.pool().node().isPresent() || !perNode) {
                Map<String, String> pool = Map.of("node", Integer.toString(p.pool().node().orElse(0)),
                        "page_size", Long.toString(p.pool().size().bytes()));
                gauge("virtforge_host_hugepages", "Huge pages in a node's pool", "").add(pool, p.total());
                gauge("virtforge_host_hugepages_free", "Free huge pages in a node's pool", "").add(pool, p.free());
            }
        }
    }

    private void findings(MonitorSample sample, List<DriftFinding> findings) {
        Family family = gauge("virtforge_drift_findings",
                "Tuning-drift findings of a running domain, by code (0 while the tuning holds)", "");
        for (DomainSample d : sample.domains()) {
            Map<DriftCode, Integer> counts = new EnumMap<>(DriftCode.class);
            for (DriftCode code : DriftCode.values()) {
                counts.put(code, 0);
            }
            findings.stream().filter(f -> f.domain().equals(d.name())).forEach(f -> counts.merge(f.code(), 1, Integer::sum));
            counts.forEach((code, n) -> family.add(Map.of("domain", d.name(), "code", code.name()), n));
        }
    }

    private static Optional<Double> kib(DomainStats s, String key) {
        return s.raw().get(key) instanceof Number n ? Optional.of(n.doubleValue() * 1024) : Optional.empty();
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(labels);
        m.put(name, value);
        return m;
    }

    private Family counter(String name, String help, String unit) {
        return family(name, help, Type.COUNTER, unit);
    }

    private Family gauge(String name, String help, String unit) {
        return family(name, help, Type.GAUGE, unit);
    }

    private Family family(String name, String help, Type type, String unit) {
        return families.computeIfAbsent(name, n -> new Family(n, help, type, unit.isEmpty() ? Optional.empty() : Optional.of(unit)));
    }

    /** A family being filled. */
    private static final class Family {
        final String name;
        final String help;
        final Type type;
        final Optional<String> unit;
        final List<MetricPoint> points = new ArrayList<>();

        Family(String name, String help, Type type, Optional<String> unit) {
            this.name = name;
            this.help = help;
            this.type = type;
            this.unit = unit;
        }

        void add(Map<String, String> labels, double value) {
            points.add(new MetricPoint(labels, value));
        }
    }
}
