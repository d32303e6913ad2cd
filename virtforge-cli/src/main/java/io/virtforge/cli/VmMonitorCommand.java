package io.virtforge.cli;

import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.connect.VirtException;
import io.virtforge.json.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code virtforge vm-monitor NAME}: the seed's {@code vm-monitor.py}. Every interval: CPU use (the CPU time
 * delta over the interval, per vCPU and as % of one CPU like the seed), memory used of total, disk read and
 * write MB/s per disk, network rx and tx MB/s per NIC. In a terminal the table is redrawn in place; piped,
 * one block per interval; with {@code --json}, one JSON object per line. Ctrl-C stops it cleanly (exit 0).
 */
@Command(name = "vm-monitor", sortOptions = false,
        description = {"Watch a running VM: CPU %%, memory, disk and network rates per device, every interval.",
                "Ctrl-C stops it (exit 0). Exit 1 when the VM is not running or stops, 2 on bad input."})
final class VmMonitorCommand implements Callable<Integer> {
    /** Whether stdout is a terminal to redraw (a seam for tests). */
    static volatile BooleanSupplier interactive = () -> System.console() != null;
    /** How Ctrl-C reaches the loop (a seam for tests). */
    static volatile StopHooks hooks = StopHooks.RUNTIME;

    @Spec
    CommandSpec spec;
    @Mixin
    ConnectOption connect;
    @Parameters(paramLabel = "NAME", description = "The running domain.")
    String name;
    @Option(names = "--interval", defaultValue = "5", paramLabel = "SECONDS", description = "Seconds between reports "
            + "(default 5, as the seed).")
    double interval;
    @Option(names = "--count", paramLabel = "N", description = "Stop after N reports (default: until Ctrl-C).")
    Integer count;
    @Option(names = "--json", description = "One JSON object per report and line (JSON Lines).")
    boolean json;

    /** Registers the Ctrl-C handler; the runtime's shutdown hooks outside tests. */
    interface StopHooks {
        /** Registers a hook. */
        void add(Thread hook);

        /** Unregisters it. */
        void remove(Thread hook);

        /** Ends the process with a code once the hook has stopped the loop. */
        void exit(int code);

        /** The JVM's shutdown hooks: Ctrl-C (SIGINT) and SIGTERM run them. */
        StopHooks RUNTIME = new StopHooks() {
            @Override
            public void add(Thread hook) {
                Runtime.getRuntime().addShutdownHook(hook);
            }

            @Override
            public void remove(Thread hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down already
                }
            }

            @Override
            public void exit(int code) {
                // the JVM would exit 130 after SIGINT; halting from the hook makes a clean stop exit 0
                Runtime.getRuntime().halt(code);
            }
        };
    }

    @Override
    public Integer call() throws Exception {
        if (!(interval > 0) || interval > 86_400) {
            throw CliException.badInput("--interval must be more than 0 and at most 86400 seconds");
        }
        if (count != null && count < 1) {
            throw CliException.badInput("--count must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Connector.Lease lease = connect.open()) {
            VirtConnection c = lease.connection();
            VirtDomain vm;
            try {
                vm = c.domain(name);
            } catch (NotFoundException e) {
                throw CliException.badInput("no domain '" + name + "' on " + c.uri()
                        + (HostAccess.kindOf(c) == HostAccess.Kind.FAKE ? " (a fake host starts empty in every run; "
                                + "monitor a real one with --connect qemu:///system)" : ""));
            }
            if (!vm.state().isActive()) {
                throw CliException.problem(name + " is not running (" + vm.state().name().toLowerCase(Locale.ROOT) + ")");
            }
            Ticker ticker = Ticker.of(c);
            DomainMonitor monitor = new DomainMonitor(vm, ticker);
            Screen screen = new Screen(out, !json && interactive.getAsBoolean());
            err.println("vm-monitor " + name + " on " + c.uri() + " every " + seconds(interval) + " s; disks: "
                    + (monitor.disks().isEmpty() ? "none" : String.join(", ", monitor.disks())) + "; NICs: "
                    + (monitor.nics().isEmpty() ? "none" : String.join(", ", monitor.nics()))
                    + (count == null ? "; Ctrl-C stops" : ""));
            monitor.notes().forEach(n -> err.println("note: " + n));
            err.flush();
            return loop(vm, monitor, ticker, screen, out, err);
        }
    }

    private int loop(VirtDomain vm, DomainMonitor monitor, Ticker ticker, Screen screen, PrintWriter out,
            PrintWriter err) {
        Thread loopThread = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        StopHooks h = hooks;
        Thread hook = new Thread(() -> {
            stopped.set(true);
            loopThread.interrupt();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            h.exit(Virtforge.OK);
        }, "vm-monitor-stop");
        h.add(hook);
        screen.begin();
        try {
            Duration wait = Duration.ofNanos(Math.round(interval * 1e9));
            DomainMonitor.Sample previous = monitor.sample();
            int reports = 0;
            while (count == null || reports < count) {
                try {
                    ticker.sleep(wait);
                } catch (InterruptedException e) {
                    if (stopped.get()) {
                        break;
                    }
                    Thread.currentThread().interrupt();
                    break;
                }
                if (stopped.get()) {
                    break;
                }
                DomainMonitor.Sample next;
                try {
                    next = monitor.sample();
                } catch (VirtException e) {
                    if (stopped.get()) {
                        break;
                    }
                    boolean gone = !isActive(vm);
                    screen.restore();
                    err.println("virtforge: " + (gone ? name + " is no longer running" : e.getMessage()));
                    err.flush();
                    throw CliException.silent(Virtforge.PROBLEM);
                }
                DomainMonitor.Rates r = DomainMonitor.between(previous, next);
                if (json) {
                    out.println(json(r));
                    out.flush();
                } else {
                    screen.frame(text(r));
                }
                previous = next;
                reports++;
            }
            return Virtforge.OK;
        } finally {
            screen.restore();
            finished.countDown();
            if (!stopped.get()) {
                h.remove(hook);
            }
        }
    }

    private static boolean isActive(VirtDomain vm) {
        try {
            return vm.state().isActive();
        } catch (VirtException e) {
            return false;
        }
    }

    /** To the second, or to the millisecond when reports come faster than one a second (else two look alike). */
    String timestamp(java.time.Instant at) {
        return interval >= 1 ? at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()
                : MILLISECONDS.format(at);
    }

    private static final java.time.format.DateTimeFormatter MILLISECONDS = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private static String seconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    private static String mb(long bytesPerSecond) {
        return String.format(Locale.ROOT, "%8.2f", bytesPerSecond / 1e6);
    }

    private static String gib(long kib) {
        return Sizes.human(io.virtforge.value.DataSize.kib(kib));
    }

    String text(DomainMonitor.Rates r) {
        StringBuilder sb = new StringBuilder();
        sb.append(timestamp(r.at())).append("  ").append(name).append('\n');
        sb.append(String.format(Locale.ROOT, "  CPU     %6.1f%% of %s  (%.1f%% of one CPU)%n", r.cpuPercent(),
                Counts.of(r.vcpus(), "vCPU"), r.cpuPercentOfOne()));
        sb.append("  memory  ").append(r.usedKib().isPresent() ? gib(r.usedKib().getAsLong()) + " used of "
                + gib(r.totalKib()) : gib(r.totalKib()) + " (no balloon statistics: used unknown)");
        if (r.rssKib().isPresent()) {
            sb.append(", host RSS ").append(gib(r.rssKib().getAsLong()));
        }
        sb.append('\n');
        if (!r.disks().isEmpty() || !r.nics().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "  %-5s %-12s %16s %16s%n", "", "device", "read/rx MB/s",
                    "write/tx MB/s"));
        }
        for (DomainMonitor.Flow f : r.disks()) {
            sb.append(String.format(Locale.ROOT, "  %-5s %-12s %16s %16s%n", "disk", f.device(), mb(f.inPerSecond()),
                    mb(f.outPerSecond())));
        }
        for (DomainMonitor.Flow f : r.nics()) {
            sb.append(String.format(Locale.ROOT, "  %-5s %-12s %16s %16s%n", "nic", f.device(), mb(f.inPerSecond()),
                    mb(f.outPerSecond())));
        }
        return sb.toString();
    }

    String json(DomainMonitor.Rates r) {
        List<Object> disks = new ArrayList<>();
        for (DomainMonitor.Flow f : r.disks()) {
            disks.add(JsonText.object("target", f.device(), "readBytesPerSecond", f.inPerSecond(),
                    "writeBytesPerSecond", f.outPerSecond(), "readMBps", JsonText.decimal(f.inPerSecond() / 1e6),
                    "writeMBps", JsonText.decimal(f.outPerSecond() / 1e6)));
        }
        List<Object> nics = new ArrayList<>();
        for (DomainMonitor.Flow f : r.nics()) {
            nics.add(JsonText.object("device", f.device(), "rxBytesPerSecond", f.inPerSecond(),
                    "txBytesPerSecond", f.outPerSecond(), "rxMBps", JsonText.decimal(f.inPerSecond() / 1e6),
                    "txMBps", JsonText.decimal(f.outPerSecond() / 1e6)));
        }
        Map<String, Object> m = JsonText.object("domain", name, "time", r.at().toString(),
                "seconds", JsonText.decimal(r.seconds()),
                "cpu", JsonText.object("timeNs", r.cpuTimeNs(), "percent", JsonText.decimal(r.cpuPercent()),
                        "percentOfOneCpu", JsonText.decimal(r.cpuPercentOfOne()), "vcpus", r.vcpus()),
                "memory", JsonText.object("totalKib", r.totalKib(),
                        "usedKib", r.usedKib().isPresent() ? r.usedKib().getAsLong() : null,
                        "rssKib", r.rssKib().isPresent() ? r.rssKib().getAsLong() : null),
                "disks", disks, "nics", nics);
        return Json.write(m);
    }

    /** The terminal: the table redrawn in place (ANSI clear and home) when interactive, plain blocks when piped. */
    static final class Screen {
        static final String CLEAR_HOME = "\033[H\033[2J";
        static final String HIDE_CURSOR = "\033[?25l";
        static final String RESTORE = "\033[0m\033[?25h";
        private final PrintWriter out;
        private final boolean interactive;
        private boolean restored;

        Screen(PrintWriter out, boolean interactive) {
            this.out = out;
            this.interactive = interactive;
        }

        void begin() {
            if (interactive) {
                out.print(HIDE_CURSOR);
                out.flush();
            }
        }

        void frame(String text) {
            if (interactive) {
                out.print(CLEAR_HOME);
            }
            out.print(text);
            out.flush();
        }

        synchronized void restore() {
            if (interactive && !restored) {
                out.print(RESTORE);
            }
            restored = true;
            out.flush();
        }
    }
}
