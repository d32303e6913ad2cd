package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;

/**
 * {@code <features>}: machine features (ACPI, APIC, PAE, HAP, PMU, vmport, IOAPIC) and the KVM and
 * Hyper-V enlightenments. Features this class does not type are kept.
 */
public final class Features extends XmlModel {
    static final String NAME = "features";
    static final List<String> ORDER = List.of("acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm",
            "pvspinlock", "pmu", "vmport", "gic", "smm", "ioapic");
    private final boolean acpi;
    private final boolean apic;
    private final Boolean apicEoi;
    private final boolean pae;
    private final Boolean hap;
    private final Boolean pmu;
    private final Boolean vmport;
    private final String ioapicDriver;
    private final String hypervMode;
    private final List<FeatureSwitch> hyperv;
    private final List<FeatureSwitch> kvm;

    private Features(ElementReader r) {
        super(r.element());
        acpi = r.flag("acpi");
        ElementReader a = r.sub("apic");
        apic = !a.absent();
        apicEoi = a.bool("eoi");
        a.done();
        pae = r.flag("pae");
        hap = state(r.sub("hap"));
        pmu = state(r.sub("pmu"));
        vmport = state(r.sub("vmport"));
        ElementReader io = r.sub("ioapic");
        ioapicDriver = io.attr("driver");
        io.done();
        ElementReader hv = r.sub("hyperv");
        hypervMode = hv.attr("mode");
        hyperv = FeatureSwitch.allIn(hv);
        hv.done();
        ElementReader k = r.sub("kvm");
        kvm = FeatureSwitch.allIn(k);
        k.done();
    }

    /** A present element without state means on. */
    private static Boolean state(ElementReader r) {
        if (r.absent()) {
            return null;
        }
        Boolean s = r.bool("state");
        r.done();
        return s == null || s;
    }

    static Features read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Features(r));
    }

    /** An empty features element to fill. */
    public static Builder builder() {
        return new Builder(XmlElement.builder(NAME));
    }

    /** A builder holding these features, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** {@code <acpi/>}. */
    public boolean acpi() {
        return acpi;
    }

    /** {@code <apic/>}. */
    public boolean apic() {
        return apic;
    }

    /** {@code <apic eoi>}: paravirtual end-of-interrupt. */
    public Optional<Boolean> apicEoi() {
        return Optional.ofNullable(apicEoi);
    }

    /** {@code <pae/>}. */
    public boolean pae() {
        return pae;
    }

    /** {@code <hap>}: hardware assisted paging (EPT/NPT); absent when not stated. */
    public Optional<Boolean> hap() {
        return Optional.ofNullable(hap);
    }

    /** {@code <pmu>}: the guest performance monitoring unit. */
    public Optional<Boolean> pmu() {
        return Optional.ofNullable(pmu);
    }

    /** {@code <vmport>}: VMware IO port emulation. */
    public Optional<Boolean> vmport() {
        return Optional.ofNullable(vmport);
    }

    /** {@code <ioapic driver>}: kvm or qemu. */
    public Optional<String> ioapicDriver() {
        return Optional.ofNullable(ioapicDriver);
    }

    /** {@code <hyperv mode>}: custom or passthrough. */
    public Optional<String> hypervMode() {
        return Optional.ofNullable(hypervMode);
    }

    /** The Hyper-V enlightenments. */
    public List<FeatureSwitch> hyperv() {
        return hyperv;
    }

    /** The KVM features ({@code hidden}, {@code hint-dedicated}, {@code poll-control}...). */
    public List<FeatureSwitch> kvm() {
        return kvm;
    }

    /** Builds or edits {@link Features}. */
    public static final class Builder extends ModelBuilder<Builder, Features> {
        Builder(XmlElement.Builder xml) {
            super(xml, Features::read, ORDER);
        }

        /** Adds or removes {@code <acpi/>}. */
        public Builder acpi(boolean on) {
            return flag("acpi", on);
        }

        /** Adds or removes {@code <apic/>}. */
        public Builder apic(boolean on) {
            return flag("apic", on);
        }

        /** Adds or removes {@code <pae/>}. */
        public Builder pae(boolean on) {
            return flag("pae", on);
        }

        /** Sets {@code <pmu state>} (null removes it). */
        public Builder pmu(Boolean on) {
            return attributeChild("pmu", "state", on == null ? null : on ? "on" : "off");
        }

        /** Sets {@code <vmport state>} (null removes it). */
        public Builder vmport(Boolean on) {
            return attributeChild("vmport", "state", on == null ? null : on ? "on" : "off");
        }

        /** Replaces the KVM features (an empty list removes {@code <kvm>}). */
        public Builder kvm(List<FeatureSwitch> switches) {
            XmlElement.Builder k = XmlElement.builder("kvm");
            switches.forEach(s -> k.add(s.xml()));
            xml.setElements("kvm", switches.isEmpty() ? List.of() : List.of(k.build()), ORDER);
            return this;
        }
    }
}
