package io.virtforge.model;

import io.virtforge.value.CpuSet;
import io.virtforge.xml.XmlElement;

/** {@code <vcpupin vcpu='N' cpuset='...'/>}: the host CPUs one vCPU may run on. */
public final class VcpuPin extends XmlModel {
    static final String NAME = "vcpupin";
    private final int vcpu;
    private final CpuSet cpuset;

    private VcpuPin(ElementReader r) {
        super(r.element());
        vcpu = r.requiredUint("vcpu");
        cpuset = r.required("cpuset", CpuSet::parse);
    }

    static VcpuPin read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new VcpuPin(r));
    }

    /** Pins vCPU {@code vcpu} to {@code cpuset}. */
    public static VcpuPin of(int vcpu, CpuSet cpuset) {
        return Models.build(NAME, VcpuPin::read, "vcpu", vcpu, "cpuset", cpuset);
    }

    /** The vCPU id. */
    public int vcpu() {
        return vcpu;
    }

    /** The host CPUs it may run on. */
    public CpuSet cpuset() {
        return cpuset;
    }
}
