package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.Optional;

/** {@code <feature policy='require' name='vmx'/>}: one CPU feature and its policy. */
public final class CpuFeature extends XmlModel {
    private final String name;
    private final String policy;

    private CpuFeature(ElementReader r) {
        super(r.element());
        name = r.requiredAttr("name");
        policy = r.attr("policy");
    }

    static CpuFeature read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new CpuFeature(r));
    }

    /** Feature {@code name} with {@code policy}. */
    public static CpuFeature of(FeaturePolicy policy, String name) {
        return Models.build("feature", CpuFeature::read, "policy", policy, "name", name);
    }

    /** The feature's name, e.g. {@code vmx}. */
    public String name() {
        return name;
    }

    /** Its policy (libvirt's default is require). */
    public Optional<FeaturePolicy> policy() {
        return XmlEnum.lookup(FeaturePolicy.class, policy);
    }

    /** The policy as written. */
    public Optional<String> policyAsString() {
        return Optional.ofNullable(policy);
    }
}
