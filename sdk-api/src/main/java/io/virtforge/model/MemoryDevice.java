package io.virtforge.model;

import io.virtforge.value.DataSize;
import io.virtforge.value.DataUnit;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.xml.XmlElement;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <memory model>}: hotpluggable guest memory: a DIMM, an NVDIMM, virtio-pmem or virtio-mem,
 * its host backing (page size, host nodes, file path) and its guest side (size, guest node).
 */
public final class MemoryDevice extends Device {
    private final String model;
    private final String access;
    private final Boolean discard;
    private final PageSize sourcePageSize;
    private final NodeSet sourceNodemask;
    private final String sourcePath;
    private final DataSize targetSize;
    private final int targetNode;
    private final DataSize targetRequested;
    private final DataSize targetBlock;
    private final DataSize targetLabelSize;

    private MemoryDevice(ElementReader r) {
        super(r);
        model = r.requiredAttr("model");
        access = r.attr("access");
        discard = r.bool("discard");
        ElementReader s = r.sub("source");
        DataSize pagesize = s.childSize("pagesize", DataUnit.KIB);
        sourcePageSize = pagesize == null ? null : s.parse("pagesize", pagesize.format(), x -> PageSize.of(pagesize));
        String mask = s.childText("nodemask");
        sourceNodemask = mask == null ? null : s.parse("nodemask", mask.trim(), NodeSet::parse);
        sourcePath = s.childText("path");
        s.done();
        ElementReader t = r.sub("target");
        targetSize = t.childSize("size", DataUnit.KIB);
        String node = t.childText("node");
        targetNode = node == null ? -1 : t.parse("node", node.trim(), x -> (int) Numbers.unsigned(x, Integer.MAX_VALUE));
        targetRequested = t.childSize("requested", DataUnit.KIB);
        targetBlock = t.childSize("block", DataUnit.KIB);
        ElementReader label = t.sub("label");
        targetLabelSize = label.childSize("size", DataUnit.KIB);
        label.done();
        t.done();
    }

    static MemoryDevice read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new MemoryDevice(r));
    }

    /** dimm, nvdimm, virtio-pmem, virtio-mem, sgx-epc. */
    public String model() {
        return model;
    }

    /** shared or private. */
    public Optional<String> access() {
        return Optional.ofNullable(access);
    }

    /** {@code discard}. */
    public Optional<Boolean> discard() {
        return Optional.ofNullable(discard);
    }

    /** The backing page size. */
    public Optional<PageSize> sourcePageSize() {
        return Optional.ofNullable(sourcePageSize);
    }

    /** The host nodes backing it. */
    public Optional<NodeSet> sourceNodemask() {
        return Optional.ofNullable(sourceNodemask);
    }

    /** The backing file (nvdimm, virtio-pmem). */
    public Optional<String> sourcePath() {
        return Optional.ofNullable(sourcePath);
    }

    /** The size the guest sees. */
    public Optional<DataSize> targetSize() {
        return Optional.ofNullable(targetSize);
    }

    /** The guest NUMA cell. */
    public OptionalInt targetNode() {
        return Opt.of(targetNode);
    }

    /** The requested size (virtio-mem). */
    public Optional<DataSize> targetRequested() {
        return Optional.ofNullable(targetRequested);
    }

    /** The block size (virtio-mem). */
    public Optional<DataSize> targetBlock() {
        return Optional.ofNullable(targetBlock);
    }

    /** The label size (nvdimm). */
    public Optional<DataSize> targetLabelSize() {
        return Optional.ofNullable(targetLabelSize);
    }
}
