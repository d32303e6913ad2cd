package io.virtforge.fake.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.check.Finding;
import io.virtforge.check.Report;
import io.virtforge.check.Severity;
import io.virtforge.fake.kernel.FakeHostBuilder;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.kernel.KvmSpec;
import io.virtforge.host.audit.HostTuningAudit;
import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.discovery.KvmReader;
import io.virtforge.host.sysfs.KvmPaths;
import io.virtforge.topology.CpuVendor;
import io.virtforge.topology.KvmSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The KVM facts on fake kernels: every vendor, module, parameter and device case, into topology and audit. */
class KvmFactsTest {
    private static FakeSysfs host(String vendor, Consumer<KvmSpec> kvm) {
        return FakeSysfs.builder().cpuPower(vendor, "intel_idle", "intel_pstate").kvm(kvm).build();
    }

    private static KvmSupport read(FakeSysfs sysfs) {
        return KvmReader.read(sysfs);
    }

    @Test
    void intelWithNestingOn() {
        assertThat(read(host("GenuineIntel", k -> k.nested(true))))
                .isEqualTo(new KvmSupport(CpuVendor.INTEL, true, true, true));
        assertThat(read(host("GenuineIntel", k -> k.nested(true))).nestedAvailable()).isTrue();
    }

    @Test
    void amdWithNestingOff() {
        FakeSysfs amd = host("AuthenticAMD", k -> k.nested(false));
        assertThat(amd.readTrimmed(KvmPaths.nested("kvm_amd"))).isEqualTo("0");
        KvmSupport kvm = read(amd);
        assertThat(kvm).isEqualTo(new KvmSupport(CpuVendor.AMD, true, false, true));
        assertThat(kvm.whyNoNesting().orElseThrow().fix()).contains("options kvm_amd nested=1");
    }

    @ParameterizedTest
    @CsvSource({"GenuineIntel,Y,true", "GenuineIntel,N,false", "GenuineIntel,y,true", "AuthenticAMD,1,true",
        "AuthenticAMD,0,false", "HygonGenuine,1,true", "AuthenticAMD,2,false"})
    void theParameterAsEachModuleShowsIt(String vendor, String text, boolean on) {
        assertThat(read(host(vendor, k -> k.nestedText(text))).nested()).isEqualTo(on);
    }

    @Test
    void aModuleWithoutTheParameterFileHasNestingOff() {
        KvmSupport kvm = read(host("GenuineIntel", k -> k.nestedText(null)));
        assertThat(kvm.moduleLoaded()).isTrue();
        assertThat(kvm.nested()).isFalse();
    }

    @Test
    void noModuleNoDevice() {
        KvmSupport kvm = read(host("GenuineIntel", KvmSpec::notLoaded));
        assertThat(kvm).isEqualTo(new KvmSupport(CpuVendor.INTEL, false, false, false));
        assertThat(kvm.whyNoNesting().orElseThrow().reason()).contains("kvm_intel module is not loaded");
    }

    @Test
    void aDeviceWithoutWritePermissionIsNotUsable() {
        KvmSupport kvm = read(host("GenuineIntel", k -> k.device(KvmSpec.DevKvm.READ_ONLY)));
        assertThat(kvm.deviceUsable()).isFalse();
        assertThat(kvm.moduleLoaded()).isTrue();
        assertThat(kvm.whyNoNesting().orElseThrow().reason()).contains("/dev/kvm");
    }

    @Test
    void anUnknownVendorOrNoCpuinfo() {
        KvmSupport via = read(host("CentaurHauls", k -> { }));
        assertThat(via.vendor()).isEqualTo(CpuVendor.UNRECOGNIZED);
        assertThat(via.moduleLoaded()).isFalse();
        assertThat(via.deviceUsable()).isTrue();
        assertThat(via.nestedAvailable()).isFalse();
        assertThat(read(host(null, k -> { })).vendor()).isEqualTo(CpuVendor.UNRECOGNIZED);
        assertThat(read(FakeSysfs.empty())).isEqualTo(new KvmSupport(CpuVendor.UNRECOGNIZED, false, false, false));
    }

    @Test
    void discoveryPutsTheFactsInTheTopology() {
        FakeSysfs amd = host("AuthenticAMD", k -> k.nested(false));
        assertThat(new HostDiscovery(amd).topology().kvm()).contains(new KvmSupport(CpuVendor.AMD, true, false, true));
    }

    @Test
    void theAuditSaysWhenNestingIsOffAndWhenKvmIsMissing() {
        Report off = new HostTuningAudit(host("AuthenticAMD", k -> k.nested(false))).audit();
        Finding nested = off.findings("NESTED_DISABLED").get(0);
        assertThat(nested.severity()).isEqualTo(Severity.INFO);
        assertThat(nested.path()).isEqualTo("/sys/module/kvm_amd/parameters/nested");
        assertThat(nested.hint()).contains("options kvm_amd nested=1");
        assertThat(off.has("KVM_UNAVAILABLE")).isFalse();

        Report missing = new HostTuningAudit(host("GenuineIntel", KvmSpec::notLoaded)).audit();
        assertThat(missing.findings("KVM_UNAVAILABLE")).extracting(Finding::path).containsExactly("/dev/kvm");
        assertThat(missing.findings("KVM_UNAVAILABLE").get(0).hint()).contains("modprobe kvm_intel");
        assertThat(missing.has("NESTED_DISABLED")).isFalse();

        Report on = new HostTuningAudit(host("GenuineIntel", k -> k.nested(true))).audit();
        assertThat(on.has("NESTED_DISABLED") || on.has("KVM_UNAVAILABLE")).isFalse();
    }

    @Test
    void theDefaultFakeHostHasKvmWithNesting() {
        FakeHostBuilder b = FakeSysfs.builder();
        assertThat(read(b.build()).nestedAvailable()).isTrue();
    }
}
