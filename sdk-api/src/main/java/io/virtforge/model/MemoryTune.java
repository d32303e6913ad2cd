package io.virtforge.model;

import io.virtforge.value.CpuSet;
import io.virtforge.xml.XmlElement;
import java.util.List;

/** {@code <memorytune vcpus='...'>}: an MBA memory bandwidth allocation for a set of vCPUs. */
public final class MemoryTune extends XmlModel {
    private final CpuSet vcpus;
    private final List<Node> nodes;
    private final List<ResctrlMonitor> monitors;

    private MemoryTune(ElementReader r) {
        super(r.element());
        vcpus = r.required("vcpus", CpuSet::parse);
        nodes = r.children("node", Node::read);
        monitors = r.children("monitor", ResctrlMonitor::read);
    }

    static MemoryTune read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new MemoryTune(r));
    }

    /** The vCPUs the allocation is for. */
    public CpuSet vcpus() {
        return vcpus;
    }

    /** Bandwidth per host node. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The monitoring groups. */
    public List<ResctrlMonitor> monitors() {
        return monitors;
    }

    /** {@code <node id='0' bandwidth='60'/>}: a bandwidth share (percent) on one host node. */
    public static final class Node extends XmlModel {
        private final int id;
        private final int bandwidth;

        private Node(ElementReader r) {
            super(r.element());
            id = r.requiredUint("id");
            bandwidth = r.requiredUint("bandwidth");
        }

        static Node read(XmlElement e, ParseContext c) {
            ElementReader r = c.open(e);
            return r.done(new Node(r));
        }

        /** The host node id. */
        public int id() {
            return id;
        }

        /** Percent of the node's memory bandwidth. */
        public int bandwidth() {
            return bandwidth;
        }
    }
}
