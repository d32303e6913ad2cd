package io.virtforge.model;

import io.virtforge.value.CpuSet;
import io.virtforge.xml.XmlElement;

/** {@code <iothreadpin iothread='N' cpuset='...'/>}: the host CPUs one I/O thread may run on. */
public final class IothreadPin extends XmlModel {
    static final String NAME = "iothreadpin";
    private final int iothread;
    private final CpuSet cpuset;

    private IothreadPin(ElementReader r) {
        super(r.element());
        iothread = r.requiredUint("iothread");
        cpuset = r.required("cpuset", CpuSet::parse);
    }

    static IothreadPin read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new IothreadPin(r));
    }

    /** Pins I/O thread {@code iothread} to {@code cpuset}. */
    public static IothreadPin of(int iothread, CpuSet cpuset) {
        return Models.build(NAME, IothreadPin::read, "iothread", iothread, "cpuset", cpuset);
    }

    /** The I/O thread id (1-based, as in {@code <iothreadids>}). */
    public int iothread() {
        return iothread;
    }

    /** The host CPUs it may run on. */
    public CpuSet cpuset() {
        return cpuset;
    }
}
