package io.virtforge.model;

import io.virtforge.value.CpuSet;
import io.virtforge.xml.XmlElement;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code <vcpu placement cpuset current>N</vcpu>}: the number of vCPUs and their default placement. */
public final class Vcpu extends XmlModel {
    private final int count;
    private final String placement;
    private final CpuSet cpuset;
    private final int current;

    private Vcpu(ElementReader r) {
        super(r.element());
        count = r.textUint();
        if (count < 0) {
            throw r.context().error("<vcpu> must hold the number of vCPUs");
        }
        placement = r.attr("placement");
        cpuset = r.attr("cpuset", CpuSet::parse);
        current = r.uint("current");
    }

    static Vcpu read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Vcpu(r));
    }

    /**
     * A vCPU element.
     *
     * @param count     maximum vCPUs
     * @param placement static or auto; null leaves it to libvirt (static)
     * @param cpuset    default host CPUs for all vCPUs; null for none
     * @param current   vCPUs online at boot when fewer than {@code count}; null for all
     */
    public static Vcpu of(int count, PlacementMode placement, CpuSet cpuset, Integer current) {
        XmlElement.Builder b = XmlElement.builder("vcpu").text(Integer.toString(count));
        if (placement != null) {
            b.attribute("placement", placement.xmlValue());
        }
        if (cpuset != null) {
            b.attribute("cpuset", cpuset.format());
        }
        if (current != null) {
            b.attribute("current", current.toString());
        }
        return read(b.build(), ParseContext.create());
    }

    /** The maximum number of vCPUs. */
    public int count() {
        return count;
    }

    /** static or auto. */
    public Optional<PlacementMode> placement() {
        return XmlEnum.lookup(PlacementMode.class, placement);
    }

    /** Default host CPUs of vCPUs without a vcpupin. */
    public Optional<CpuSet> cpuset() {
        return Optional.ofNullable(cpuset);
    }

    /** vCPUs online at boot. */
    public OptionalInt current() {
        return Opt.of(current);
    }
}
