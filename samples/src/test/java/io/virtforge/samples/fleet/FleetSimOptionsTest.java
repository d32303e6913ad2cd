package io.virtforge.samples.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetSimOptionsTest {
    @Test
    void noArgumentsGiveTheDefaults() {
        assertThat(FleetSimOptions.parse()).isEqualTo(FleetSimOptions.defaults());
        assertThat(FleetSimOptions.defaults().hosts()).isEqualTo(200);
    }

    @Test
    void everyOptionIsRead() {
        FleetSimOptions o = FleetSimOptions.parse("--hosts", "20", "--seed", "9", "--occupancy", "0.2-0.4",
                "--empty", "0", "--requests", "50", "--stop-after", "5", "--json", "--svg", "out.svg");
        assertThat(o).isEqualTo(new FleetSimOptions(20, 9, 0.2, 0.4, 0, 50, 5, true, Optional.of(Path.of("out.svg"))));
        assertThat(FleetSimOptions.parse("--occupancy", "0.6").maxOccupancy()).isEqualTo(0.6);
    }

    @Test
    void badArgumentsAreRefusedWithAMessage() {
        assertThatThrownBy(() -> FleetSimOptions.parse("--hosts")).hasMessage("--hosts needs a value");
        assertThatThrownBy(() -> FleetSimOptions.parse("--hosts", "x")).hasMessage("--hosts: not a number: x");
        assertThatThrownBy(() -> FleetSimOptions.parse("--hosts", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> FleetSimOptions.parse("--occupancy", "0.6-0.2")).hasMessageContaining("MIN <= MAX");
        assertThatThrownBy(() -> FleetSimOptions.parse("--fast", "1")).hasMessage("unknown argument --fast");
        assertThatThrownBy(() -> FleetSimOptions.parse("--fast")).hasMessage("unknown argument --fast");
    }
}
