package io.virtforge.host.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.value.CpuSet;
import org.junit.jupiter.api.Test;

/** The kernel texts the host helpers parse. */
class HostTextParsingTest {
    @Test
    void commandLineParametersLastWinsAndInitArgumentsAreLeftOut() {
        KernelCommandLine c = KernelCommandLine.parse("BOOT_IMAGE=/vmlinuz quiet intel_iommu=on,sm_on iommu=pt "
                + "foo=\"a b\" isolcpus=2-3 isolcpus=4-7 -- --init-arg=1");
        assertThat(c.value("intel_iommu")).hasValue("on,sm_on");
        assertThat(c.hasOption("intel_iommu", "on")).isTrue();
        assertThat(c.hasOption("iommu", "pt")).isTrue();
        assertThat(c.has("quiet")).isTrue();
        assertThat(c.value("quiet")).hasValue("");
        assertThat(c.value("foo")).hasValue("a b");
        assertThat(c.value("isolcpus")).hasValue("4-7");
        assertThat(c.has("--init-arg")).isFalse();
        // what IommuStatus makes of this command line: io.virtforge.host.pci.IommuStatusTest
    }

    @Test
    void listsMasksMeminfoAndChoices() {
        assertThat(KernelValues.cpuList("\n")).isEqualTo(CpuSet.empty());
        assertThat(KernelValues.cpuList("0-3,8\n")).isEqualTo(CpuSet.parse("0-3,8"));
        assertThat(KernelValues.cpuMask("00000001,00000011\n")).isEqualTo(CpuSet.of(0, 4, 32));
        assertThat(KernelValues.meminfoKib("Node 1 MemTotal:       67098848 kB\nNode 1 MemFree: 1 kB\n", "MemTotal"))
                .hasValue(67098848);
        assertThat(KernelValues.meminfoKib("MemTotal: 5 kB\nHugepagesize:       2048 kB\n", "Hugepagesize"))
                .hasValue(2048);
        assertThat(KernelValues.meminfoKib("AnonHugePages: 0 kB\n", "HugePages")).isEmpty();
        assertThat(KernelValues.selectedChoice("always [madvise] never\n")).isEqualTo("madvise");
        assertThat(KernelValues.selectedChoice("1\n")).isEqualTo("1");
        assertThat(KernelValues.hex("0x020000\n")).isEqualTo(0x020000);
        assertThat(KernelValues.numberedName("node12", "node")).isEqualTo(12);
        assertThat(KernelValues.numberedName("nodes", "node")).isEqualTo(-1);
        assertThat(KernelValues.numberedName("possible", "")).isEqualTo(-1);
    }
}
