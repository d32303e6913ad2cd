package io.virtforge.build;

import io.virtforge.model.Cpu;
import io.virtforge.model.CpuMode;
import io.virtforge.model.CpuTopology;
import io.virtforge.model.FeaturePolicy;
import io.virtforge.topology.CpuVendor;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.KvmSupport;

/**
 * The guest CPU, as {@link DomainBuilder#cpu} describes it: a mode (host-passthrough, host-model, or
 * a named model), the topology and features.
 */
public final class GuestCpuSpec {
    final Cpu.Builder cpu;
    private boolean topologySet;

    GuestCpuSpec(Cpu.Builder cpu) {
        this.cpu = cpu;
    }

    /** The host CPU exactly: fastest; the guest migrates only to identical hosts. */
    public GuestCpuSpec hostPassthrough() {
        cpu.mode(CpuMode.HOST_PASSTHROUGH);
        return this;
    }

    /** The host's CPU model as libvirt understands it: near-native and migratable to similar hosts. */
    public GuestCpuSpec hostModel() {
        cpu.mode(CpuMode.HOST_MODEL);
        return this;
    }

    /** A named model, e.g. {@code Skylake-Server}, matched exactly. */
    public GuestCpuSpec model(String name) {
        cpu.mode(CpuMode.CUSTOM).match("exact").model(name);
        return this;
    }

    /** How libvirt checks the guest CPU against the host: none, partial or full. */
    public GuestCpuSpec check(String check) {
        cpu.check(check);
        return this;
    }

    /** The guest topology, one die per socket; sockets x cores x threads must equal the vCPU count. */
    public GuestCpuSpec topology(int sockets, int cores, int threads) {
        cpu.topology(CpuTopology.of(sockets, 1, cores, threads));
        topologySet = true;
        return this;
    }

    /** Requires a feature (e.g. {@code vmx} for nested virtualisation). */
    public GuestCpuSpec require(String feature) {
        cpu.feature(FeaturePolicy.REQUIRE, feature);
        return this;
    }

    /**
     * Lets the guest run guests of its own on {@code host}: requires the host vendor's virtualisation feature
     * ({@code vmx} on Intel, {@code svm} on AMD) and, unless {@link #hostModel()} was chosen, uses
     * {@link #hostPassthrough()} (the production checklist accepts both; passthrough gives the guest every
     * nesting feature of the host). Whether the host's KVM module has nesting on is the validator's
     * {@code NESTED_UNAVAILABLE} check, run by {@link DomainBuilder#buildFor}.
     *
     * @throws NestingUnavailableException when the host's CPU vendor is unknown or neither Intel nor AMD
     */
    public GuestCpuSpec nested(HostTopology host) {
        CpuVendor vendor = host.kvm().map(KvmSupport::vendor).filter(v -> v != CpuVendor.UNRECOGNIZED)
                .orElseGet(() -> CpuVendor.of(host.cpuVendor().orElse("")));
        String feature = vendor.virtualizationFeature().orElseThrow(() -> new NestingUnavailableException(
                "the host's CPU vendor (" + host.cpuVendor().orElse("not known") + ") is neither Intel nor AMD: "
                + "no feature to require for nested virtualisation"));
        CpuMode mode = cpu.build().mode().orElse(null);
        if (mode != CpuMode.HOST_MODEL && mode != CpuMode.HOST_PASSTHROUGH) {
            hostPassthrough();
        }
        return require(feature);
    }

    /** Disables a feature. */
    public GuestCpuSpec disable(String feature) {
        cpu.feature(FeaturePolicy.DISABLE, feature);
        return this;
    }

    boolean topologySet() {
        return topologySet;
    }
}
