package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.connect.VirtConnections;
import org.junit.jupiter.api.Test;

class LibvirtConnectionProviderTest {
    private final LibvirtConnectionProvider provider = new LibvirtConnectionProvider();

    @Test
    void acceptsLibvirtUrisAndPassesRemoteOnesUnchanged() {
        assertThat(provider.accepts("qemu:///system")).isTrue();
        assertThat(provider.accepts("qemu:///session")).isTrue();
        assertThat(provider.accepts("test:///default")).isTrue();
        assertThat(provider.accepts("qemu+ssh://root@host.example/system?keyfile=/k")).isTrue();
        assertThat(provider.accepts("qemu+tcp://10.0.0.1:16509/system")).isTrue();
        assertThat(provider.accepts("qemu+tls://host/system?no_verify=1")).isTrue();
        assertThat(provider.accepts("xen:///")).isTrue();
    }

    @Test
    void leavesFakeAndSchemelessUrisToOthers() {
        assertThat(provider.accepts("fake:///xeon-2s")).isFalse();
        assertThat(provider.accepts("FAKE:///xeon-2s")).isFalse();
        assertThat(provider.accepts("/var/run/libvirt")).isFalse();
        assertThat(provider.accepts("")).isFalse();
        assertThat(provider.accepts(null)).isFalse();
        assertThatThrownBy(() -> provider.open("fake:///x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isRegisteredForTheServiceLoader() {
        assertThat(VirtConnections.providers()).hasAtLeastOneElementOfType(LibvirtConnectionProvider.class);
    }
}
