package io.virtforge.cli;

import io.virtforge.connect.MigrationOptions;
import io.virtforge.connect.MigrationProgress;
import io.virtforge.connect.VirtDomain;
import io.virtforge.json.Json;
import io.virtforge.migrate.LiveMigration;
import io.virtforge.migrate.MigrationOutcome;
import io.virtforge.migrate.MigrationPlan;
import io.virtforge.migrate.MigrationRefusedException;
import io.virtforge.value.DataSize;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code virtforge migrate NAME --to URI}: NUMA-aware live migration ({@link LiveMigration}). The domain's shape is
 * planned again on the destination, and it moves live with the destination's pins; a progress bar goes to stderr.
 * {@code --dry-run} prints the destination's placement and the XML diff and moves nothing.
 */
@Command(name = "migrate", description = "Move a running VM live to another host, re-planned there: new vCPU, "
        + "emulator and I/O thread pins, numatune and memnodes on the destination's free CPUs and nodes. Exit 0 when "
        + "moved (or planned with --dry-run), 1 when refused or failed (the VM keeps running here), 2 on bad input.")
final class MigrateCommand implements Callable<Integer> {
    private static final int BAR = 30;

    @Spec
    CommandSpec spec;
    @Mixin
    ConnectOption connect;
    @Parameters(index = "0", paramLabel = "NAME", description = "The running VM.")
    String name;
    @Option(names = "--to", required = true, paramLabel = "URI", description = "The destination hypervisor.")
    String to;
    @Option(names = "--dry-run", description = "Print the destination's placement and the XML diff; move nothing.")
    boolean dryRun;
    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;
    @Option(names = "--migration-uri", paramLabel = "URI",
            description = "Where the migration stream goes, e.g. tcp://10.0.0.2 (default: the destination's host name).")
    String migrationUri;
    @Option(names = "--bandwidth", paramLabel = "MiB/s", description = "Bandwidth limit of the stream, in MiB/s.")
    Integer bandwidthMib;
    @Option(names = "--max-downtime", paramLabel = "MS", description = "Longest pause at the switch-over, in ms.")
    Integer maxDowntimeMs;
    @Option(names = "--auto-converge", description = "Slow the vCPUs down when memory is dirtied faster than it moves.")
    boolean autoConverge;

    @Override
    public Integer call() {
        MigrationOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        try (Connector.Lease source = connect.open(); Connector.Lease destination = Connector.open(to)) {
            VirtDomain domain = source.connection().domain(name);
            LiveMigration migration = LiveMigration.builder().options(options).build();
            try {
                if (dryRun) {
                    print(out, migration.plan(domain, source.connection(), destination.connection()));
                } else {
                    long t0 = System.nanoTime();
                    MigrationOutcome outcome = migration.migrate(domain, source.connection(), destination.connection());
                    endBar();
                    print(out, outcome, Duration.ofNanos(System.nanoTime() - t0));
                }
            } catch (MigrationRefusedException e) {
                return refused(out, e);
            } catch (RuntimeException e) {
                endBar();
                throw e;
            }
        }
        out.flush();
        return Virtforge.OK;
    }

    private MigrationOptions options() {
        MigrationOptions.Builder b = MigrationOptions.builder().autoConverge(autoConverge)
                .progress(this::bar, Duration.ofMillis(200));
        try {
            if (migrationUri != null) {
                b.migrationUri(migrationUri);
            }
            if (bandwidthMib != null) {
                b.bandwidthPerSecond(DataSize.mib(bandwidthMib));
            }
            if (maxDowntimeMs != null) {
                b.maxDowntime(Duration.ofMillis(maxDowntimeMs));
            }
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
        return b.build();
    }

    private boolean barShown;

    /** One line on stderr, redrawn: the share sent, the bytes, the dirty rate. */
    private void bar(MigrationProgress p) {
        PrintWriter err = spec.commandLine().getErr();
        double done = p.fraction().orElse(0.0);
        int filled = (int) Math.round(done * BAR);
        err.print(String.format(Locale.ROOT, "\rmigrating %s [%s%s] %3.0f%% %s of %s, %s pages/s dirtied", name,
                "#".repeat(filled), " ".repeat(BAR - filled), done * 100,
                p.dataProcessed().isPresent() ? Sizes.human(DataSize.ofBytes(p.dataProcessed().getAsLong())) : "?",
                p.dataTotal().isPresent() ? Sizes.human(DataSize.ofBytes(p.dataTotal().getAsLong())) : "?",
                p.memoryDirtyRate().isPresent() ? Long.toString(p.memoryDirtyRate().getAsLong()) : "?"));
        err.flush();
        barShown = true;
    }

    private void endBar() {
        if (barShown) {
            spec.commandLine().getErr().println();
            spec.commandLine().getErr().flush();
            barShown = false;
        }
    }

    private void print(PrintWriter out, MigrationPlan plan) {
        if (json) {
            out.println(Json.write(JsonText.object("ok", true, "dryRun", true, "domain", name, "to", to,
                    "placement", plan.placement().jsonFields(), "diff", plan.diff())));
            return;
        }
        out.println("dry run: " + name + " would run on " + to + " as:");
        out.print(Pictures.placement(plan.placement()));
        out.println(plan.diff().isEmpty() ? "the XML stays as it is" : "XML diff (line: element):");
        plan.diff().forEach(out::println);
    }

    private void print(PrintWriter out, MigrationOutcome outcome, Duration took) {
        Long downtime = outcome.result().completed().flatMap(MigrationProgress::downtime).map(Duration::toMillis)
                .orElse(null);
        if (json) {
            Map<String, Object> m = JsonText.object("ok", true, "dryRun", false, "domain", name, "to", to,
                    "placement", outcome.plan().placement().jsonFields(), "diff", outcome.plan().diff(),
                    "seconds", JsonText.decimal(took.toMillis() / 1000.0), "downtimeMs", downtime);
            out.println(Json.write(m));
            return;
        }
        out.println(String.format(Locale.ROOT, "migrated %s to %s in %.1f s%s", name, to, took.toMillis() / 1000.0,
                downtime == null ? "" : " (paused " + downtime + " ms at the switch-over)"));
        out.print(Pictures.placement(outcome.plan().placement()));
    }

    private int refused(PrintWriter out, MigrationRefusedException e) {
        if (json) {
            out.println(Json.write(JsonText.object("ok", false, "exitCode", Virtforge.PROBLEM, "code", e.code().name(),
                    "error", e.reason())));
            out.flush();
        }
        spec.commandLine().getErr().println("virtforge: migration refused: " + e.code() + ": " + e.reason());
        return Virtforge.PROBLEM;
    }
}
