package io.virtforge.benchmarks;

import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.topology.HostTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Host discovery from a directory tree ([host] issue): the synthetic 8-node (2 sockets x 4), 448-CPU host
 * with 2,000 PCI functions ({@link SysfsOps#SHAPE}), written once per trial into a temporary directory
 * (under {@code java.io.tmpdir}, or {@code -Dvirtforge.sysfsDir=DIR}) and deleted after.
 * Target: under 50 ms.
 *
 * <ul>
 *   <li>{@code discover}: {@code HostDiscovery.topologyOf(new RealSysfs(root))}.</li>
 *   <li>{@code floorSequential}: the same file operations discovery does (recorded once in setup:
 *       reads, listings, readlinks, exists/isDirectory), replayed one after the other with the plainest
 *       calls and nothing else (reads through {@code SmallFileReader}, as {@code RealSysfs} reads): the
 *       I/O floor for one thread.</li>
 *   <li>{@code floorParallel}: the same, in a parallel stream (the common pool plus the caller, which is
 *       what discovery uses for the PCI functions).</li>
 * </ul>
 * The C and Python floors over the same operations are in {@code benchmarks/floor/}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class HostDiscoveryBenchmark {

    /** The tree and the operations discovery does on it. */
    @State(Scope.Benchmark)
    public static class Tree {
        Path root;
        SysfsOps.Op[] ops;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            String dir = System.getProperty("virtforge.sysfsDir");
            root = dir == null ? Files.createTempDirectory("vf-sysfs") : Files.createTempDirectory(Path.of(dir), "vf-sysfs");
            SysfsOps.ensureTree(root);
            HostTopology host = HostDiscovery.topologyOf(new RealSysfs(root));
            if (host.cpus().size() != SysfsOps.SHAPE.cpus() || host.pciDevices().size() != SysfsOps.SHAPE.pciFunctions()
                    || host.nodes().size() != SysfsOps.SHAPE.nodes()) {
                throw new IllegalStateException("discovery read " + host.nodes().size() + " nodes, " + host.cpus().size()
                        + " CPUs, " + host.pciDevices().size() + " PCI functions");
            }
            List<SysfsOps.Op> recorded = SysfsOps.record(root);
            ops = recorded.toArray(new SysfsOps.Op[0]);
            System.out.println("[discovery] " + host.nodes().size() + " nodes, " + host.cpus().size() + " CPUs, "
                    + host.pciDevices().size() + " PCI functions; " + ops.length + " file operations "
                    + SysfsOps.counts(recorded) + "; common pool parallelism "
                    + java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                SysfsOps.delete(root);
            } catch (UncheckedIOException e) {
                System.out.println("[discovery] could not delete " + root + ": " + e.getMessage());
            }
        }
    }

    @Benchmark
    public HostTopology discover(Tree t) {
        return HostDiscovery.topologyOf(new RealSysfs(t.root));
    }

    @Benchmark
    public long floorSequential(Tree t) {
        return SysfsOps.replay(t.ops);
    }

    @Benchmark
    public long floorParallel(Tree t) {
        return SysfsOps.replayParallel(t.ops);
    }
}
