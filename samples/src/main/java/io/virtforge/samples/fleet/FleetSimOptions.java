package io.virtforge.samples.fleet;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of a simulation, from the command line.
 *
 * @param hosts        hosts in the synthetic fleet
 * @param seed         the seed of the fleet and of the stream
 * @param minOccupancy each host's occupied share of CPUs before the stream is drawn between this...
 * @param maxOccupancy ...and this
 * @param emptyShare   the share of hosts that start empty (new hosts just racked)
 * @param requests     requests in the stream
 * @param stopAfter    stop a run after this many refusals in a row
 * @param json         print the report as JSON instead of a table
 * @param svg          where to write the picture, if anywhere
 */
public record FleetSimOptions(int hosts, long seed, double minOccupancy, double maxOccupancy, double emptyShare,
        int requests, int stopAfter, boolean json, Optional<Path> svg) {
    /** The usage line. */
    public static final String USAGE = "usage: fleet-sim [--hosts 200] [--seed 42] [--occupancy 0.3-0.5] [--empty 0.1]"
            + " [--requests 1500] [--stop-after 100] [--json] [--svg FILE]";

    private static final Set<String> WITH_VALUE = Set.of("--hosts", "--seed", "--occupancy", "--empty", "--requests",
            "--stop-after", "--svg");

    /** Checks the values. */
    public FleetSimOptions {
        Objects.requireNonNull(svg, "svg");
        check(hosts >= 1, "--hosts must be at least 1");
        check(0 <= minOccupancy && minOccupancy <= maxOccupancy && maxOccupancy <= 1,
                "--occupancy MIN-MAX needs 0 <= MIN <= MAX <= 1");
        check(0 <= emptyShare && emptyShare <= 1, "--empty must be between 0 and 1");
        check(requests >= 0, "--requests must not be negative");
        check(stopAfter >= 1, "--stop-after must be at least 1");
    }

    /** The defaults: 200 hosts, seed 42, 30-50 % occupied, 10 % empty, 1500 requests, stop after 100 refusals in a row. */
    public static FleetSimOptions defaults() {
        return new FleetSimOptions(200, 42, 0.3, 0.5, 0.1, 1500, 100, false, Optional.empty());
    }

    /**
     * Parses the command line over the defaults.
     *
     * @throws IllegalArgumentException with a message for the user on a bad argument
     */
    public static FleetSimOptions parse(String... args) {
        FleetSimOptions d = defaults();
        int hosts = d.hosts;
        long seed = d.seed;
        double minOccupancy = d.minOccupancy;
        double maxOccupancy = d.maxOccupancy;
        double emptyShare = d.emptyShare;
        int requests = d.requests;
        int stopAfter = d.stopAfter;
        boolean json = d.json;
        Optional<Path> svg = d.svg;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--json")) {
                json = true;
                continue;
            }
            if (!WITH_VALUE.contains(option)) {
                throw new IllegalArgumentException("unknown argument " + option);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--hosts" -> hosts = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--occupancy" -> {
                        String[] range = value.split("-", 2);
                        minOccupancy = Double.parseDouble(range[0]);
                        maxOccupancy = range.length == 2 ? Double.parseDouble(range[1]) : minOccupancy;
                    }
                    case "--empty" -> emptyShare = Double.parseDouble(value);
                    case "--requests" -> requests = Integer.parseInt(value);
                    case "--stop-after" -> stopAfter = Integer.parseInt(value);
                    case "--svg" -> svg = Optional.of(Path.of(value));
                    default -> throw new AssertionError(option + " is in WITH_VALUE");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": not a number: " + value, e);
            }
        }
        return new FleetSimOptions(hosts, seed, minOccupancy, maxOccupancy, emptyShare, requests, stopAfter, json, svg);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
