package io.virtforge.model;

import io.virtforge.value.DataUnit;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.DataSize;
import io.virtforge.xml.XmlElement;
import java.util.Optional;

/** {@code <page size='2' unit='M' nodeset='0'/>} in memoryBacking: the huge page size for some guest cells. */
public final class HugePage extends XmlModel {
    private final PageSize size;
    private final NodeSet nodeset;

    private HugePage(ElementReader r) {
        super(r.element());
        DataSize bytes = r.size("size", "unit", DataUnit.KIB);
        if (bytes == null) {
            throw r.context().error("missing required attribute 'size'");
        }
        size = r.parse("size", bytes.format(), s -> PageSize.of(bytes));
        nodeset = r.attr("nodeset", NodeSet::parse);
    }

    static HugePage read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new HugePage(r));
    }

    /** Huge pages of {@code size} for the guest cells in {@code nodeset} (null: all cells). */
    public static HugePage of(PageSize size, NodeSet nodeset) {
        XmlElement.Builder b = XmlElement.builder("page");
        Sizes.write(b, size.size(), "size", "unit");
        if (nodeset != null) {
            b.attribute("nodeset", nodeset.format());
        }
        return read(b.build(), ParseContext.create());
    }

    /** The page size. */
    public PageSize size() {
        return size;
    }

    /** The guest NUMA cells (not host nodes) these pages back; all cells when absent. */
    public Optional<NodeSet> nodeset() {
        return Optional.ofNullable(nodeset);
    }
}
