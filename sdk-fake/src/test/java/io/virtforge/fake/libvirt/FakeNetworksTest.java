package io.virtforge.fake.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.NetworkStatus;
import io.virtforge.fake.fixtures.Fixtures;
import org.junit.jupiter.api.Test;

class FakeNetworksTest {
    @Test
    void aNewHostHasDefaultStartedAndNetworksCanBeAddedStoppedAndRemoved() {
        FakeVirtConnection c = TestDomains.connect(Fixtures.XEON_2S);
        assertThat(c.network("default")).isEqualTo(NetworkStatus.ACTIVE);
        assertThat(c.network("lab")).isEqualTo(NetworkStatus.MISSING);
        c.setNetwork("lab", false);
        assertThat(c.network("lab")).isEqualTo(NetworkStatus.INACTIVE);
        c.removeNetwork("default");
        assertThat(c.network("default")).isEqualTo(NetworkStatus.MISSING);
    }

    @Test
    void theBuilderDescribesTheNetworks() {
        FakeVirtConnection c = FakeVirtConnection.builder(Fixtures.get(Fixtures.XEON_2S).topology())
                .withoutNetwork("default").network("br-lan", true).build();
        assertThat(c.network("default")).isEqualTo(NetworkStatus.MISSING);
        assertThat(c.network("br-lan")).isEqualTo(NetworkStatus.ACTIVE);
    }
}
