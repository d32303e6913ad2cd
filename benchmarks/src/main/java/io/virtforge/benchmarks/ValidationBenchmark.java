package io.virtforge.benchmarks;

import io.virtforge.check.Finding;
import io.virtforge.check.Report;
import io.virtforge.check.Validator;
import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.model.DomainXml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The validator and the host state it reads ([builder] issue), single thread, average time per op.
 *
 * <ul>
 *   <li>{@code validateSeed}: {@code Validator.<profile>.validate(seed, state)}: the seed's high-perf-vm
 *       (parsed once) against an 8-node, 256-CPU host ({@link BenchHosts#VALIDATION_HOST}: 2 sockets x 4 nodes
 *       x 16 cores x 2 threads, 2 MiB page pools) holding 100 pinned domains ({@link BenchHosts#hundredDomains}).
 *       {@code -p profile=LATENCY_SENSITIVE,STANDARD}. Target: under 20 µs.</li>
 *   <li>{@code hostStateFromXml}: parse the 100 domains' XML (written once by the codec) and
 *       {@code HostState.of(topology, domains)}. Target: under 5 ms.</li>
 *   <li>{@code hostStateFromModels}: {@code HostState.of} alone over the 100 parsed domains (the part of
 *       the above that is not XML parsing).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ValidationBenchmark {
    private static final DomainXml CODEC = DomainXml.defaults();

    /** The seed, the host with its 100 domains, the validator. */
    @State(Scope.Thread)
    public static class Seed {
        /** LATENCY_SENSITIVE or STANDARD. */
        @Param({"LATENCY_SENSITIVE", "STANDARD"})
        public String profile;

        Domain seed;
        HostState state;
        Validator validator;

        @Setup(Level.Trial)
        public void setUp() {
            seed = CODEC.parse(BenchCorpus.seed());
            state = BenchHosts.validationState();
            validator = switch (profile) {
                case "LATENCY_SENSITIVE" -> Validator.latencySensitive();
                case "STANDARD" -> Validator.standard();
                default -> throw new IllegalArgumentException("profile " + profile);
            };
            Report r = validator.validate(seed, state);
            Map<String, Integer> codes = new TreeMap<>();
            for (Finding f : r.findings()) {
                codes.merge(f.severity() + " " + f.code(), 1, Integer::sum);
            }
            System.out.println("[validation] host " + BenchHosts.VALIDATION_HOST + " (" + state.topology().cpus().size()
                    + " CPUs, " + state.topology().nodes().size() + " nodes), " + state.domains().size() + " domains, "
                    + state.totalVcpus() + " vCPUs, " + state.pinnedCpus().size() + " CPUs pinned; seed vs host, "
                    + profile + ": " + r.findings().size() + " findings " + codes);
        }
    }

    /** The 100 domains as XML text, and the host they sit on. */
    @State(Scope.Thread)
    public static class Xmls {
        HostTopology host;
        String[] xml;
        List<Domain> parsed;

        @Setup(Level.Trial)
        public void setUp() {
            host = BenchHosts.host(BenchHosts.VALIDATION_HOST, -1);
            List<Domain> domains = BenchHosts.hundredDomains(host);
            xml = new String[domains.size()];
            long chars = 0;
            for (int i = 0; i < xml.length; i++) {
                xml[i] = CODEC.write(domains.get(i));
                chars += xml[i].length();
            }
            parsed = new ArrayList<>();
            for (String x : xml) {
                parsed.add(CODEC.parse(x));
            }
            HostState s = HostState.of(host, parsed);
            System.out.println("[host state] " + xml.length + " domain XMLs, " + chars + " chars in all (mean "
                    + chars / xml.length + "); " + s.totalVcpus() + " vCPUs, " + s.pinnedCpus().size() + " CPUs pinned");
        }
    }

    @Benchmark
    public Report validateSeed(Seed s) {
        return s.validator.validate(s.seed, s.state);
    }

    @Benchmark
    public HostState hostStateFromXml(Xmls x) {
        List<Domain> domains = new ArrayList<>(x.xml.length);
        for (String s : x.xml) {
            domains.add(CODEC.parse(s));
        }
        return HostState.of(x.host, domains);
    }

    @Benchmark
    public HostState hostStateFromModels(Xmls x) {
        return HostState.of(x.host, x.parsed);
    }
}
