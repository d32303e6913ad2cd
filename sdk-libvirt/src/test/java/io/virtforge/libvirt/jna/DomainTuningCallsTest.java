package io.virtforge.libvirt.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

class DomainTuningCallsTest extends OnTestDriver {
    private Domain test;

    @BeforeEach
    void takeTheTestDomain() throws Exception {
        test = driver.testDomain();
    }

    @Test
    void emulatorPinInfoOfAnUnpinnedDomainIsEveryHostCpu() {
        BitSet all = new BitSet();
        all.set(0, 8); // virsh: "emulator: CPU Affinity  *: 0-7"
        assertThat(NativeLibvirt.emulatorPinInfo(test, NativeFlags.AFFECT_LIVE)).isEqualTo(all);
    }

    @Test
    void pinEmulatorThenReadBackTheSameSet() throws Exception {
        BitSet cpus = cpus(1, 2, 5);
        NativeLibvirt.pinEmulator(test, cpus, NativeFlags.AFFECT_LIVE);
        assertThat(NativeLibvirt.emulatorPinInfo(test, NativeFlags.AFFECT_LIVE)).isEqualTo(cpus);
        // libvirt-java sees the change on the same connection
        assertThat(test.getXMLDesc(0)).contains("<emulatorpin cpuset='1-2,5'/>");
    }

    @Test
    void pinEmulatorRejectsAnEmptySet() {
        assertThatThrownBy(() -> NativeLibvirt.pinEmulator(test, new BitSet(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultTestDomainHasNoIOThreads() {
        assertThat(NativeLibvirt.ioThreadInfo(test, NativeFlags.AFFECT_LIVE)).isEmpty();
    }

    @Test
    void pinIOThreadThenReadBackItsAffinity() throws Exception {
        Domain dom = driver.startWithIOThreads("iot", 2);
        List<IOThreadInfo> before = NativeLibvirt.ioThreadInfo(dom, NativeFlags.AFFECT_LIVE);
        assertThat(before).extracting(IOThreadInfo::iothreadId).containsExactly(1, 2);

        NativeLibvirt.pinIOThread(dom, 2, cpus(2, 4), NativeFlags.AFFECT_LIVE);

        List<IOThreadInfo> after = NativeLibvirt.ioThreadInfo(dom, NativeFlags.AFFECT_LIVE);
        assertThat(after).extracting(IOThreadInfo::iothreadId).containsExactly(1, 2);
        assertThat(after.get(1).cpuAffinity()).isEqualTo(cpus(2, 4));
        assertThat(after.get(0).cpuAffinity()).isEqualTo(before.get(0).cpuAffinity());
        assertThat(dom.getXMLDesc(0)).contains("<iothreadpin iothread='2' cpuset='2,4'/>");
    }

    @Test
    void pinningAnIOThreadThatDoesNotExistFails() throws Exception {
        Domain dom = driver.startWithIOThreads("iot", 1);
        assertThatThrownBy(() -> NativeLibvirt.pinIOThread(dom, 7, cpus(0), NativeFlags.AFFECT_LIVE))
                .isInstanceOfSatisfying(NativeLibvirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(NativeLibvirtException.VIR_ERR_INVALID_ARG);
                    assertThat(e.domain()).isEqualTo(NativeLibvirtException.VIR_FROM_TEST);
                    assertThat(e.function()).isEqualTo("virDomainPinIOThread");
                    assertThat(e.libvirtMessage()).contains("7");
                });
    }

    @Test
    void numaParametersOfTheDefaultDomain() {
        // virsh numatune test: "numa_mode : strict", "numa_nodeset : " (empty)
        Map<String, Object> numa = NativeLibvirt.numaParameters(test, NativeFlags.AFFECT_LIVE);
        assertThat(numa).containsEntry("numa_mode", 0).containsEntry("numa_nodeset", "");
        assertThat(numa.keySet()).containsExactly("numa_mode", "numa_nodeset");
    }

    @Test
    void numaParametersRoundTrip() throws Exception {
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("numa_mode", 2); // VIR_DOMAIN_NUMATUNE_MEM_INTERLEAVE
        wanted.put("numa_nodeset", "0-1");
        NativeLibvirt.setNumaParameters(test, wanted, NativeFlags.AFFECT_LIVE);

        Map<String, Object> read = NativeLibvirt.numaParameters(test, NativeFlags.AFFECT_LIVE);
        assertThat(read).isEqualTo(wanted);
        assertThat(test.getXMLDesc(0)).contains("<memory mode='interleave' nodeset='0-1'/>");

        NativeLibvirt.setNumaParameters(test, read, NativeFlags.AFFECT_LIVE); // what was read can be sent back
        assertThat(NativeLibvirt.numaParameters(test, NativeFlags.AFFECT_LIVE)).isEqualTo(wanted);
    }

    @Test
    void aModeWithoutANodesetIsRefused() {
        assertThatThrownBy(() -> NativeLibvirt.setNumaParameters(test, Map.of("numa_mode", 1), NativeFlags.AFFECT_LIVE))
                .isInstanceOfSatisfying(NativeLibvirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(67); // VIR_ERR_CONFIG_UNSUPPORTED
                    assertThat(e.codeName()).isEqualTo("VIR_ERR_CONFIG_UNSUPPORTED");
                    assertThat(e.domain()).isEqualTo(NativeLibvirtException.VIR_FROM_DOMAIN);
                    assertThat(e.libvirtMessage()).contains("nodeset for NUMA memory tuning must be set");
                });
    }

    @Test
    void theNumaModeOfARunningDomainCannotChangeOnceSet() {
        NativeLibvirt.setNumaParameters(test, numa(2, "0"), NativeFlags.AFFECT_LIVE);
        assertThatThrownBy(() -> NativeLibvirt.setNumaParameters(test, numa(1, "0"), NativeFlags.AFFECT_LIVE))
                .isInstanceOfSatisfying(NativeLibvirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(NativeLibvirtException.VIR_ERR_OPERATION_INVALID);
                    assertThat(e.domain()).isEqualTo(NativeLibvirtException.VIR_FROM_TEST);
                    assertThat(e.libvirtMessage()).contains("can't change numatune mode for running domain");
                });
    }

    @Test
    void numaModeAcceptsAnyIntegralNumberButNotText() {
        NativeLibvirt.setNumaParameters(test, numa(1L, "1"), NativeFlags.AFFECT_LIVE); // preferred
        assertThat(NativeLibvirt.numaParameters(test, NativeFlags.AFFECT_LIVE))
                .containsEntry("numa_mode", 1).containsEntry("numa_nodeset", "1");
        assertThatThrownBy(() -> NativeLibvirt.setNumaParameters(test, Map.of("numa_mode", "strict"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numa_mode");
    }

    @Test
    void anUnknownNumaFieldIsRejectedByLibvirt() {
        assertThatThrownBy(() -> NativeLibvirt.setNumaParameters(test, Map.of("numa_bogus", 1), 0))
                .isInstanceOfSatisfying(NativeLibvirtException.class, e -> {
                    assertThat(e.function()).isEqualTo("virDomainSetNumaParameters");
                    assertThat(e.code()).isEqualTo(NativeLibvirtException.VIR_ERR_ARGUMENT_UNSUPPORTED);
                    assertThat(e.domain()).isEqualTo(NativeLibvirtException.VIR_FROM_NONE);
                    assertThat(e.libvirtMessage()).contains("numa_bogus");
                });
    }

    @Test
    void aFreedDomainIsRefused() throws Exception {
        Domain dom = conn.domainLookupByName("test");
        dom.free();
        assertThatThrownBy(() -> NativeLibvirt.emulatorPinInfo(dom, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("freed");
    }

    private static Map<String, Object> numa(Object mode, String nodeset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numa_mode", mode);
        m.put("numa_nodeset", nodeset);
        return m;
    }

    private static BitSet cpus(int... ids) {
        BitSet b = new BitSet();
        for (int id : ids) {
            b.set(id);
        }
        return b;
    }
}
