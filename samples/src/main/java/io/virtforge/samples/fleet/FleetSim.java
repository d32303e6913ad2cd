package io.virtforge.samples.fleet;

import io.virtforge.fleet.Fleet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/**
 * Fills a synthetic fleet with a stream of requests, once packing and once spreading, and reports utilisation,
 * fragmentation (stranded CPUs), empty hosts and refusals per reason; {@code --svg FILE} draws both fleets side by
 * side. {@code bin/fleet-sim --help} for the options ({@link FleetSimOptions}); nothing touches a real host.
 */
public final class FleetSim {
    private FleetSim() {
    }

    /** Runs the simulation: the table (or {@code --json}) on stdout, exit 2 on a bad command line. */
    public static void main(String... args) throws IOException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(FleetSimOptions.USAGE);
            return;
        }
        FleetSimOptions options;
        try {
            options = FleetSimOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fleet-sim: " + e.getMessage());
            System.err.println(FleetSimOptions.USAGE);
            System.exit(2);
            return;
        }
        List<StrategyReport> reports = run(options);
        System.out.print(options.json() ? ReportJson.of(options, reports) + System.lineSeparator()
                : ReportText.of(options, reports));
        if (options.svg().isPresent()) {
            Files.writeString(options.svg().get(), FleetSvg.of(options, reports), StandardCharsets.UTF_8);
            System.err.println("fleet-sim: wrote " + options.svg().get());
        }
    }

    /** The reports of pack and spread, in that order, on the fleet and stream of the options. */
    public static List<StrategyReport> run(FleetSimOptions options) {
        Fleet fleet = SimFleet.of(options);
        FleetSimulation simulation = new FleetSimulation(RequestStream.of(options.seed(), options.requests()),
                options.stopAfter());
        // the runs share nothing mutable (each has its own claim store over the immutable fleet): one thread each
        return Arrays.stream(FleetStrategy.values()).parallel()
                .map(strategy -> StrategyReport.of(simulation.run(strategy, fleet))).toList();
    }
}
