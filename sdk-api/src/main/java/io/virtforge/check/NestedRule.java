package io.virtforge.check;

import io.virtforge.model.CpuFeature;
import io.virtforge.model.FeaturePolicy;
import io.virtforge.topology.CpuVendor;
import io.virtforge.topology.KvmSupport;
import java.util.Optional;

/**
 * {@code NESTED_UNAVAILABLE}: the domain requires {@code vmx} or {@code svm} (policy {@code require} or
 * {@code force}, or none, which libvirt reads as {@code require}) and the host cannot give it: the other
 * vendor's feature, the KVM module not loaded or with nesting off, or no usable {@code /dev/kvm}. Without
 * the host's KVM facts ({@link io.virtforge.topology.HostTopology#kvm()}, e.g. a host read from libvirt's
 * capabilities) the rule says nothing rather than guess.
 */
final class NestedRule {
    private NestedRule() {
    }

    static void check(CheckContext ctx, Findings out) {
        Optional<KvmSupport> kvm = ctx.topology().kvm();
        if (kvm.isEmpty()) {
            return;
        }
        ctx.domain().cpu().ifPresent(cpu -> cpu.features().stream().filter(NestedRule::demanded).forEach(f -> {
            String path = Paths.CPU + "/feature[@name='" + f.name() + "']";
            CpuVendor wanted = CpuVendor.ofFeature(f.name()).orElseThrow();
            CpuVendor host = kvm.get().vendor();
            if (wanted != host) {
                out.add(path, "the domain requires " + f.name() + " (" + wanted + " virtualisation) but the host's "
                        + "CPUs are " + host, host.virtualizationFeature().map(v -> "require " + v + " instead "
                        + "(DomainBuilder cpu(c -> c.nested(host)) picks it by vendor)")
                        .orElse("run the domain on an Intel or AMD host"));
                return;
            }
            kvm.get().whyNoNesting().ifPresent(why -> out.add(path, "the domain requires " + f.name()
                    + " for nested virtualisation but " + why.reason(), why.fix()));
        }));
    }

    private static boolean demanded(CpuFeature f) {
        Optional<FeaturePolicy> p = f.policy();
        return CpuVendor.ofFeature(f.name()).isPresent()
                && (p.isEmpty() || p.get() == FeaturePolicy.REQUIRE || p.get() == FeaturePolicy.FORCE);
    }
}
