package io.virtforge.benchmarks;

import io.virtforge.benchmarks.jaxb.JaxbPeer;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import java.nio.file.Path;
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
 * Throughput of the domain XML codec ({@link DomainXml}) and of a JAXB peer, single thread.
 *
 * <ul>
 *   <li>{@code seed*}: {@code seed/high-perf-vm.xml}; round trip = parse + write of the string.</li>
 *   <li>{@code corpusRoundTrip}: one op = parse + write of one document, cycling through every document
 *       of {@code files} that parses (so ops/s = documents/s). {@code -p files=DIR|GLOB|FILE}.</li>
 *   <li>{@code jaxb*}: the same seed through a quick Jakarta XML Binding model of its shape, with
 *       {@code @XmlAnyElement}/{@code @XmlAnyAttribute} on every class ({@code Any}) and without
 *       ({@code Plain}); round trip = unmarshal + marshal to a string. Unmarshaller and marshaller are
 *       created once per thread and reused (see {@link JaxbPeer}).</li>
 *   <li>{@code jaxb*CorpusRoundTrip}: the JAXB peer over the same documents as {@code corpusRoundTrip};
 *       what the quick model does not name is kept as DOM ({@code Any}) or dropped ({@code Plain}).</li>
 * </ul>
 *
 * Every benchmark returns its result, so JMH's blackhole consumes it. Defaults below match the
 * README's command; override on the command line ({@code -f -wi -i -w -r -bm -tu}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DomainXmlBenchmark {
    private static final DomainXml CODEC = DomainXml.defaults();

    /** The seed document, as text and parsed. */
    @State(Scope.Thread)
    public static class Seed {
        String xml;
        Domain domain;

        @Setup(Level.Trial)
        public void setUp() {
            xml = BenchCorpus.seed();
            domain = CODEC.parse(xml);
            int pins = domain.cputune().map(t -> t.vcpuPins().size()).orElse(0);
            if (!"high-perf-vm".equals(domain.name()) || domain.vcpuCount() != 8 || pins != 8) {
                throw new IllegalStateException("codec lost the seed's key values: name=" + domain.name()
                        + " vcpu=" + domain.vcpuCount() + " vcpupins=" + pins);
            }
            String written = CODEC.write(domain);
            System.out.println("[seed] " + BenchCorpus.resolve(BenchCorpus.SEED) + ": " + xml.length()
                    + " chars; codec: name=" + domain.name() + " vcpu=" + domain.vcpuCount() + " vcpupins=" + pins
                    + "; write(parse(seed)) " + (written.equals(xml) ? "is byte-identical to the input"
                    : "differs from the input (" + written.length() + " chars)"));
        }
    }

    /** Documents to cycle through: one op takes the next. */
    abstract static class Cycle {
        String[] docs;
        int next;

        /** The next document of the cycle. */
        final String next() {
            String xml = docs[next];
            if (++next == docs.length) {
                next = 0;
            }
            return xml;
        }
    }

    /** The documents of {@code corpusRoundTrip}. */
    @State(Scope.Thread)
    public static class Docs extends Cycle {
        /** A directory (its *.xml), a glob, or one file; relative paths are tried against the corpus root. */
        @Param({BenchCorpus.QEMUXML2ARGV})
        public String files;

        @Setup(Level.Trial)
        public void setUp() {
            docs = usableDocuments(files);
        }
    }

    /** The documents of {@code files} the codec parses and writes; prints how many were used. */
    static String[] usableDocuments(String files) {
        List<Path> paths = BenchCorpus.files(files);
        List<String> usable = new ArrayList<>(paths.size());
        Map<String, Integer> skipped = new TreeMap<>();
        long chars = 0;
        for (Path p : paths) {
            try {
                String xml = readRoundTripping(p);
                usable.add(xml);
                chars += xml.length();
            } catch (RuntimeException e) {
                skipped.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalStateException("no usable document in " + files + " (" + paths.size() + " files, skipped " + skipped + ")");
        }
        System.out.println("[corpus] " + files + ": using " + usable.size() + " of " + paths.size()
                + " documents (" + (paths.size() - usable.size()) + " skipped, not parseable: " + skipped
                + "); mean " + chars / usable.size() + " chars per document");
        return usable.toArray(new String[0]);
    }

    /** The document's text when the codec reads it and writes it back; else the read's or the codec's exception. */
    static String readRoundTripping(Path p) {
        String xml = BenchCorpus.read(p);
        CODEC.write(CODEC.parse(xml));
        return xml;
    }

    /** One JAXB session per variant for this thread; checked once against the seed's key values. */
    @State(Scope.Thread)
    public static class Jaxb {
        String xml;
        JaxbPeer.Session any;
        JaxbPeer.Session plain;

        @Setup(Level.Trial)
        public void setUp() {
            xml = BenchCorpus.seed();
            for (JaxbPeer.Variant v : JaxbPeer.Variant.values()) {
                System.out.println("[jaxb] " + JaxbPeer.check(v, xml, "high-perf-vm", 8, 8));
            }
            any = JaxbPeer.Variant.ANY.session();
            plain = JaxbPeer.Variant.PLAIN.session();
        }
    }

    /**
     * The JAXB sessions for the corpus benchmarks. The quick model names only the seed's shape, so most
     * of a libvirt test document is unknown to it: the any variant keeps it as W3C DOM elements (the
     * cost the issue measured), the plain variant drops it.
     */
    @State(Scope.Thread)
    public static class JaxbDocs extends Cycle {
        /** The same parameter as {@link Docs#files}: the same documents (those the codec accepts). */
        @Param({BenchCorpus.QEMUXML2ARGV})
        public String files;

        JaxbPeer.Session any;
        JaxbPeer.Session plain;

        @Setup(Level.Trial)
        public void setUp() {
            docs = usableDocuments(files);
            any = JaxbPeer.Variant.ANY.session();
            plain = JaxbPeer.Variant.PLAIN.session();
            long elements = 0;
            long attributes = 0;
            for (String xml : docs) {
                long[] kept = JaxbPeer.keptByAny(any.unmarshal(xml));
                elements += kept[0];
                attributes += kept[1];
                plain.marshal(plain.unmarshal(xml));
            }
            System.out.printf("[jaxb corpus] all %d documents unmarshal with both variants; the any variant keeps "
                    + "%.1f elements (DOM subtrees) and %.1f attributes per document in its catch-alls%n",
                    docs.length, (double) elements / docs.length, (double) attributes / docs.length);
        }
    }

    @Benchmark
    public String seedRoundTrip(Seed s) {
        return CODEC.write(CODEC.parse(s.xml));
    }

    @Benchmark
    public Domain seedParse(Seed s) {
        return CODEC.parse(s.xml);
    }

    @Benchmark
    public String seedWrite(Seed s) {
        return CODEC.write(s.domain);
    }

    @Benchmark
    public String corpusRoundTrip(Docs d) {
        return CODEC.write(CODEC.parse(d.next()));
    }

    @Benchmark
    public String jaxbAnyCorpusRoundTrip(JaxbDocs j) {
        return j.any.marshal(j.any.unmarshal(j.next()));
    }

    @Benchmark
    public String jaxbPlainCorpusRoundTrip(JaxbDocs j) {
        return j.plain.marshal(j.plain.unmarshal(j.next()));
    }

    @Benchmark
    public Object jaxbAnyUnmarshal(Jaxb j) {
        return j.any.unmarshal(j.xml);
    }

    @Benchmark
    public String jaxbAnyRoundTrip(Jaxb j) {
        return j.any.marshal(j.any.unmarshal(j.xml));
    }

    @Benchmark
    public Object jaxbPlainUnmarshal(Jaxb j) {
        return j.plain.unmarshal(j.xml);
    }

    @Benchmark
    public String jaxbPlainRoundTrip(Jaxb j) {
        return j.plain.marshal(j.plain.unmarshal(j.xml));
    }
}
