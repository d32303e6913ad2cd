package io.virtforge.fake.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtConnections;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** {@link VirtConnection#capability}: what the fake gives by type, and what it does not. */
class CapabilityTest {
    @Test
    void aFixtureConnectionGivesItsKernelFakeAsAnySysfsType() {
        try (VirtConnection c = VirtConnections.open("fake:///xeon-2s")) {
            FakeVirtConnection fake = (FakeVirtConnection) c;
            assertThat(c.capability(Sysfs.class)).containsSame(fake.sysfs().orElseThrow());
            assertThat(c.capability(FakeSysfs.class)).containsSame(fake.sysfs().orElseThrow());
            assertThat(c.capability(Sysfs.class).orElseThrow().exists(SysfsPath.of("sys", "devices", "system", "node",
                    "node1"))).isTrue();
        }
    }

    @Test
    void itGivesItsClockAsAnInstantSourceThatMovesWithTheFake() {
        try (VirtConnection c = VirtConnections.open("fake:///tiny")) {
            FakeClock clock = c.capability(FakeClock.class).orElseThrow();
            assertThat(clock).isSameAs(((FakeVirtConnection) c).clock());
            InstantSource source = c.capability(InstantSource.class).orElseThrow();
            var before = source.instant();
            clock.advance(Duration.ofSeconds(5));
            assertThat(source.instant()).isEqualTo(before.plusSeconds(5));
        }
    }

    @Test
    void typesItDoesNotHaveAreEmpty() {
        try (VirtConnection c = VirtConnections.open("fake:///tiny")) {
            assertThat(c.capability(Clock.class)).isEmpty();
            assertThat(c.capability(String.class)).isEmpty();
        }
    }

    @Test
    void aConnectionWithoutAPairedKernelFakeHasNoSysfsButStillItsClock() {
        try (FakeVirtConnection c = FakeVirtConnection.of(Fixtures.get(Fixtures.XEON_2S).topology())) {
            assertThat(c.sysfs()).isEmpty();
            assertThat(c.capability(Sysfs.class)).isEmpty();
            assertThat(c.capability(InstantSource.class)).containsSame(c.clock());
        }
    }

    @Test
    void anyOtherConnectionAnswersEmptyByDefault() {
        VirtConnection plain = (VirtConnection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {VirtConnection.class}, (proxy, method, args) -> {
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        assertThat(plain.capability(Sysfs.class)).isEmpty();
        assertThat(plain.capability(InstantSource.class)).isEmpty();
    }
}
