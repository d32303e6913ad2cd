package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One hypervisor enlightenment or KVM feature inside {@code <features><hyperv>} or
 * {@code <features><kvm>}, e.g. {@code <relaxed state='on'/>}, {@code <spinlocks state='on' retries='8191'/>},
 * {@code <vendor_id state='on' value='KVM Hv'/>}, {@code <stimer state='on'><direct state='on'/></stimer>}.
 */
public final class FeatureSwitch extends XmlModel {
    private final Boolean state;
    private final int retries;
    private final String value;
    private final List<FeatureSwitch> children;

    private FeatureSwitch(ElementReader r) {
        super(r.element());
        state = r.bool("state");
        retries = r.uint("retries");
        value = r.attr("value");
        children = allIn(r);
    }

    /** Every child element of {@code r}'s element, read as a switch. */
    static List<FeatureSwitch> allIn(ElementReader r) {
        r.allChildrenTyped();
        return r.element().elements().stream().map(e -> read(e, r.context())).toList();
    }

    static FeatureSwitch read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new FeatureSwitch(r));
    }

    /** A switch {@code <name state='on|off'/>}. */
    public static FeatureSwitch of(String name, boolean on) {
        return Models.build(name, FeatureSwitch::read, "state", on ? "on" : "off");
    }

    /** The feature's name, e.g. {@code relaxed}. */
    public String name() {
        return xml().name();
    }

    /** Its state; absent when the element has no state attribute. */
    public Optional<Boolean> state() {
        return Optional.ofNullable(state);
    }

    /** {@code retries} (spinlocks). */
    public OptionalInt retries() {
        return Opt.of(retries);
    }

    /** {@code value} (vendor_id). */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** Nested switches ({@code direct}, {@code extended}). */
    public List<FeatureSwitch> children() {
        return children;
    }
}
