package io.virtforge.benchmarks;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.DomainSummary;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtConnections;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeQemuProcesses;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.monitor.DriftAudit;
import io.virtforge.monitor.DriftThresholds;
import io.virtforge.monitor.MonitorCollector;
import io.virtforge.monitor.MonitorScraper;
import io.virtforge.monitor.Scrape;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One scrape of the monitor ([monitor] issue) over a fake {@code xeon-2s} host running {@code domains} domains, each
 * with a fake QEMU process in the fake kernel's {@code /proc} (2 vCPUs, each pinned to one host CPU). Sampled
 * ({@code Mode.SampleTime}): JMH reports the mean with its error and p50/p99/p99.9.
 *
 * <ul>
 *   <li>{@code scrape}: {@link MonitorScraper#scrape()}: the bulk statistics, each running domain's definition and
 *       live pins, the {@code /proc} files, the drift audit against the previous scrape and the metric list;</li>
 *   <li>{@code bulkStatistics}: only the bulk call, {@code allDomainStats()};</li>
 *   <li>{@code perDomainCalls}: the other exporters' way, as a peer in the same run: for each domain a lookup and
 *       one call each for CPU time, vCPUs and memory.</li>
 * </ul>
 * The fake answers in-process, so these figures are the SDK's own cost; against a real libvirtd ({@code -p uri=...},
 * the domains that run there) every per-domain call adds a round trip on the socket.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MonitorScrapeBenchmark {

    /**
     * The host: by default the fake one with its running domains and their processes; with {@code -p uri=URI} a real
     * libvirtd on this machine, with whatever runs there, and this machine's {@code /proc}.
     */
    @State(Scope.Benchmark)
    public static class Host {
        @Param({"200"})
        public int domains;
        @Param({""})
        public String uri;
        VirtConnection connection;
        Optional<FakeVirtConnection> fake = Optional.empty();
        MonitorScraper scraper;

        @Setup(Level.Trial)
        public void start() {
            if (!uri.isEmpty()) {
                connection = VirtConnections.open(uri);
                scraper = new MonitorScraper(MonitorCollector.of(connection, Optional.of(new RealSysfs())),
                        new DriftAudit(DriftThresholds.DEFAULTS));
                scraper.scrape();
                return;
            }
            FakeVirtConnection xeon = Fixtures.get(Fixtures.XEON_2S).connect();
            fake = Optional.of(xeon);
            connection = xeon;
            for (int i = 0; i < domains; i++) {
                int cpu = (2 * i) % 64;
                VirtDomain vm = xeon.define(DomainBuilder.named("vm-" + i).memory(DataSize.mib(256)).vcpus(2)
                        .pinVcpu(0, CpuSet.of(cpu)).pinVcpu(1, CpuSet.of(cpu + 1)).build());
                vm.start();
            }
            FakeQemuProcesses processes = new FakeQemuProcesses(xeon.sysfs().orElseThrow());
            processes.sync(xeon);
            for (int cpu = 0; cpu < 64; cpu++) {
                processes.advanceHostCpu(cpu, 1_000_000_000L);
            }
            scraper = new MonitorScraper(MonitorCollector.of(xeon, xeon.capability(Sysfs.class)),
                    new DriftAudit(DriftThresholds.DEFAULTS));
            scraper.scrape();
        }

        @TearDown(Level.Trial)
        public void stop() {
            connection.close();
        }
    }

    @Benchmark
    public Scrape scrape(Host host) {
        host.fake.ifPresent(f -> f.clock().advance(Duration.ofSeconds(15))); // a scrape interval for the rates
        return host.scraper.scrape();
    }

    @Benchmark
    public Object bulkStatistics(Host host) {
        return host.connection.allDomainStats();
    }

    @Benchmark
    public void perDomainCalls(Host host, Blackhole bh) {
        for (DomainSummary s : host.connection.domains()) {
            if (!s.state().isActive()) {
                continue;
            }
            VirtDomain d = host.connection.lookup(s.uuid()).orElseThrow();
            bh.consume(d.cpuTime());
            bh.consume(d.vcpus());
            bh.consume(d.memoryStats());
        }
    }
}
