package io.virtforge.testkit.junit;

import io.virtforge.fake.fixtures.Fixtures;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fixture host ({@link Fixtures}) a {@link VirtforgeTest} runs against; on a method it overrides the
 * class's, on a nested class its enclosing class's. Registers the extension itself, so it can be used
 * without {@link VirtforgeTest}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(VirtforgeExtension.class)
public @interface FakeHost {
    /** The fixture name, e.g. {@value Fixtures#XEON_2S}. */
    String value();

    /**
     * The disk images the host has, as absolute paths; one ending in {@code /} makes every path below that folder
     * an image (e.g. {@code "/var/lib/libvirt/images/"}). A domain whose disk names anything else does not start,
     * as on QEMU ({@link io.virtforge.fake.libvirt.FakeStorage}). Default: none.
     */
    String[] images() default {};
}
