package io.virtforge.benchmarks;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Profile;
import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.MigrationOptions;
import io.virtforge.connect.MigrationProgress;
import io.virtforge.connect.VirtDomain;
import io.virtforge.libvirt.LibvirtConnection;
import io.virtforge.migrate.LiveMigration;
import io.virtforge.migrate.MigrationOutcome;
import io.virtforge.model.DomainType;
import io.virtforge.model.NumaMode;
import io.virtforge.topology.HugePagePool;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One NUMA-aware live migration of the tiny TCG test guest ([migration] issue), wall clock: {@link LiveMigration}
 * from the migratable XML read to the destination's handle (pre-checks, planning, the rewrite and libvirt's
 * {@code virDomainMigrate3} with its completed-job read), one shot per invocation, the guest moving back and forth
 * between the two private libvirt daemons ({@code scripts/private-libvirtd.sh start} and {@code start 2}) on this
 * machine. The guest: 1 vCPU pinned with its emulator, 128 MiB of 2 MiB huge pages strictly on node 0, direct
 * kernel boot of {@code /var/lib/virtforge/guest} with {@code virtforge.stay}, no disk. libvirt's own figure of the
 * guest's pause at the switch-over (the completed job's {@code downtime}) is collected per shot and printed at the
 * end of each fork (min, median, max), as it is no time JMH can measure.
 *
 * <pre>
 * java -Dvirtforge.bench.uri1=URI1 -Dvirtforge.bench.uri2=URI2 -jar benchmarks/target/benchmarks.jar MigrationBenchmark
 * </pre>
 * (JMH passes the {@code -D} options of its own JVM on to the forks.) Needs root (huge pages are raised for the
 * run through libvirt and taken back at the end).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Benchmark)
public class MigrationBenchmark {
    private static final String GUEST = System.getProperty("virtforge.guest", "/var/lib/virtforge/guest");
    private static final long PAGES = 2 * 64;

    private LibvirtConnection one;
    private LibvirtConnection two;
    private boolean onOne = true;
    private VirtDomain guest;
    private long pagesAdded;
    private Path serial;
    private final List<Long> downtimes = Collections.synchronizedList(new ArrayList<>());

    /** Opens both daemons, makes room for two copies of the guest, and starts it on the first. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        one = LibvirtConnection.open(required("virtforge.bench.uri1"));
        two = LibvirtConnection.open(required("virtforge.bench.uri2"));
        pagesAdded = Math.max(0, PAGES - one.freePages(0, PageSize.MIB_2));
        one.setPagePool(0, PageSize.MIB_2, poolTotal() + pagesAdded);
        serial = Files.createTempFile("virtforge-migration-bench", ".log");
        guest = one.define(DomainBuilder.named("bench-migrate").type(DomainType.QEMU).machine("pc")
                .directKernelBoot(GUEST + "/vmlinuz", GUEST + "/initramfs.cpio.gz", "console=ttyS0 virtforge.stay")
                .serialToFile(serial.toString()).memory(DataSize.mib(128)).hugepages(PageSize.MIB_2).vcpus(1)
                .cpu(c -> c.model("qemu64")).memoryOn(NumaMode.STRICT, NodeSet.of(0))
                .pinVcpu(0, CpuSet.of(1)).pinEmulator(CpuSet.of(1)).build(), DefineOptions.againstHost(Profile.STANDARD));
        guest.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(serial).contains("VIRTFORGE-GUEST staying")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the guest did not boot: " + Files.readString(serial));
            }
            Thread.sleep(100);
        }
    }

    /** Moves the guest to the other daemon. */
    @Benchmark
    public VirtDomain migrate() {
        LibvirtConnection from = onOne ? one : two;
        LibvirtConnection to = onOne ? two : one;
        MigrationOutcome outcome = LiveMigration.builder()
                .options(MigrationOptions.builder().migrationUri("tcp://127.0.0.1").build()).build()
                .migrate(guest, from, to);
        outcome.result().completed().flatMap(MigrationProgress::downtime).ifPresent(d -> downtimes.add(d.toMillis()));
        onOne = !onOne;
        guest = outcome.result().domain();
        return guest;
    }

    /** Removes the guest wherever it is, takes back the pages it added, prints libvirt's downtimes. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        for (LibvirtConnection c : List.of(one, two)) {
            c.lookup("bench-migrate").ifPresent(d -> {
                d.destroy();
                d.undefine();
            });
        }
        // what the run added, taken back from the pool as it is now (another program may have resized it)
        one.setPagePool(0, PageSize.MIB_2, Math.max(0, poolTotal() - pagesAdded));
        one.close();
        two.close();
        Files.deleteIfExists(serial);
        List<Long> sorted = new ArrayList<>(downtimes);
        Collections.sort(sorted);
        if (!sorted.isEmpty()) {
            System.err.println(String.format(Locale.ROOT, "libvirt's downtime over %d migrations: min %d ms, median %d "
                    + "ms, max %d ms", sorted.size(), sorted.get(0), sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() - 1)));
        }
    }

    private long poolTotal() {
        return one.topology().node(0).flatMap(n -> n.pool(PageSize.MIB_2)).map(HugePagePool::total).orElse(0L);
    }

    private static String required(String property) {
        String uri = System.getProperty(property);
        if (uri == null || uri.isBlank()) {
            throw new IllegalStateException("set -D" + property + " to a private libvirtd's URI");
        }
        return uri;
    }
}
