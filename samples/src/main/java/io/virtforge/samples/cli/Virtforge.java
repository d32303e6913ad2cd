package io.virtforge.samples.cli;

import io.virtforge.VirtforgeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code virtforge} command line. Exit codes: 0 success, 1 the command ran and found a problem
 * (errors in a report, no placement), 2 bad input (unreadable or invalid files, bad options).
 */
@Command(name = "virtforge", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "virtforge 0.1.0",
        description = "Build, check, place and run performance-tuned KVM virtual machines.",
        subcommands = {XmlCommand.class, PlanCommand.class, CreateOptimizedVmCommand.class, VmMonitorCommand.class,
                GpuPassthroughCommand.class, NumaCompareCommand.class, AuditCommand.class, HostCommand.class})
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
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given output streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Virtforge());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliException e) {
                if (!e.printed()) {
                    commandLine.getErr().println("virtforge: " + e.getMessage());
                }
                return e.exitCode();
            }
            if (ex instanceof java.nio.file.NoSuchFileException e) {
                commandLine.getErr().println("virtforge: no such file: " + e.getFile());
                return BAD_INPUT;
            }
            if (ex instanceof java.nio.file.AccessDeniedException e) {
                commandLine.getErr().println("virtforge: permission denied: " + e.getFile());
                return BAD_INPUT;
            }
            if (ex instanceof io.virtforge.connect.VirtException || ex instanceof io.virtforge.host.HostChangeException
                    || ex instanceof io.virtforge.host.SysfsException
                    || ex instanceof io.virtforge.check.DomainValidationException) {
                // the hypervisor or the host refused or failed: the input was fine
                commandLine.getErr().println("virtforge: " + ex.getMessage());
                return PROBLEM;
            }
            if (ex instanceof VirtforgeException || ex instanceof java.io.IOException
                    || ex instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println("virtforge: " + ex.getMessage());
                return BAD_INPUT;
            }
            throw ex;
        });
        return cli.execute(args);
    }
}
