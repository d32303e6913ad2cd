package io.virtforge.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.plan.Placement;
import io.virtforge.plan.Planner;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FleetResultJsonTest {
    @Test
    void aPlacementIsTheHostThenThePlannersFieldsInItsOrder() {
        Fleet fleet = Fleet.builder().host("a", Hosts.host(4, 1024)).host("b", Hosts.host(8, 1024)).build();
        FleetPlacement chosen = FleetPlanner.create(HostWeigher.PACK).plan(Hosts.small(), FleetConstraints.none(), fleet)
                .chosen().orElseThrow();
        Placement alone = Planner.create().plan(Hosts.small(), fleet.host("a").orElseThrow().state()).orElseThrow();

        // the single host's JSON with the host put in after "fit"
        assertThat(chosen.toJson()).isEqualTo(alone.toJson().replaceFirst("^\\{\"fit\":true,", "{\"fit\":true,\"host\":\"a\","));
        assertThat(alone.jsonFields().keySet()).startsWith("fit").contains("cells", "emulatorPin", "devices");
    }

    @Test
    void aNoFitCountsHostsByReason() {
        TreeMap<String, Integer> counts = new TreeMap<>(Map.of("NOT_ENOUGH_CPUS", 2, "AVOIDED", 1));
        assertThat(new FleetNoFit(counts).toJson())
                .isEqualTo("{\"fit\":false,\"rejected\":{\"AVOIDED\":1,\"NOT_ENOUGH_CPUS\":2}}");
        assertThat(new FleetNoFit(new TreeMap<>()).toJson()).isEqualTo("{\"fit\":false,\"rejected\":{}}");
    }
}
