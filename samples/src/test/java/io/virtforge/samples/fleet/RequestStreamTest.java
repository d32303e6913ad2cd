package io.virtforge.samples.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.fake.fixtures.SyntheticFleet;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetHost;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RequestStreamTest {
    @Test
    void theSameSeedGivesTheSameStream() {
        List<SimRequest> a = RequestStream.of(5, 200);
        assertThat(a).extracting(SimRequest::kind).isEqualTo(RequestStream.of(5, 200).stream().map(SimRequest::kind)
                .toList());
        assertThat(a).extracting(SimRequest::kind).isNotEqualTo(RequestStream.of(6, 200).stream()
                .map(SimRequest::kind).toList());
        assertThat(a).extracting(SimRequest::domainName).doesNotHaveDuplicates();
    }

    @Test
    void theMixHasEveryFlavourAndNeedInAboutItsShare() {
        Map<String, Long> flavours = RequestStream.of(1, 10_000).stream()
                .collect(Collectors.groupingBy(r -> r.flavour().name(), Collectors.counting()));
        Map<Need, Long> needs = RequestStream.of(1, 10_000).stream()
                .collect(Collectors.groupingBy(SimRequest::need, Collectors.counting()));
        assertThat(flavours.get("s2")).isBetween(3_200L, 3_800L);
        assertThat(flavours.get("x16")).isBetween(1_300L, 1_700L);
        assertThat(needs.get(Need.GPU)).isBetween(450L, 750L);
        assertThat(needs.get(Need.PLAIN)).isBetween(7_300L, 7_900L);
    }

    @Test
    void theDevicesAskedForAreTheSyntheticFleetsOnEveryNodeOfItsLabelledHosts() {
        // RequestStream.VF names the synthetic NIC's VF by hand: this catches SyntheticFleet changing it
        Fleet fleet = SyntheticFleet.seeded(3).hosts(40).build();
        for (FleetHost h : fleet.all()) {
            int nodes = h.state().topology().nodes().size();
            assertThat(h.state().topology().pciDevices().stream().filter(RequestStream.GPU::matches).count())
                    .isEqualTo(h.labels().contains("gpu") ? nodes : 0);
            assertThat(h.state().topology().pciDevices().stream().filter(RequestStream.VF::matches).count())
                    .isEqualTo(h.labels().contains("sriov") ? (long) nodes * SyntheticFleet.VFS_PER_NIC : 0);
        }
        assertThat(fleet.all()).anyMatch(h -> h.labels().contains("gpu")).anyMatch(h -> h.labels().contains("sriov"));
    }
}
