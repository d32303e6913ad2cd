package io.virtforge.cli;

import io.virtforge.json.Json;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code virtforge} command line. Exit codes: 0 success, 1 the command ran and found a problem
 * (errors in a report, no placement), 2 bad input (unreadable or invalid files, bad options), 130 interrupted
 * (create-optimized-vm, after undoing its steps).
 */
@Command(name = "virtforge", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "virtforge 0.1.0",
        description = "Build, check, place and run performance-tuned KVM virtual machines.",
        subcommands = {XmlCommand.class, PlanCommand.class, CreateOptimizedVmCommand.class, VmMonitorCommand.class,
                GpuPassthroughCommand.class, NumaCompareCommand.class, AuditCommand.class, HostCommand.class,
                FleetCommand.class, QosCommand.class, ExporterCommand.class, MigrateCommand.class})
public final class Virtforge {
    /** Exit code: success. */
    public static final int OK = 0;
    /** Exit code: the command ran and found a problem. */
    public static final int PROBLEM = 1;
    /** Exit code: bad input. */
    public static final int BAD_INPUT = 2;

    private Virtforge() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            code = run(out, err, args);
        } finally {
            // System.exit does not flush: a message printed without a newline would be lost
            out.flush();
            err.flush();
        }
        System.exit(code);
    }

    /** Runs the command line with the given output streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        TrackedWriter trackedOut = new TrackedWriter(out);
        boolean json = jsonRequested(args);
        CommandLine cli = new CommandLine(new Virtforge());
        cli.setOut(trackedOut);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            String message = UsageErrors.explain(ex, List.of(arguments));
            err.println("virtforge: " + message);
            err.println(UsageErrors.hint(ex.getCommandLine()));
            return failed(trackedOut, json, BAD_INPUT, message);
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Failure f = Failure.of(ex);
            if (f.message() != null) {
                err.println("virtforge: " + f.message());
            }
            return failed(trackedOut, json, f.exitCode(), f.message());
        });
        int code = cli.execute(args);
        trackedOut.flush();
        return code;
    }

    /** Under --json every failure is one JSON object on stdout, unless the command wrote its own. */
    private static int failed(TrackedWriter out, boolean json, int code, String message) {
        if (json && !out.written()) {
            out.println(Json.write(JsonText.object("ok", false, "exitCode", code, "error",
                    message == null ? "failed" : message)));
            out.flush();
        }
        return code;
    }

    private static boolean jsonRequested(String... args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--json")) {
                return true;
            }
        }
        return false;
    }
}
