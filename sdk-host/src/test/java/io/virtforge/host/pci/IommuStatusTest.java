package io.virtforge.host.pci;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.host.sysfs.KernelCommandLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IOMMU parameters of the kernel command line (moved out of the sysfs package's HostTextParsingTest). */
class IommuStatusTest {
    @Test
    void iommuParametersOfTheCommandLine() {
        KernelCommandLine c = KernelCommandLine.parse("BOOT_IMAGE=/vmlinuz quiet intel_iommu=on,sm_on iommu=pt "
                + "foo=\"a b\" isolcpus=2-3 isolcpus=4-7 -- --init-arg=1");
        IommuStatus s = IommuStatus.of(List.of("dmar0"), c);
        assertThat(s.enabled()).isTrue();
        assertThat(s.passthrough()).isTrue();
        assertThat(s.intelIommu()).hasValue("on,sm_on");
        assertThat(s.amdIommu()).isEmpty();
    }
}
