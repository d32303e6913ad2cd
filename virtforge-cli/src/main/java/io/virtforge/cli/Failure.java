package io.virtforge.cli;

import io.virtforge.VirtforgeException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a command threw, as the exit code and the line a user reads ({@code null} when the command has
 * said everything already). Unknown exceptions are programming errors and are rethrown with their trace.
 */
record Failure(int exitCode, String message) {
    static Failure of(Exception ex) throws Exception {
        if (ex instanceof CliException e) {
            return new Failure(e.exitCode(), e.printed() ? null : e.getMessage());
        }
        if (ex instanceof IOException e) {
            return new Failure(Virtforge.BAD_INPUT, IoMessages.describe(e));
        }
        if (ex instanceof UncheckedIOException e) {
            return new Failure(Virtforge.BAD_INPUT, IoMessages.describe(e.getCause()));
        }
        if (ex instanceof io.virtforge.connect.VirtException
                || ex instanceof io.virtforge.host.sysfs.HostChangeException
                || ex instanceof io.virtforge.host.sysfs.SysfsException
                || ex instanceof io.virtforge.check.DomainValidationException) {
            // the hypervisor or the host refused or failed: the input was fine
            return new Failure(Virtforge.PROBLEM, ex.getMessage());
        }
        if (ex instanceof VirtforgeException) {
            return new Failure(Virtforge.BAD_INPUT, ex.getMessage());
        }
        throw ex;
    }
}
