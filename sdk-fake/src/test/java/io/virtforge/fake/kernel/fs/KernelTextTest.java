package io.virtforge.fake.kernel.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.virtforge.host.sysfs.Errno;
import org.junit.jupiter.api.Test;

class KernelTextTest {
    private static Errno error(Runnable r) {
        return catchThrowableOfType(KernelError.class, r::run).errno();
    }

    @Test
    void parsesNumbersAsKstrtoullDoes() {
        assertThat(KernelText.parseUnsigned("12\n", 10, Long.MAX_VALUE)).isEqualTo(12);
        assertThat(KernelText.parseUnsigned("+12", 10, Long.MAX_VALUE)).isEqualTo(12);
        assertThat(KernelText.parseUnsigned("0x10", 0, Long.MAX_VALUE)).isEqualTo(16);
        assertThat(KernelText.parseUnsigned("010", 0, Long.MAX_VALUE)).isEqualTo(8);
        assertThat(KernelText.parseUnsigned("0", 0, Long.MAX_VALUE)).isZero();
        assertThat(error(() -> KernelText.parseUnsigned("0x10", 10, Long.MAX_VALUE))).isEqualTo(Errno.EINVAL);
        assertThat(error(() -> KernelText.parseUnsigned("12\n\n", 10, Long.MAX_VALUE))).isEqualTo(Errno.EINVAL);
        assertThat(error(() -> KernelText.parseUnsigned(" 12", 10, Long.MAX_VALUE))).isEqualTo(Errno.EINVAL);
        assertThat(error(() -> KernelText.parseUnsigned("", 10, Long.MAX_VALUE))).isEqualTo(Errno.EINVAL);
        assertThat(error(() -> KernelText.parseUnsigned("65536", 0, 0xFFFF))).isEqualTo(Errno.ERANGE);
        assertThat(KernelText.parseUnsigned("65535", 0, 0xFFFF)).isEqualTo(65535);
    }

    @Test
    void parsesBooleansAsKstrtoboolDoes() {
        assertThat(KernelText.parseBool("1\n")).isTrue();
        assertThat(KernelText.parseBool("on")).isTrue();
        assertThat(KernelText.parseBool("N")).isFalse();
        assertThat(KernelText.parseBool("off")).isFalse();
        assertThat(error(() -> KernelText.parseBool("2"))).isEqualTo(Errno.EINVAL);
        assertThat(error(() -> KernelText.parseBool("o"))).isEqualTo(Errno.EINVAL);
    }
}
