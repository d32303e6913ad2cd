package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code <cpu>}: the guest CPU's mode, model, features, topology and NUMA cells. */
public final class Cpu extends XmlModel {
    static final String NAME = "cpu";
    static final List<String> ORDER = List.of("model", "vendor", "topology", "cache", "maxphysaddr", "feature", "numa");
    private final String mode;
    private final String match;
    private final String check;
    private final Boolean migratable;
    private final String model;
    private final String modelFallback;
    private final String modelVendorId;
    private final String vendor;
    private final CpuTopology topology;
    private final int cacheLevel;
    private final String cacheMode;
    private final List<CpuFeature> features;
    private final List<GuestNumaCell> numaCells;

    private Cpu(ElementReader r) {
        super(r.element());
        mode = r.attr("mode");
        match = r.attr("match");
        check = r.attr("check");
        migratable = r.bool("migratable");
        ElementReader m = r.sub("model");
        model = m.text().trim();
        modelFallback = m.attr("fallback");
        modelVendorId = m.attr("vendor_id");
        m.done();
        vendor = r.childText("vendor");
        topology = r.child("topology", CpuTopology::read);
        ElementReader c = r.sub("cache");
        cacheLevel = c.uint("level");
        cacheMode = c.attr("mode");
        c.done();
        features = r.children("feature", CpuFeature::read);
        ElementReader numa = r.sub("numa");
        numaCells = numa.children("cell", GuestNumaCell::read);
        numa.done();
    }

    static Cpu read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Cpu(r));
    }

    /** An empty cpu to fill. */
    public static Builder builder() {
        return new Builder(XmlElement.builder(NAME));
    }

    /** A builder holding this cpu, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** The mode; libvirt's default is custom. */
    public Optional<CpuMode> mode() {
        return XmlEnum.lookup(CpuMode.class, mode);
    }

    /** The mode as written. */
    public Optional<String> modeAsString() {
        return Optional.ofNullable(mode);
    }

    /** {@code minimum}, {@code exact} or {@code strict}. */
    public Optional<String> match() {
        return Optional.ofNullable(match);
    }

    /** {@code none}, {@code partial} or {@code full}. */
    public Optional<String> check() {
        return Optional.ofNullable(check);
    }

    /** {@code migratable} (host-passthrough and maximum modes). */
    public Optional<Boolean> migratable() {
        return Optional.ofNullable(migratable);
    }

    /** The CPU model name, e.g. {@code Skylake-Server}. */
    public Optional<String> model() {
        return Optional.ofNullable(model).filter(s -> !s.isEmpty());
    }

    /** {@code <model fallback>}: allow or forbid. */
    public Optional<String> modelFallback() {
        return Optional.ofNullable(modelFallback);
    }

    /** {@code <model vendor_id>}: the vendor string the guest sees. */
    public Optional<String> modelVendorId() {
        return Optional.ofNullable(modelVendorId);
    }

    /** {@code <vendor>}. */
    public Optional<String> vendor() {
        return Optional.ofNullable(vendor);
    }

    /** The guest topology. */
    public Optional<CpuTopology> topology() {
        return Optional.ofNullable(topology);
    }

    /** {@code <cache level>}. */
    public OptionalInt cacheLevel() {
        return Opt.of(cacheLevel);
    }

    /** {@code <cache mode>}: emulate, passthrough or disable. */
    public Optional<String> cacheMode() {
        return Optional.ofNullable(cacheMode);
    }

    /** The features, in document order. */
    public List<CpuFeature> features() {
        return features;
    }

    /** The guest NUMA cells; empty when the guest has no NUMA topology. */
    public List<GuestNumaCell> numaCells() {
        return numaCells;
    }

    /** Builds or edits a {@link Cpu}. */
    public static final class Builder extends ModelBuilder<Builder, Cpu> {
        Builder(XmlElement.Builder xml) {
            super(xml, Cpu::read, ORDER);
        }

        /** Sets the mode (null removes it). */
        public Builder mode(CpuMode mode) {
            return attribute("mode", mode);
        }

        /** Sets {@code match} (null removes it). */
        public Builder match(String match) {
            return attribute("match", match);
        }

        /** Sets {@code check} (null removes it). */
        public Builder check(String check) {
            return attribute("check", check);
        }

        /** Sets {@code migratable} (null removes it). */
        public Builder migratable(Boolean migratable) {
            return attribute("migratable", migratable == null ? null : migratable ? "on" : "off");
        }

        /** Sets the model name (null removes {@code <model>}). */
        public Builder model(String name) {
            return textChild("model", name);
        }

        /** Sets {@code <model fallback>}. */
        public Builder modelFallback(String fallback) {
            return childAttributes("model", "fallback", fallback);
        }

        /** Sets the topology (null removes it). */
        public Builder topology(CpuTopology topology) {
            return child("topology", topology);
        }

        /** Sets {@code <cache mode>} (null removes it). */
        public Builder cacheMode(String mode) {
            return attributeChild("cache", "mode", mode);
        }

        /** Replaces the features. */
        public Builder features(List<CpuFeature> features) {
            return children("feature", features);
        }

        /** Adds a feature. */
        public Builder feature(FeaturePolicy policy, String name) {
            return addChild(CpuFeature.of(policy, name));
        }

        /** Replaces the guest NUMA cells (an empty list removes {@code <numa>}). */
        public Builder numaCells(List<GuestNumaCell> cells) {
            if (cells.isEmpty()) {
                xml.removeElements("numa");
                return this;
            }
            XmlElement.Builder numa = xml.element("numa").map(XmlElement::toBuilder)
                    .orElseGet(() -> XmlElement.builder("numa")).removeElements("cell");
            cells.forEach(c -> numa.add(c.xml()));
            xml.setElements("numa", List.of(numa.build()), ORDER);
            return this;
        }
    }
}
