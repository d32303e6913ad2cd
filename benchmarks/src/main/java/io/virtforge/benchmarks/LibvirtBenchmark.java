package io.virtforge.benchmarks;

import io.virtforge.connect.DefineOptions;
import io.virtforge.libvirt.LibvirtConnection;
import io.virtforge.libvirt.LibvirtDomain;
import io.virtforge.libvirt.jna.NativeLibvirt;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SDK's overhead per call against raw libvirt-java on {@code test:///default} ([libvirt] issue), single
 * thread, average time per op. Target: at most 10 % over raw for the same operation. The raw and SDK
 * variants use separate states, so a raw benchmark's fork never opens an SDK connection (whose event loop
 * thread would run beside it). {@code -p doc=minimal,seed,large}: a 5-element domain, the seed's
 * high-perf-vm, and {@code libvirt-4.5.0/tests/qemuxml2argvdata/pci-bridge-many-disks.xml} (20 KB, 100+
 * disks), the largest corpus document {@code test:///default} accepts.
 *
 * <ul>
 *   <li>{@code rawDefineUndefine}: {@code Connect.domainDefineXML(xml)}, {@code undefine()}, {@code free()}.</li>
 *   <li>{@code sdkDefineUndefineUnchecked}: {@code LibvirtConnection.define(model, DefineOptions.unchecked())}
 *       then {@code undefine()} on the handle (the model written to XML by the codec inside define).</li>
 *   <li>{@code sdkDefineUndefine}: the same with the default structural validation (for the seed, which it
 *       refuses, the seed with its two I/O thread errors corrected: see {@link Doc#validatedModel}).</li>
 *   <li>{@code rawDumpParse}: {@code getXMLDesc(0)} of a held {@code org.libvirt.Domain} + {@code DomainXml.parse}.</li>
 *   <li>{@code rawLookupDumpParse}: the raw calls the SDK makes for it: {@code domainLookupByUUID},
 *       {@code getXMLDesc(0)}, {@code free()}, then parse.</li>
 *   <li>{@code sdkLive}: {@code LibvirtDomain.live()} (lookup by UUID, dumpxml, free, parse).</li>
 *   <li>{@code rawDump}, {@code sdkLiveXml}: the same without the parse.</li>
 *   <li>{@code rawConnect}, {@code sdkConnect}: open and close a connection, in a JVM that has opened
 *       others before (no other connection held: the test driver builds its state each time).</li>
 *   <li>{@code rawConnectFirst}, {@code sdkConnectFirst}: the first open (and close) in a fresh JVM,
 *       class loading and native library loading included: {@code Mode.SingleShotTime}, one shot per fork;
 *       run with {@code -f 10} or more.</li>
 * </ul>
 * Setup fails with "libvirt unavailable: ..." when the C library cannot be loaded or the test driver
 * cannot be opened ({@code run-all.sh} checks first and skips this class with a message).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class LibvirtBenchmark {
    static final String URI = "test:///default";
    private static final DomainXml CODEC = DomainXml.defaults();

    /** Fails with a clear message when libvirt is absent. */
    static void requireLibvirt() {
        if (!NativeLibvirt.isAvailable()) {
            throw new IllegalStateException("libvirt unavailable: " + NativeLibvirt.unavailableReason().orElse("?"));
        }
    }

    /** The document: its text and its model. */
    @State(Scope.Thread)
    public static class Doc {
        /** minimal, seed or large. */
        @Param({"minimal", "seed", "large"})
        public String doc;

        String xml;
        Domain model;
        /** The same domain under another name and UUID, for the define benchmarks (the states hold the original). */
        String otherXml;
        Domain otherModel;
        /**
         * What {@code sdkDefineUndefine} defines: {@link #otherModel}, except for the seed, which the default
         * structural validation refuses (its I/O thread 1 is not declared, and its SCSI disk names one): there
         * the seed with {@code <iothreads>1</iothreads>} added and the disk's {@code iothread} removed.
         */
        Domain validatedModel;

        @Setup(Level.Trial)
        public void setUpDoc() {
            xml = switch (doc) {
                case "minimal" -> "<domain type='kvm'>\n  <name>bench-minimal</name>\n  <memory unit='MiB'>512</memory>\n"
                        + "  <vcpu>1</vcpu>\n  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n</domain>\n";
                case "seed" -> BenchCorpus.seed();
                case "large" -> BenchCorpus.read(BenchCorpus.resolve(
                        "libvirt-4.5.0/tests/qemuxml2argvdata/pci-bridge-many-disks.xml"));
                default -> BenchCorpus.read(BenchCorpus.resolve(doc));
            };
            model = CODEC.parse(xml);
            otherModel = io.virtforge.build.DomainBuilder.from(model).name(model.name() + "-2").uuid(UUID.randomUUID())
                    .assemble();
            otherXml = CODEC.write(otherModel);
            validatedModel = otherModel;
            if (io.virtforge.check.Validator.standard().validate(otherModel).hasErrors()) {
                String fixed = otherXml.replaceFirst("(<vcpu[^>]*>[^<]*</vcpu>)", "$1\n  <iothreads>1</iothreads>")
                        .replaceFirst("(<driver name='qemu'[^>]*?) iothread='1'", "$1");
                validatedModel = CODEC.parse(fixed);
                io.virtforge.check.Report r = io.virtforge.check.Validator.standard().validate(validatedModel);
                System.out.println("[libvirt doc] " + doc + " fails the default validation; sdkDefineUndefine defines it "
                        + "with <iothreads>1</iothreads> added and the disk's iothread removed: "
                        + (r.hasErrors() ? "still " + r.errors() : "then valid"));
            }
        }
    }

    /** A raw libvirt-java connection. */
    @State(Scope.Thread)
    public static class Raw extends Doc {
        Connect conn;
        org.libvirt.Domain held;
        UUID uuid;

        @Setup(Level.Trial)
        public void setUp() throws LibvirtException {
            requireLibvirt();
            conn = new Connect(URI);
            held = conn.domainDefineXML(xml);
            uuid = UUID.fromString(held.getUUIDString());
            String dumped = held.getXMLDesc(0);
            System.out.println("[libvirt raw] " + doc + ": " + xml.length() + " chars in, dumpxml " + dumped.length()
                    + " chars, parsed: " + CODEC.parse(dumped).name());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws LibvirtException {
            held.undefine();
            held.free();
            conn.close();
        }
    }

    /** An SDK connection. */
    @State(Scope.Thread)
    public static class Sdk extends Doc {
        LibvirtConnection conn;
        LibvirtDomain held;

        @Setup(Level.Trial)
        public void setUp() {
            requireLibvirt();
            conn = LibvirtConnection.open(URI);
            held = conn.define(model, DefineOptions.unchecked());
            System.out.println("[libvirt sdk] " + doc + ": defined " + held.name() + " (unchecked);"
                    + " live() reads " + held.liveXml().length() + " chars");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            held.undefine();
            conn.close();
        }
    }

    /** Only checks that libvirt is there (the connect benchmarks open their own). */
    @State(Scope.Thread)
    public static class Available {
        @Setup(Level.Trial)
        public void setUp() {
            requireLibvirt();
        }
    }

    @Benchmark
    public int rawDefineUndefine(Raw r) throws LibvirtException {
        org.libvirt.Domain d = r.conn.domainDefineXML(r.otherXml);
        d.undefine();
        return d.free();
    }

    @Benchmark
    public LibvirtDomain sdkDefineUndefineUnchecked(Sdk s) {
        LibvirtDomain d = s.conn.define(s.otherModel, DefineOptions.unchecked());
        d.undefine();
        return d;
    }

    @Benchmark
    public LibvirtDomain sdkDefineUndefine(Sdk s) {
        LibvirtDomain d = s.conn.define(s.validatedModel);
        d.undefine();
        return d;
    }

    @Benchmark
    public Domain rawDumpParse(Raw r) throws LibvirtException {
        return CODEC.parse(r.held.getXMLDesc(0));
    }

    @Benchmark
    public Domain rawLookupDumpParse(Raw r) throws LibvirtException {
        org.libvirt.Domain d = r.conn.domainLookupByUUID(r.uuid);
        try {
            return CODEC.parse(d.getXMLDesc(0));
        } finally {
            d.free();
        }
    }

    @Benchmark
    public Domain sdkLive(Sdk s) {
        return s.held.live();
    }

    @Benchmark
    public String rawDump(Raw r) throws LibvirtException {
        return r.held.getXMLDesc(0);
    }

    @Benchmark
    public String sdkLiveXml(Sdk s) {
        return s.held.liveXml();
    }

    @Benchmark
    public int rawConnect(Available a) throws LibvirtException {
        Connect c = new Connect(URI);
        return c.close();
    }

    @Benchmark
    public int sdkConnect(Available a) {
        LibvirtConnection c = LibvirtConnection.open(URI);
        c.close();
        return c.referencesLeftAtClose();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(10)
    public int rawConnectFirst() throws LibvirtException {
        Connect c = new Connect(URI);
        return c.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(10)
    public int sdkConnectFirst() {
        LibvirtConnection c = LibvirtConnection.open(URI);
        c.close();
        return c.referencesLeftAtClose();
    }
}
