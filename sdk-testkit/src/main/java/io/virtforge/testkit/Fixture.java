package io.virtforge.testkit;

import io.virtforge.topology.CapabilitiesXml;
import io.virtforge.topology.HostTopology;
import java.util.Objects;

/**
 * A named test host: one {@link HostTopology} from which its kernel view ({@link #newSysfs()}) is built,
 * so the two cannot disagree, and fake connections to it. Immutable; every {@link #newSysfs()} and
 * {@link #connect()} gives fresh, independent state.
 */
public final class Fixture {
    private final String name;
    private final String summary;
    private final HostTopology topology;

    Fixture(String name, String summary, HostTopology topology) {
        this.name = Objects.requireNonNull(name, "name");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.topology = Objects.requireNonNull(topology, "topology");
    }

    /** The name, e.g. {@code xeon-2s}. */
    public String name() {
        return name;
    }

    /** One line saying what the host is. */
    public String summary() {
        return summary;
    }

    /** The host as libvirt would describe it (capabilities and PCI node devices). */
    public HostTopology topology() {
        return topology;
    }

    /** {@code fake:///<name>}. */
    public String uri() {
        return "fake:///" + name;
    }

    /** A fresh kernel fake of the host: the same nodes, CPUs, pools, PCI devices and IOMMU groups. */
    public FakeSysfs newSysfs() {
        return SysfsRenderer.render(topology);
    }

    /** A fresh fake connection to the host, paired with a fresh {@link #newSysfs()}. */
    public FakeVirtConnection connect() {
        return connect(new FakeClock());
    }

    /** A fresh fake connection to the host on a given clock, paired with a fresh {@link #newSysfs()}. */
    public FakeVirtConnection connect(FakeClock clock) {
        return FakeVirtConnection.builder(topology).uri(uri()).sysfs(newSysfs()).clock(clock).build();
    }

    /** The host's libvirt capabilities document. */
    public String capabilitiesXml() {
        return CapabilitiesXml.write(topology);
    }

    @Override
    public String toString() {
        return name + ": " + summary;
    }
}
