package io.virtforge.check;

import static io.virtforge.check.RuleFixtures.HOST;
import static io.virtforge.check.RuleFixtures.check;
import static io.virtforge.check.RuleFixtures.domain;
import static io.virtforge.check.RuleFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Domain;
import io.virtforge.topology.CpuVendor;
import io.virtforge.topology.HostState;
import io.virtforge.topology.KvmSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code NESTED_UNAVAILABLE}: a domain requiring vmx or svm on a host that cannot give it. */
class NestedRuleTest {
    private static final String VMX_PATH = "/domain/cpu/feature[@name='vmx']";

    private static HostState host(KvmSupport kvm) {
        return HostState.of(HOST.toBuilder().kvm(kvm).build());
    }

    private static Domain requiring(String feature, String policy) {
        return domain("<cpu mode='host-passthrough'><feature " + (policy == null ? "" : "policy='" + policy + "' ")
                + "name='" + feature + "'/></cpu>");
    }

    @Test
    void nestingOffNamesTheModuleOptionAsTheFix() {
        Finding f = single(check(CpuRules.NESTED_UNAVAILABLE, requiring("vmx", "require"),
                host(new KvmSupport(CpuVendor.INTEL, true, false, true))), "NESTED_UNAVAILABLE", Severity.ERROR,
                VMX_PATH);
        assertThat(f.message()).contains("kvm_intel").contains("nesting off");
        assertThat(f.hint()).contains("options kvm_intel nested=1").contains("kvm_intel.nested=1");
    }

    @Test
    void amdHostWithNestingOffNamesKvmAmd() {
        Finding f = single(check(CpuRules.NESTED_UNAVAILABLE, requiring("svm", "force"),
                host(new KvmSupport(CpuVendor.AMD, true, false, true))), "NESTED_UNAVAILABLE", Severity.ERROR,
                "/domain/cpu/feature[@name='svm']");
        assertThat(f.hint()).contains("options kvm_amd nested=1");
    }

    @Test
    void moduleNotLoaded() {
        Finding f = single(check(CpuRules.NESTED_UNAVAILABLE, requiring("vmx", null),
                host(new KvmSupport(CpuVendor.INTEL, false, false, false))), "NESTED_UNAVAILABLE", Severity.ERROR,
                VMX_PATH);
        assertThat(f.message()).contains("kvm_intel module is not loaded");
        assertThat(f.hint()).contains("modprobe kvm_intel nested=1");
    }

    @Test
    void noUsableDevKvm() {
        Finding f = single(check(CpuRules.NESTED_UNAVAILABLE, requiring("vmx", "require"),
                host(new KvmSupport(CpuVendor.INTEL, true, true, false))), "NESTED_UNAVAILABLE", Severity.ERROR,
                VMX_PATH);
        assertThat(f.message()).contains("/dev/kvm");
    }

    @Test
    void theOtherVendorsFeatureSaysWhichToRequire() {
        Finding f = single(check(CpuRules.NESTED_UNAVAILABLE, requiring("vmx", "require"),
                host(new KvmSupport(CpuVendor.AMD, true, true, true))), "NESTED_UNAVAILABLE", Severity.ERROR,
                VMX_PATH);
        assertThat(f.message()).contains("AMD");
        assertThat(f.hint()).contains("require svm");
    }

    @Test
    void nestingOnIsClean() {
        assertThat(check(CpuRules.NESTED_UNAVAILABLE, requiring("vmx", "require"),
                host(new KvmSupport(CpuVendor.INTEL, true, true, true)))).isEmpty();
        assertThat(check(CpuRules.NESTED_UNAVAILABLE, requiring("svm", null),
                host(new KvmSupport(CpuVendor.AMD, true, true, true)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"optional", "disable", "forbid"})
    void aFeatureNotDemandedIsNotChecked(String policy) {
        assertThat(check(CpuRules.NESTED_UNAVAILABLE, requiring("vmx", policy),
                host(new KvmSupport(CpuVendor.INTEL, true, false, true)))).isEmpty();
    }

    @Test
    void otherFeaturesAndHostsWithoutKvmFactsAreNotChecked() {
        assertThat(check(CpuRules.NESTED_UNAVAILABLE, requiring("avx2", "require"),
                host(new KvmSupport(CpuVendor.INTEL, false, false, false)))).isEmpty();
        assertThat(check(CpuRules.NESTED_UNAVAILABLE, requiring("vmx", "require"), HostState.of(HOST))).isEmpty();
    }

    @Test
    void theStandardProfileRunsIt() {
        Report r = Validator.standard().validate(requiring("vmx", "require"),
                host(new KvmSupport(CpuVendor.INTEL, true, false, true)));
        assertThat(r.findings()).extracting(Finding::code).contains("NESTED_UNAVAILABLE");
    }
}
