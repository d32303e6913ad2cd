package io.virtforge.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A companion to the JMH run for a shared, loaded machine: runs the same benchmark methods of
 * {@link DomainXmlBenchmark} (same state classes, same setup) in a plain loop and reports throughput
 * per second of <em>this thread's CPU time</em> next to throughput per wall-clock second. On an idle
 * machine the two agree; when other processes compete for the cores, wall-clock throughput drops with
 * the share of CPU the thread gets while the CPU-time rate stays near what an idle machine would show
 * (it still suffers from shared caches and frequency changes, and the JIT threads compete too, so it is
 * an estimate, not a substitute for a JMH run on a quiet machine).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.virtforge.benchmarks.CpuTimeRate
 * [-w WARMUP_S] [-i WINDOWS] [-r WINDOW_S] [-p files=SPEC] [REGEX]}; defaults {@code -w 20 -i 5 -r 2},
 * where the warmup and each window last that many seconds of the benchmark thread's CPU time (not wall
 * time: on a starved machine a wall-clock warmup ends before the JIT has compiled the hot paths);
 * all benchmarks. Every benchmark selected runs in this one JVM, one after the other, so the JIT's
 * profile of one colours the next: for the cleanest figures run one per JVM (README.md has the loop).
 */
public final class CpuTimeRate {
    /** The last result, written once per op so nothing is dead code. */
    static volatile Object sink;

    private CpuTimeRate() {
    }

    public static void main(String[] args) {
        double warmup = 20;
        int windows = 5;
        double window = 2;
        String files = BenchCorpus.QEMUXML2ARGV;
        Pattern filter = Pattern.compile(".*");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-w" -> warmup = Double.parseDouble(args[++i]);
                case "-i" -> windows = Integer.parseInt(args[++i]);
                case "-r" -> window = Double.parseDouble(args[++i]);
                case "-p" -> {
                    String p = args[++i];
                    if (!p.startsWith("files=")) {
                        throw new IllegalArgumentException("only -p files=SPEC is known");
                    }
                    files = p.substring("files=".length());
                }
                default -> filter = Pattern.compile(args[i]);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }

        DomainXmlBenchmark b = new DomainXmlBenchmark();
        Map<String, Supplier<Supplier<Object>>> all = new LinkedHashMap<>();
        all.put("seedRoundTrip", () -> { DomainXmlBenchmark.Seed s = seed(); return () -> b.seedRoundTrip(s); });
        all.put("seedParse", () -> { DomainXmlBenchmark.Seed s = seed(); return () -> b.seedParse(s); });
        all.put("seedWrite", () -> { DomainXmlBenchmark.Seed s = seed(); return () -> b.seedWrite(s); });
        String f = files;
        all.put("corpusRoundTrip", () -> {
            DomainXmlBenchmark.Docs d = new DomainXmlBenchmark.Docs();
            d.files = f;
            d.setUp();
            return () -> b.corpusRoundTrip(d);
        });
        all.put("jaxbAnyUnmarshal", () -> { DomainXmlBenchmark.Jaxb j = jaxb(); return () -> b.jaxbAnyUnmarshal(j); });
        all.put("jaxbAnyRoundTrip", () -> { DomainXmlBenchmark.Jaxb j = jaxb(); return () -> b.jaxbAnyRoundTrip(j); });
        all.put("jaxbPlainUnmarshal", () -> { DomainXmlBenchmark.Jaxb j = jaxb(); return () -> b.jaxbPlainUnmarshal(j); });
        all.put("jaxbPlainRoundTrip", () -> { DomainXmlBenchmark.Jaxb j = jaxb(); return () -> b.jaxbPlainRoundTrip(j); });
        all.put("jaxbAnyCorpusRoundTrip", () -> { DomainXmlBenchmark.JaxbDocs j = jaxbDocs(f); return () -> b.jaxbAnyCorpusRoundTrip(j); });
        all.put("jaxbPlainCorpusRoundTrip", () -> { DomainXmlBenchmark.JaxbDocs j = jaxbDocs(f); return () -> b.jaxbPlainCorpusRoundTrip(j); });

        System.out.printf("# warmup %.0f s, %d windows of %.0f s, in CPU seconds of the one benchmark thread; loadavg before: %s%n", warmup, windows, window, loadavg());
        for (Map.Entry<String, Supplier<Supplier<Object>>> e : all.entrySet()) {
            if (!filter.matcher(e.getKey()).find()) {
                continue;
            }
            Supplier<Object> op = e.getValue().get();
            run(op, (long) (warmup * 1e9), threads);
            double[] wall = new double[windows];
            double[] cpu = new double[windows];
            for (int w = 0; w < windows; w++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long ops = run(op, (long) (window * 1e9), threads);
                long t1 = System.nanoTime();
                long cpu1 = threads.getCurrentThreadCpuTime();
                wall[w] = ops / ((t1 - t0) / 1e9);
                cpu[w] = ops / ((cpu1 - cpu0) / 1e9);
            }
            String row = String.format("%-26s wall %10.0f ops/s   cpu %10.0f ops/cpu-s (min %.0f, max %.0f)   cpu share %3.0f%%",
                    e.getKey(), mean(wall), mean(cpu), min(cpu), max(cpu), 100 * mean(wall) / mean(cpu));
            System.out.println(row);
        }
        System.out.printf("# loadavg after: %s%n", loadavg());
    }

    /** Runs the op until this thread has used {@code cpuNanos} of CPU time; returns the ops done. */
    private static long run(Supplier<Object> op, long cpuNanos, ThreadMXBean threads) {
        long end = threads.getCurrentThreadCpuTime() + cpuNanos;
        long ops = 0;
        do {
            for (int i = 0; i < 64; i++) {
                sink = op.get();
            }
            ops += 64;
        } while (threads.getCurrentThreadCpuTime() < end);
        return ops;
    }

    private static DomainXmlBenchmark.Seed seed() {
        DomainXmlBenchmark.Seed s = new DomainXmlBenchmark.Seed();
        s.setUp();
        return s;
    }

    private static DomainXmlBenchmark.Jaxb jaxb() {
        DomainXmlBenchmark.Jaxb j = new DomainXmlBenchmark.Jaxb();
        j.setUp();
        return j;
    }

    private static DomainXmlBenchmark.JaxbDocs jaxbDocs(String files) {
        DomainXmlBenchmark.JaxbDocs j = new DomainXmlBenchmark.JaxbDocs();
        j.files = files;
        j.setUp();
        return j;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double min(double[] v) {
        double m = Double.MAX_VALUE;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static String loadavg() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }
}
