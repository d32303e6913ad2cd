package io.virtforge.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.check.DomainValidationException;
import io.virtforge.model.Cpu;
import io.virtforge.model.CpuFeature;
import io.virtforge.model.CpuMode;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.model.FeaturePolicy;
import io.virtforge.testing.LibvirtSchema;
import io.virtforge.topology.CpuVendor;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.KvmSupport;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.DataSize;
import org.junit.jupiter.api.Test;

/** The builder's nested option: vmx or svm by the host's vendor, a checklist CPU mode, and the host check. */
class NestedCpuTest {
    private static final HostTopology BASE = SyntheticHost.of(1, 1, 4, 1, DataSize.gib(16), 0).build();

    private static HostTopology host(KvmSupport kvm) {
        return BASE.toBuilder().kvm(kvm).build();
    }

    private static Cpu cpuOf(Domain d) {
        return d.cpu().orElseThrow();
    }

    @Test
    void intelHostGetsVmxAndHostPassthrough() {
        HostTopology h = host(new KvmSupport(CpuVendor.INTEL, true, true, true));
        Domain d = DomainBuilder.named("n").memory(DataSize.gib(1)).cpu(c -> c.nested(h)).buildFor(HostState.of(h));
        assertThat(cpuOf(d).mode()).contains(CpuMode.HOST_PASSTHROUGH);
        assertThat(cpuOf(d).features()).extracting(CpuFeature::name, CpuFeature::policy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("vmx", java.util.Optional.of(FeaturePolicy.REQUIRE)));
        assertThat(LibvirtSchema.errors("domain", DomainXml.defaults().write(d))).isEmpty();
    }

    @Test
    void amdHostGetsSvmAndKeepsHostModel() {
        HostTopology h = host(new KvmSupport(CpuVendor.AMD, true, true, true));
        Domain d = DomainBuilder.named("n").memory(DataSize.gib(1)).cpu(c -> c.hostModel().nested(h)).build();
        assertThat(cpuOf(d).mode()).contains(CpuMode.HOST_MODEL);
        assertThat(cpuOf(d).features()).extracting(CpuFeature::name).containsExactly("svm");
    }

    @Test
    void withoutKvmFactsTheVendorComesFromLibvirtsCapabilities() {
        HostTopology h = BASE.toBuilder().cpuModel("EPYC", "AMD").build();
        Domain d = DomainBuilder.named("n").memory(DataSize.gib(1)).cpu(c -> c.model("EPYC").nested(h)).build();
        assertThat(cpuOf(d).mode()).contains(CpuMode.HOST_PASSTHROUGH);
        assertThat(cpuOf(d).features()).extracting(CpuFeature::name).containsExactly("svm");
    }

    @Test
    void anUnknownVendorIsATypedError() {
        assertThatThrownBy(() -> DomainBuilder.named("n").memory(DataSize.gib(1)).cpu(c -> c.nested(BASE)).build())
                .isInstanceOf(NestingUnavailableException.class).hasMessageContaining("neither Intel nor AMD");
    }

    @Test
    void buildForRefusesAHostWithNestingOff() {
        HostTopology h = host(new KvmSupport(CpuVendor.INTEL, true, false, true));
        assertThatThrownBy(() -> DomainBuilder.named("n").memory(DataSize.gib(1)).cpu(c -> c.nested(h))
                .buildFor(HostState.of(h))).isInstanceOf(DomainValidationException.class)
                .hasMessageContaining("NESTED_UNAVAILABLE");
    }
}
