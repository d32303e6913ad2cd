package io.virtforge.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixture;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.libvirt.FakeClock;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.DataSize;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension: injection, fixture choice, fresh state per test; run through the JUnit launcher. */
class VirtforgeExtensionTest {

    /** Injects everything and checks it belongs together. */
    @VirtforgeTest
    @FakeHost("sriov-host")
    @ExtendWith(OnlyThroughLaunch.class)
    static class InjectionSample {
        @Test
        void everythingIsInjected(VirtConnection connection, FakeVirtConnection fake, HostTopology topology,
                HostState state, FakeSysfs sysfs, FakeClock clock, Fixture fixture) {
            assertThat(connection).isSameAs(fake);
            assertThat(connection.uri()).isEqualTo("fake:///sriov-host");
            assertThat(fixture.name()).isEqualTo("sriov-host");
            assertThat(topology).isSameAs(fixture.topology());
            assertThat(state.domains()).isEmpty();
            assertThat(fake.sysfs()).containsSame(sysfs);
            assertThat(fake.clock()).isSameAs(clock);
        }

        @Test
        @FakeHost("tiny")
        void aMethodChoosesItsOwnHost(HostTopology topology, VirtConnection connection) {
            assertThat(topology.cpus()).hasSize(2);
            assertThat(connection.uri()).isEqualTo("fake:///tiny");
        }

        @Nested
        class Inner {
            @Test
            void aNestedClassUsesTheEnclosingHost(VirtConnection connection) {
                assertThat(connection.uri()).isEqualTo("fake:///sriov-host");
            }
        }
    }

    /** Two tests that would see each other's domain if state leaked; lifecycle methods share the test's fake. */
    @VirtforgeTest
    @FakeHost(value = Fixtures.XEON_2S, images = "/var/lib/libvirt/images/")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @ExtendWith(OnlyThroughLaunch.class)
    static class FreshStateSample {
        static VirtConnection previous;
        VirtConnection fromBeforeEach;

        @BeforeEach
        void before(VirtConnection connection) {
            fromBeforeEach = connection;
        }

        @Test
        @Order(1)
        void first(VirtConnection connection, FakeClock clock) {
            assertThat(connection).isSameAs(fromBeforeEach);
            assertThat(connection.uri()).isEqualTo("fake:///xeon-2s");
            connection.define(DomainBuilder.named("leak").memory(DataSize.gib(1)).vcpus(2)
                    .disk(d -> d.file("/var/lib/libvirt/images/leak.qcow2")).nic(n -> n.network("default")).build())
                    .start();
            clock.advanceSeconds(60);
            previous = connection;
        }

        @Test
        @Order(2)
        void second(VirtConnection connection, FakeClock clock) {
            assertThat(connection).isNotSameAs(previous);
            assertThat(previous.isAlive()).as("the previous test's connection is closed").isFalse();
            assertThat(connection.domains()).isEmpty();
            assertThat(clock.nanoTime()).isZero();
            VirtDomain elsewhere = connection.define(DomainBuilder.named("elsewhere").memory(DataSize.gib(1)).vcpus(1)
                    .disk(d -> d.file("/srv/elsewhere.qcow2")).build());
            org.assertj.core.api.Assertions.assertThatThrownBy(elsewhere::start).as("only the images @FakeHost names")
                    .isExactlyInstanceOf(io.virtforge.connect.NotFoundException.class);
        }
    }

    /** A fixture name that does not exist. */
    @FakeHost("nope")
    @ExtendWith(OnlyThroughLaunch.class)
    static class UnknownHostSample {
        @Test
        void needsAHost(VirtConnection connection) {
        }
    }

    /** Constructor injection is refused: the fakes are per test. */
    @VirtforgeTest
    @ExtendWith(OnlyThroughLaunch.class)
    static class ConstructorSample {
        ConstructorSample(VirtConnection connection) {
        }

        @Test
        void test() {
        }
    }

    @Test
    void injectsTheFixtureAndItsParts() {
        Launch l = Launch.run(InjectionSample.class);
        assertThat(l.outcomes).containsEntry("everythingIsInjected(VirtConnection, FakeVirtConnection, HostTopology, "
                + "HostState, FakeSysfs, FakeClock, Fixture)", "passed")
                .containsEntry("aMethodChoosesItsOwnHost(HostTopology, VirtConnection)", "passed")
                .containsEntry("aNestedClassUsesTheEnclosingHost(VirtConnection)", "passed");
    }

    @Test
    void everyTestGetsFreshState() {
        Launch l = Launch.run(FreshStateSample.class);
        assertThat(l.outcomes.values()).containsOnly("passed").hasSize(2);
    }

    @Test
    void anUnknownFixtureNamesTheKnownOnes() {
        Launch l = Launch.run(UnknownHostSample.class);
        assertThat(l.outcomes.get("needsAHost(VirtConnection)")).startsWith("failed:")
                .contains("@FakeHost(\"nope\")", "the fixtures are xeon-2s, epyc-nps4");
    }

    @Test
    void constructorInjectionIsRefusedWithAReason() {
        Launch l = Launch.run(ConstructorSample.class);
        assertThat(l.outcomes.get("test()")).startsWith("failed:").contains("fakes are per test");
    }
}
