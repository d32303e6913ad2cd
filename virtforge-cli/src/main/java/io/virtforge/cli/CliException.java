package io.virtforge.cli;

/**
 * A command failed in a way it has already explained: the message is printed as {@code virtforge: MESSAGE}
 * on stderr (unless already printed) and the command exits with {@link #exitCode()}.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final boolean printed;

    CliException(int exitCode, String message) {
        this(exitCode, message, false, null);
    }

    CliException(int exitCode, String message, Throwable cause) {
        this(exitCode, message, false, cause);
    }

    private CliException(int exitCode, String message, boolean printed, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.printed = printed;
    }

    /** Bad input (exit 2). */
    static CliException badInput(String message) {
        return new CliException(Virtforge.BAD_INPUT, message);
    }

    /** The command ran and failed (exit 1). */
    static CliException problem(String message) {
        return new CliException(Virtforge.PROBLEM, message);
    }

    /** Exit with a code; the command has said everything already. */
    static CliException silent(int exitCode) {
        return new CliException(exitCode, "", true, null);
    }

    int exitCode() {
        return exitCode;
    }

    boolean printed() {
        return printed;
    }
}
