package io.virtforge.benchmarks;

import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.discovery.SyntheticSysfsTree;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.SmallFileReader;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.topology.HostTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The file operations {@link HostDiscovery} performs, recorded once, and their replay with nothing else
 * around them: the I/O floor of discovery. {@link #record} runs discovery over a {@link Sysfs} that logs
 * every call (reads that fail with ENOENT included: they cost an {@code open()} all the same) before
 * passing it to {@link RealSysfs}; {@link #replay} does the same operations on the same files with the
 * plainest calls (reads as {@link RealSysfs} reads, {@link SmallFileReader}: {@code open}, {@code read} until
 * the end, {@code close}, into a reused buffer; {@code File.list}, {@code Files.readSymbolicLink},
 * {@code Files.exists}/{@code isDirectory}), no parsing, no model.
 *
 * <p>{@link #main} writes the operations as text ({@code KIND<TAB>absolute path} per line, kinds
 * {@code read list readlink exists isdir}) for the C and Python floors in {@code benchmarks/floor/}:
 * {@code java -cp benchmarks.jar io.virtforge.benchmarks.SysfsOps ROOT OPS.txt} (writes the synthetic
 * 8-node, 448-CPU, 2,000-function tree into ROOT first when ROOT has no {@code sys} folder).
 */
public final class SysfsOps {
    /** The host the discovery benchmark reads ([host] issue): 2 sockets x 4 nodes x 28 cores x 2 threads, 2,000 PCI functions. */
    public static final SyntheticSysfsTree.Shape SHAPE = new SyntheticSysfsTree.Shape(2, 4, 28, 2, 2000);

    /** An operation kind. */
    public enum Kind { READ, LIST, READLINK, EXISTS, ISDIR }

    /** One operation on one file (absolute path on this machine). */
    public record Op(Kind kind, Path file) {
    }

    private SysfsOps() {
    }

    /** Writes the synthetic tree into {@code root} unless it already holds one. */
    public static void ensureTree(Path root) {
        if (!Files.isDirectory(root.resolve("sys"))) {
            long start = System.nanoTime();
            SyntheticSysfsTree.write(root, SHAPE);
            System.out.printf("[sysfs tree] %s written into %s in %d ms%n", SHAPE, root,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Runs discovery once over {@code root}, logging its operations (in an order; discovery reads devices in parallel). */
    public static List<Op> record(Path root) {
        RealSysfs real = new RealSysfs(root);
        List<Op> ops = Collections.synchronizedList(new ArrayList<>());
        Sysfs logging = new Sysfs() {
            @Override
            public String read(SysfsPath path) {
                ops.add(new Op(Kind.READ, real.fileOf(path)));
                return real.read(path);
            }

            @Override
            public void write(SysfsPath path, String value) {
                throw new UnsupportedOperationException("discovery does not write");
            }

            @Override
            public List<String> list(SysfsPath directory) {
                ops.add(new Op(Kind.LIST, real.fileOf(directory)));
                return real.list(directory);
            }

            @Override
            public String readLink(SysfsPath link) {
                ops.add(new Op(Kind.READLINK, real.fileOf(link)));
                return real.readLink(link);
            }

            @Override
            public boolean exists(SysfsPath path) {
                ops.add(new Op(Kind.EXISTS, real.fileOf(path)));
                return real.exists(path);
            }

            @Override
            public boolean isDirectory(SysfsPath path) {
                ops.add(new Op(Kind.ISDIR, real.fileOf(path)));
                return real.isDirectory(path);
            }
        };
        HostTopology host = HostDiscovery.topologyOf(logging);
        if (host.pciDevices().size() != SHAPE.pciFunctions() && root.toString().contains("vf-sysfs")) {
            throw new IllegalStateException("discovery found " + host.pciDevices().size() + " PCI functions");
        }
        return new ArrayList<>(ops);
    }

    /** Operations per kind. */
    public static Map<Kind, Integer> counts(List<Op> ops) {
        Map<Kind, Integer> m = new EnumMap<>(Kind.class);
        for (Op op : ops) {
            m.merge(op.kind(), 1, Integer::sum);
        }
        return m;
    }

    /** Does one operation; returns a number that depends on its result (for a blackhole). */
    static long replay(Op op) {
        try {
            switch (op.kind()) {
                case READ -> {
                    return SmallFileReader.readLength(op.file()); // the way RealSysfs reads: open, read, read, close
                }
                case LIST -> {
                    String[] names = op.file().toFile().list(); // one native call per folder, no Path per entry
                    if (names == null) {
                        throw new IOException("cannot list " + op.file());
                    }
                    long n = 0;
                    for (String name : names) {
                        n += name.length();
                    }
                    return n;
                }
                case READLINK -> {
                    return Files.readSymbolicLink(op.file()).toString().length();
                }
                case EXISTS -> {
                    return Files.exists(op.file()) ? 1 : 0;
                }
                default -> {
                    return Files.isDirectory(op.file()) ? 1 : 0;
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return -1; // as discovery's readTrimmedIfExists of a file the tree lacks
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All operations, one after the other. */
    public static long replay(Op[] ops) {
        long sum = 0;
        for (Op op : ops) {
            sum += replay(op);
        }
        return sum;
    }

    /** All operations in a parallel stream (the common pool plus the caller, as discovery reads PCI devices). */
    public static long replayParallel(Op[] ops) {
        return IntStream.range(0, ops.length).parallel().mapToLong(i -> replay(ops[i])).sum();
    }

    /** Deletes a tree (links are removed, not followed). */
    public static void delete(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the operation list for the C and Python floors. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SysfsOps ROOT OPS.txt");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath();
        ensureTree(root);
        List<Op> ops = record(root);
        StringBuilder b = new StringBuilder();
        for (Op op : ops) {
            b.append(op.kind().name().toLowerCase(java.util.Locale.ROOT)).append('\t').append(op.file()).append('\n');
        }
        Files.writeString(Path.of(args[1]), b.toString(), StandardCharsets.UTF_8);
        System.out.println("[sysfs ops] " + ops.size() + " operations " + counts(ops) + " -> " + args[1]);
    }
}
