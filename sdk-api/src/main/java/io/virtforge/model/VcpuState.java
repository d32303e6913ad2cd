package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code <vcpu id enabled hotpluggable order/>} inside {@code <vcpus>}: the state of one vCPU. */
public final class VcpuState extends XmlModel {
    private final int id;
    private final Boolean enabled;
    private final Boolean hotpluggable;
    private final int order;

    private VcpuState(ElementReader r) {
        super(r.element());
        id = r.requiredUint("id");
        enabled = r.bool("enabled");
        hotpluggable = r.bool("hotpluggable");
        order = r.uint("order");
    }

    static VcpuState read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new VcpuState(r));
    }

    /** The vCPU id. */
    public int id() {
        return id;
    }

    /** Online at boot. */
    public Optional<Boolean> enabled() {
        return Optional.ofNullable(enabled);
    }

    /** May be unplugged. */
    public Optional<Boolean> hotpluggable() {
        return Optional.ofNullable(hotpluggable);
    }

    /** Order of hotplug. */
    public OptionalInt order() {
        return Opt.of(order);
    }
}
