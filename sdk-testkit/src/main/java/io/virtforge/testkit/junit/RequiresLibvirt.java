package io.virtforge.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class or method only where libvirt answers at a URI: libvirt's library and {@code virsh} are
 * installed and {@code virsh -c <uri> version} succeeds within the timeout; otherwise the tests are skipped
 * with the reason (as Testcontainers skips without Docker). The probe runs once per URI and JVM. Setting
 * the system property {@code virtforge.libvirt.skip=true} skips them all.
 *
 * <p>{@code uri = RequiresLibvirt.TEST_LIBVIRTD} names the private libvirtd a test run started for itself
 * ({@link TestLibvirtd}): without one the tests skip, they never fall back to the machine's own daemon. Tests
 * that change a QEMU daemon's state should use it rather than {@code qemu:///system}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RequiresLibvirtCondition.class)
public @interface RequiresLibvirt {
    /** Stands for the private test daemon's URI, {@link TestLibvirtd#uri()}; not a libvirt URI itself. */
    String TEST_LIBVIRTD = "virtforge-test-libvirtd:";

    /** The connection URI the tests need. */
    String uri() default "qemu:///system";

    /** How long the probe may take, in seconds. */
    int timeoutSeconds() default 15;
}
