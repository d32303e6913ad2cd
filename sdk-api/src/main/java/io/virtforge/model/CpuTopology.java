package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.OptionalInt;

/** {@code <topology sockets dies clusters cores threads/>}: the guest CPU topology. */
public final class CpuTopology extends XmlModel {
    private final int sockets;
    private final int dies;
    private final int clusters;
    private final int cores;
    private final int threads;

    private CpuTopology(ElementReader r) {
        super(r.element());
        sockets = r.requiredUint("sockets");
        dies = r.uint("dies");
        clusters = r.uint("clusters");
        cores = r.requiredUint("cores");
        threads = r.requiredUint("threads");
    }

    static CpuTopology read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new CpuTopology(r));
    }

    /** A topology of sockets x dies x cores x threads (one die per socket, one cluster per die). */
    public static CpuTopology of(int sockets, int dies, int cores, int threads) {
        return Models.build("topology", CpuTopology::read, "sockets", sockets, "dies", dies, "cores", cores,
                "threads", threads);
    }

    /** Sockets. */
    public int sockets() {
        return sockets;
    }

    /** Dies per socket (libvirt's default is 1). */
    public OptionalInt dies() {
        return Opt.of(dies);
    }

    /** Clusters per die (libvirt's default is 1). */
    public OptionalInt clusters() {
        return Opt.of(clusters);
    }

    /** Cores per die (or cluster). */
    public int cores() {
        return cores;
    }

    /** Threads per core. */
    public int threads() {
        return threads;
    }

    /** Total logical CPUs the topology describes. */
    public long totalCpus() {
        return (long) sockets * dies().orElse(1) * clusters().orElse(1) * cores * threads;
    }
}
