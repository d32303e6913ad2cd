package io.virtforge.samples.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main's outputs: the table, the JSON and the SVG file. */
class FleetSimTest {
    private static final FleetSimOptions OPTIONS = new FleetSimOptions(10, 4, 0.3, 0.5, 0.1, 100, 20, false,
            Optional.empty());

    @Test
    void theTableHasAColumnPerStrategyAndTheKeyFigures() {
        List<StrategyReport> reports = FleetSim.run(OPTIONS);
        String table = ReportText.of(OPTIONS, reports);

        assertThat(table.lines().toList().get(1).trim().split(" +")).containsExactly("pack", "spread");
        assertThat(table).containsPattern("placed +" + reports.get(0).placed() + " +" + reports.get(1).placed())
                .containsPattern("empty hosts +" + reports.get(0).emptyHosts() + " +" + reports.get(1).emptyHosts())
                .contains(ReportText.percent(reports.get(0).cpuUse()));
    }

    @Test
    void theJsonCarriesTheSameFigures() {
        List<StrategyReport> reports = FleetSim.run(OPTIONS);
        String json = ReportJson.of(OPTIONS, reports);

        assertThat(json).startsWith("{\"settings\":{\"hosts\":10,").endsWith("}");
        for (StrategyReport r : reports) {
            assertThat(json).contains("\"strategy\":\"" + r.strategy().label() + "\",\"requests\":" + r.requests()
                    + ",\"placed\":" + r.placed() + ",\"refused\":" + r.refused() + ",");
        }
        assertThat(json.split("\"takesSmallest\"", -1)).hasSize(2 * OPTIONS.hosts() + 1);
    }

    @Test
    void mainWritesTheTableAndThePicture(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("fleet.svg");
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            FleetSim.main("--hosts", "6", "--requests", "30", "--svg", svg.toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("fleet-sim: 6 hosts").contains("placed");
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("<svg");
    }
}
