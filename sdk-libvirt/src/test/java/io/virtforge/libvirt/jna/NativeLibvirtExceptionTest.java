package io.virtforge.libvirt.jna;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.VirtforgeException;
import org.junit.jupiter.api.Test;

class NativeLibvirtExceptionTest {
    @Test
    void namesLibvirtsNumbersAndKeepsTheRawValues() {
        NativeLibvirtException e = new NativeLibvirtException("virNodeAllocPages", 3, 20, 2, "not supported");
        assertThat(e).isInstanceOf(VirtforgeException.class);
        assertThat(e.codeName()).isEqualTo("VIR_ERR_NO_SUPPORT");
        assertThat(e.domainName()).isEqualTo("VIR_FROM_DOMAIN");
        assertThat(e.isUnsupported()).isTrue();
        assertThat(e.getMessage()).isEqualTo(
                "virNodeAllocPages failed: not supported [code 3 VIR_ERR_NO_SUPPORT, domain 20 VIR_FROM_DOMAIN]");
    }

    @Test
    void numbersNewerThanLibvirtJavaStayNumeric() {
        NativeLibvirtException e = new NativeLibvirtException("f", 999, 998, 2, null);
        assertThat(e.codeName()).isEqualTo("code 999");
        assertThat(e.domainName()).isEqualTo("domain 998");
        assertThat(e.libvirtMessage()).isNull();
        assertThat(e.isUnsupported()).isFalse();
        assertThat(e.getMessage()).contains("(no message)");
    }
}
