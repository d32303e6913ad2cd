package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.LibvirtErrors.Call;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.VirtException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;

/**
 * The extraction of libvirt's error details and the hand-over to the shared classification (its table is
 * tested in sdk-api's {@code LibvirtErrorsTest}); and that the shared constants are libvirt's own numbers,
 * as libvirt-java's enums (declared in libvirt's order) carry them.
 */
class ErrorMappingTest {
    @Test
    void theSharedCodeConstantsAreLibvirtsNumbers() throws Exception {
        int checked = 0;
        for (Field f : LibvirtErrors.class.getDeclaredFields()) {
            if (f.getType() != int.class || !Modifier.isStatic(f.getModifiers()) || !Modifier.isPublic(f.getModifiers())) {
                continue;
            }
            int value = f.getInt(null);
            int libvirts = f.getName().startsWith("VIR_FROM_") ? ErrorDomain.valueOf(f.getName()).ordinal()
                    : ErrorNumber.valueOf(f.getName()).ordinal();
            assertThat(libvirts).as(f.getName()).isEqualTo(value);
            checked++;
        }
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void libvirtJavasEnumsCarryTheNumberUnlessUnknown() {
        assertThat(ErrorMapping.number(ErrorNumber.VIR_ERR_NO_DOMAIN)).isEqualTo(42);
        assertThat(ErrorMapping.number(ErrorDomain.VIR_FROM_QEMU)).isEqualTo(10);
        assertThat(ErrorMapping.number(ErrorNumber.VIR_ERR_UNKNOWN)).isEqualTo(-1);
        assertThat(ErrorMapping.number(null)).isZero();
    }

    @Test
    void theSharedClassificationPicksTheClassAndTheMessageSaysWhatTheSdkWasDoing() {
        VirtException other = ErrorMapping.map("doing it", 1, 10, "internal error: boom", Call.GENERAL);
        assertThat(other).isExactlyInstanceOf(VirtException.class);
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.errorDomain()).isEqualTo(10);
        assertThat(other.libvirtMessage()).isEqualTo("internal error: boom");
        assertThat(other.getMessage()).isEqualTo("doing it failed: internal error: boom [libvirt code 1, domain 10]");
        assertThat(ErrorMapping.map("doing it", 1, 10, null, Call.GENERAL).getMessage())
                .isEqualTo("doing it failed: (no message from libvirt) [libvirt code 1, domain 10]");
        assertThat(ErrorMapping.map("starting", 1, 10, "unable to map backing store for guest RAM", Call.START))
                .isExactlyInstanceOf(HostResourceException.class);
        assertThat(ErrorMapping.map("reading free pages", 1, 0, "internal error: start cell 7 out of range (0-0)",
                Call.GENERAL)).isExactlyInstanceOf(NotFoundException.class);
    }
}
