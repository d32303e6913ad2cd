package io.virtforge.model;

import io.virtforge.value.CpuSet;
import io.virtforge.xml.XmlElement;
import java.util.OptionalInt;

/** {@code <monitor level='3' vcpus='1'/>} inside cachetune or memorytune: a resctrl monitoring group. */
public final class ResctrlMonitor extends XmlModel {
    private final int level;
    private final CpuSet vcpus;

    private ResctrlMonitor(ElementReader r) {
        super(r.element());
        level = r.uint("level");
        vcpus = r.required("vcpus", CpuSet::parse);
    }

    static ResctrlMonitor read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new ResctrlMonitor(r));
    }

    /** The cache level monitored (cachetune only). */
    public OptionalInt level() {
        return Opt.of(level);
    }

    /** The vCPUs monitored. */
    public CpuSet vcpus() {
        return vcpus;
    }
}
