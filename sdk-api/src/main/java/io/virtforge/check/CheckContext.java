package io.virtforge.check;

import io.virtforge.model.Domain;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import java.util.Optional;

/** What a rule sees: the domain, its footprint, the host (when validating against one) and the options. */
public final class CheckContext {
    private final Domain domain;
    private final HostState host;
    private final ValidationOptions options;
    private final DomainFootprint footprint;

    CheckContext(Domain domain, HostState host, ValidationOptions options) {
        this.domain = domain;
        this.host = host;
        this.options = options;
        this.footprint = host == null ? DomainFootprint.of(domain, io.virtforge.value.PageSize.MIB_2)
                : DomainFootprint.of(domain, host.topology());
    }

    /** The domain being checked. */
    public Domain domain() {
        return domain;
    }

    /** The host state, when validating against a host. */
    public Optional<HostState> hostState() {
        return Optional.ofNullable(host);
    }

    /** The host state; only for rules that declare {@link Rule#needsHost()}. */
    public HostState host() {
        if (host == null) {
            throw new IllegalStateException("this rule needs a host");
        }
        return host;
    }

    /** The host topology; only for rules that declare {@link Rule#needsHost()}. */
    public HostTopology topology() {
        return host().topology();
    }

    /** What the domain takes from a host. */
    public DomainFootprint footprint() {
        return footprint;
    }

    /** The thresholds. */
    public ValidationOptions options() {
        return options;
    }

    /** True for domains run by QEMU (types kvm and qemu), whose driver has its own requirements. */
    public boolean isQemu() {
        String t = domain.typeAsString().orElse("");
        return t.equals("kvm") || t.equals("qemu");
    }
}
