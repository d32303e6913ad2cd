package io.virtforge.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetTest {
    @Test
    void everyChangeOfAHostStampsANewGeneration() {
        Fleet f = Fleet.builder().host("a", Hosts.host(4, 1024), "ssd").host("b", Hosts.host(4, 1024)).build();
        long a = f.host("a").orElseThrow().generation();
        long b = f.host("b").orElseThrow().generation();
        assertThat(a).isNotEqualTo(b);

        Fleet changed = f.withHost(f.host("a").orElseThrow().withState(Hosts.host(8, 1024)));
        assertThat(changed.host("a").orElseThrow().generation()).isGreaterThan(a);
        assertThat(changed.host("b").orElseThrow().generation()).isEqualTo(b);
        assertThat(f.host("a").orElseThrow().generation()).as("the old fleet is unchanged").isEqualTo(a);
        assertThat(changed.host("a").orElseThrow().labels()).containsExactly("ssd");
    }

    @Test
    void aHostRemovedAndAddedAgainNeverGetsAnOldGeneration() {
        Fleet f = Fleet.builder().host("a", Hosts.host(4, 0)).build();
        long first = f.host("a").orElseThrow().generation();
        Fleet again = f.withoutHost("a").withHost(FleetHost.of("a", Hosts.host(4, 0)));
        assertThat(f.withoutHost("a").host("a")).isEmpty();
        assertThat(again.host("a").orElseThrow().generation()).isGreaterThan(first);
        assertThat(f.withoutHost("zz")).isSameAs(f);
    }

    @Test
    void aStampedFleetKeepsTheGenerationsItIsGiven() {
        Fleet f = Fleet.ofStamped(List.of(new FleetHost("b", Hosts.host(1, 0), Set.of(), 41),
                new FleetHost("a", Hosts.host(1, 0), Set.of("gpu"), 7)));
        assertThat(f.hosts().keySet()).containsExactly("a", "b");
        assertThat(f.host("a").orElseThrow().generation()).isEqualTo(7);
        assertThat(f.host("b").orElseThrow().generation()).isEqualTo(41);
        assertThat(f.generation()).isEqualTo(41);
        assertThat(f.withHost(FleetHost.of("c", Hosts.host(1, 0))).host("c").orElseThrow().generation())
                .as("a later change still stamps a newer generation").isEqualTo(42);
        assertThatThrownBy(() -> Fleet.ofStamped(List.of(FleetHost.of("a", Hosts.host(1, 0)),
                FleetHost.of("a", Hosts.host(2, 0))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostsAreKeptByIdAndImmutable() {
        Fleet f = Fleet.builder().host("b", Hosts.host(1, 0)).host("a", Hosts.host(1, 0)).build();
        assertThat(f.hosts().keySet()).containsExactly("a", "b");
        assertThat(f.size()).isEqualTo(2);
        assertThatThrownBy(() -> f.hosts().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> f.host("a").orElseThrow().labels().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void noNulls() {
        assertThatThrownBy(() -> FleetHost.of(null, Hosts.host(1, 0))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FleetHost.of(" ", Hosts.host(1, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FleetHost("a", null, Set.of(), 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Fleet.empty().withHost(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Fleet.empty().host(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FleetConstraints.builder().avoid(null)).isInstanceOf(NullPointerException.class);
    }
}
