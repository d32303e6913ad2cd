package io.virtforge.testkit.junit;

import io.virtforge.fake.fixtures.Fixture;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.libvirt.FakeClock;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class (or method) that uses Virtforge's fakes: test and lifecycle methods can take a
 * {@link io.virtforge.connect.VirtConnection} (a {@link FakeVirtConnection}), a
 * {@link io.virtforge.topology.HostTopology}, a {@link io.virtforge.topology.HostState}, a
 * {@link FakeSysfs}, a {@link FakeClock} or the {@link Fixture}, all of one fixture host (chosen with
 * {@link FakeHost}, default {@value Fixtures#XEON_2S}), fresh for every test.
 *
 * <pre>{@code
 * @VirtforgeTest
 * @FakeHost("xeon-2s")
 * class PlacementTest {
 *     @Test
 *     void startsPinnedVm(VirtConnection connection, FakeClock clock) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(VirtforgeExtension.class)
public @interface VirtforgeTest {
}
