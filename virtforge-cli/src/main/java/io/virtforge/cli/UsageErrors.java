package io.virtforge.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one line a user reads when the command line itself is wrong (instead of picocli's message above a
 * usage page several screens long), and where to look next.
 */
final class UsageErrors {
    private UsageErrors() {
    }

    /** What is wrong, in words. */
    static String explain(CommandLine.ParameterException ex, List<String> args) {
        Optional<String> unknown = unknownOption(ex.getCommandLine().getCommandSpec(), args);
        if (unknown.isPresent() && (ex instanceof CommandLine.MissingParameterException
                || ex instanceof CommandLine.UnmatchedArgumentException)) {
            // picocli takes "-x" for an option it does not know and then misses a parameter
            return "'" + unknown.get() + "' is not an option of " + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + (ex.getCommandLine().getCommandSpec().positionalParameters().isEmpty() ? ""
                            : " (and a parameter cannot start with '-')");
        }
        String m = plain(ex.getMessage() == null ? "" : ex.getMessage());
        if (m.isEmpty()) {
            return "bad arguments";
        }
        // "Missing ..." reads on after "virtforge: " in lower case; "VCPUS: ..." stays as it is
        boolean word = m.length() > 1 && Character.isLowerCase(m.charAt(1));
        return word ? Character.toLowerCase(m.charAt(0)) + m.substring(1) : m;
    }

    /** picocli's words for a bad value, as a user says them: {@code VCPUS: '2x' is not a whole number}. */
    static String plain(String message) {
        return message.replaceFirst("^Invalid value for positional parameter at index \\d+ \\(([^)]+)\\): ", "$1: ")
                .replaceFirst("^Invalid value for option '([^']+)': ", "$1: ")
                .replaceFirst("is not an? (int|long)$", "is not a whole number")
                .replaceFirst("is not a (double|float)$", "is not a number");
    }

    /** Where to read how the command is used. */
    static String hint(CommandLine ex) {
        return "try '" + ex.getCommandSpec().qualifiedName() + " --help'";
    }

    private static Optional<String> unknownOption(CommandSpec spec, List<String> args) {
        String previous = "";
        for (String arg : args) {
            if (arg.equals("--")) {
                return Optional.empty();
            }
            if (looksLikeOption(arg) && spec.findOption(arg.split("=", 2)[0]) == null
                    && !spec.subcommands().containsKey(arg) && !takesValue(spec, previous)) {
                return Optional.of(arg);
            }
            previous = arg;
        }
        return Optional.empty();
    }

    private static boolean looksLikeOption(String arg) {
        return arg.length() > 1 && arg.startsWith("-") && !arg.matches("-\\d+(\\.\\d+)?");
    }

    private static boolean takesValue(CommandSpec spec, String arg) {
        OptionSpec o = arg.startsWith("-") && !arg.contains("=") ? spec.findOption(arg) : null;
        return o != null && o.arity().max() > 0 && !o.type().equals(boolean.class);
    }
}
