package io.virtforge.benchmarks;

import io.virtforge.connect.DefineOptions;
import io.virtforge.libvirt.LibvirtConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * A paired companion to {@link LibvirtBenchmark}'s define + undefine benchmarks. JMH runs raw and SDK in
 * separate forks, and on this VM the test driver's define + undefine is bimodal <em>between JVMs</em>
 * (whole forks of the raw variant land at 3.0 or 5.5 ms for the large document), which swamps a 10 %
 * question. Here one JVM holds a raw libvirt-java connection and an SDK connection to the same
 * {@code test:///default} side by side (so both run with the SDK's event loop thread present) and
 * alternates short rounds of each variant, rotating their order; the answer is the median over rounds of
 * each round's SDK / raw ratio, which a slow phase of the JVM or the machine moves for both variants alike.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.virtforge.benchmarks.LibvirtPaired
 * [-w WARMUP_ROUNDS] [-i ROUNDS] [-t ROUND_MS] [DOC ...]}; defaults {@code -w 20 -i 40 -t 200}, documents
 * {@code minimal seed large} (as {@code -p doc=} of {@link LibvirtBenchmark}).
 */
public final class LibvirtPaired {
    /** The last result, so nothing is dead code. */
    static volatile Object sink;

    private LibvirtPaired() {
    }

    /** One define + undefine. */
    @FunctionalInterface
    interface Op {
        Object run() throws LibvirtException;
    }

    public static void main(String[] args) throws LibvirtException {
        int warmupRounds = 20;
        int rounds = 40;
        long roundMillis = 200;
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-w" -> warmupRounds = Integer.parseInt(args[++i]);
                case "-i" -> rounds = Integer.parseInt(args[++i]);
                case "-t" -> roundMillis = Long.parseLong(args[++i]);
                default -> docs.add(args[i]);
            }
        }
        if (docs.isEmpty()) {
            docs = List.of("minimal", "seed", "large");
        }
        LibvirtBenchmark.requireLibvirt();
        System.out.printf("%-8s %-16s %10s %10s %10s %12s %14s%n", "doc", "variant", "median us", "min us",
                "max us", "vs raw (med)", "ratio IQR");
        for (String name : docs) {
            LibvirtBenchmark.Doc doc = new LibvirtBenchmark.Doc();
            doc.doc = name;
            doc.setUpDoc();
            Connect raw = new Connect(LibvirtBenchmark.URI);
            try (LibvirtConnection sdk = LibvirtConnection.open(LibvirtBenchmark.URI)) {
                Op[] ops = {
                    () -> {
                        org.libvirt.Domain d = raw.domainDefineXML(doc.otherXml);
                        d.undefine();
                        return d.free();
                    },
                    () -> {
                        var d = sdk.define(doc.otherModel, DefineOptions.unchecked());
                        d.undefine();
                        return d;
                    },
                    () -> {
                        var d = sdk.define(doc.validatedModel);
                        d.undefine();
                        return d;
                    },
                };
                String[] names = {"raw", "sdk unchecked", "sdk validated"};
                double[][] perOp = measure(ops, warmupRounds, rounds, roundMillis);
                for (int v = 0; v < ops.length; v++) {
                    double[] ratios = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        ratios[r] = perOp[v][r] / perOp[0][r];
                    }
                    double[] sorted = perOp[v].clone();
                    Arrays.sort(sorted);
                    Arrays.sort(ratios);
                    System.out.printf("%-8s %-16s %10.1f %10.1f %10.1f %+11.1f%% %6.1f..%+.1f%%%n", name, names[v],
                            median(sorted), sorted[0], sorted[rounds - 1], 100 * (median(ratios) - 1),
                            100 * (ratios[rounds / 4] - 1), 100 * (ratios[rounds * 3 / 4] - 1));
                }
            } finally {
                raw.close();
            }
        }
    }

    /**
     * Runs the warmup rounds, then the measured ones; per round, each op for about {@code roundMillis}
     * (the count fixed from the last warmup round), the order rotating. Returns µs per op by op and round.
     */
    private static double[][] measure(Op[] ops, int warmupRounds, int rounds, long roundMillis)
            throws LibvirtException {
        int[] counts = new int[ops.length];
        Arrays.fill(counts, 1);
        double[][] perOp = new double[ops.length][rounds];
        for (int r = -warmupRounds; r < rounds; r++) {
            for (int k = 0; k < ops.length; k++) {
                int v = Math.floorMod(r + k, ops.length);
                long start = System.nanoTime();
                for (int i = 0; i < counts[v]; i++) {
                    sink = ops[v].run();
                }
                double micros = (System.nanoTime() - start) / 1e3 / counts[v];
                if (r < 0) {
                    counts[v] = (int) Math.max(1, Math.min(1_000_000, roundMillis * 1e3 / micros));
                } else {
                    perOp[v][r] = micros;
                }
            }
        }
        return perOp;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
