package io.virtforge.model;

import io.virtforge.value.NodeSet;
import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;

/** {@code <numatune>}: the host NUMA memory policy of the whole guest and of each guest cell. */
public final class NumaTune extends XmlModel {
    static final String NAME = "numatune";
    static final List<String> ORDER = List.of("memory", "memnode");
    private final Memory memory;
    private final List<MemNode> memNodes;

    private NumaTune(ElementReader r) {
        super(r.element());
        memory = r.child("memory", Memory::read);
        memNodes = r.children("memnode", MemNode::read);
    }

    static NumaTune read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new NumaTune(r));
    }

    /** An empty numatune to fill. */
    public static Builder builder() {
        return new Builder(XmlElement.builder(NAME));
    }

    /** A builder holding this numatune, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** The policy for all guest memory. */
    public Optional<Memory> memory() {
        return Optional.ofNullable(memory);
    }

    /** Per guest cell policies. */
    public List<MemNode> memNodes() {
        return memNodes;
    }

    /** The policy of guest cell {@code cellId}. */
    public Optional<MemNode> memNode(int cellId) {
        return memNodes.stream().filter(m -> m.cellId() == cellId).findFirst();
    }

    /** {@code <memory mode='strict' nodeset='0' placement='static'/>}. */
    public static final class Memory extends XmlModel {
        private final String mode;
        private final NodeSet nodeset;
        private final String placement;

        private Memory(ElementReader r) {
            super(r.element());
            mode = r.attr("mode");
            nodeset = r.attr("nodeset", NodeSet::parse);
            placement = r.attr("placement");
        }

        static Memory read(XmlElement e, ParseContext c) {
            ElementReader r = c.open(e);
            return r.done(new Memory(r));
        }

        /** The policy; libvirt's default is strict. */
        public Optional<NumaMode> mode() {
            return XmlEnum.lookup(NumaMode.class, mode);
        }

        /** The policy as written. */
        public Optional<String> modeAsString() {
            return Optional.ofNullable(mode);
        }

        /** The host nodes. */
        public Optional<NodeSet> nodeset() {
            return Optional.ofNullable(nodeset);
        }

        /** {@code static} or {@code auto} (numad). */
        public Optional<PlacementMode> placement() {
            return XmlEnum.lookup(PlacementMode.class, placement);
        }
    }

    /** {@code <memnode cellid='0' mode='strict' nodeset='0'/>}: the policy of one guest cell. */
    public static final class MemNode extends XmlModel {
        private final int cellId;
        private final String mode;
        private final NodeSet nodeset;

        private MemNode(ElementReader r) {
            super(r.element());
            cellId = r.requiredUint("cellid");
            mode = r.attr("mode");
            nodeset = r.attr("nodeset", NodeSet::parse);
        }

        static MemNode read(XmlElement e, ParseContext c) {
            ElementReader r = c.open(e);
            return r.done(new MemNode(r));
        }

        /** Binds guest cell {@code cellId} to host {@code nodeset} with {@code mode}. */
        public static MemNode of(int cellId, NumaMode mode, NodeSet nodeset) {
            return Models.build("memnode", MemNode::read, "cellid", cellId, "mode", mode, "nodeset", nodeset);
        }

        /** The guest cell id. */
        public int cellId() {
            return cellId;
        }

        /** The policy. */
        public Optional<NumaMode> mode() {
            return XmlEnum.lookup(NumaMode.class, mode);
        }

        /** The host nodes. */
        public Optional<NodeSet> nodeset() {
            return Optional.ofNullable(nodeset);
        }
    }

    /** Builds or edits a {@link NumaTune}. */
    public static final class Builder extends ModelBuilder<Builder, NumaTune> {
        Builder(XmlElement.Builder xml) {
            super(xml, NumaTune::read, ORDER);
        }

        /** Sets the policy for all memory: {@code <memory mode nodeset/>}. */
        public Builder memory(NumaMode mode, NodeSet nodeset) {
            return childAttributes("memory", "mode", mode, "nodeset", nodeset, "placement", null);
        }

        /** Sets automatic placement (numad): {@code <memory mode placement='auto'/>}. */
        public Builder autoPlacement(NumaMode mode) {
            return childAttributes("memory", "mode", mode, "nodeset", null, "placement", PlacementMode.AUTO);
        }

        /** Replaces the per-cell policies. */
        public Builder memNodes(List<MemNode> nodes) {
            return children("memnode", nodes);
        }
    }
}
