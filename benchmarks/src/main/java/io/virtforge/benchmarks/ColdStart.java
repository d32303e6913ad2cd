package io.virtforge.benchmarks;

import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cold start: in a fresh JVM, reads and parses the seed once and prints the milliseconds from JVM start
 * to the first parsed document ({@code RuntimeMXBean.getStartTime()}, taken when the VM is created, so
 * the launcher's own few milliseconds before it are not counted; {@code cold-start.sh} also reports the
 * whole process's wall time). The clock is read before the management classes are loaded, so loading
 * them does not count.
 *
 * <p>Prints one line: {@code parsed_ms=N written_ms=N cpu_ms=N parse_only_ms=N ...}, where
 * {@code written_ms} is JVM start to the first written document (parse + write), {@code cpu_ms} the CPU
 * time the whole process had used by then (all threads; a load-independent view of the same work), and
 * {@code parse_only_ms} the read and parse alone. Usage: {@code java -cp benchmarks/target/benchmarks.jar io.virtforge.benchmarks.ColdStart [FILE]}
 * (default the corpus's {@code seed/high-perf-vm.xml}; the corpus is found as the benchmarks find it).
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        // locate the file outside the timed read+parse, but it still counts from JVM start
        Path file = BenchCorpus.resolve(args.length > 0 ? args[0] : BenchCorpus.SEED);
        long t1 = System.nanoTime();
        Domain domain = DomainXml.defaults().parse(Files.readString(file));
        long parsedAt = System.currentTimeMillis();
        long t2 = System.nanoTime();
        String written = DomainXml.defaults().write(domain);
        long writtenAt = System.currentTimeMillis();
        long t3 = System.nanoTime();
        long cpuAtWritten = processCpuMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("parsed_ms=%d written_ms=%d cpu_ms=%d parse_only_ms=%.1f write_only_ms=%.1f locate_ms=%.1f name=%s chars=%d%n",
                parsedAt - jvmStart, writtenAt - jvmStart, cpuAtWritten, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                (t1 - t0) / 1e6, domain.name(), written.length());
    }

    /**
     * CPU time used so far by the whole JVM process (all threads: main, JIT, GC), from
     * {@code /proc/self/stat} (utime + stime, in clock ticks of 10 ms, Linux's USER_HZ), or -1.
     * Unlike the wall-clock figures, it hardly changes when other processes compete for the cores.
     */
    private static long processCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
