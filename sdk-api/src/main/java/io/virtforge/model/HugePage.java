package io.virtforge.model;

import io.virtforge.value.DataUnit;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import io.virtforge.value.DataSize;
import io.virtforge.xml.XmlElement;
import java.util.Optional;

/**
 * {@code <page size='2' unit='M' nodeset='0'/>} in memoryBacking: the huge page size for some guest cells.
 * libvirt accepts any size here and refuses only to start a guest whose size no host page has, so a
 * size that is no page size ({@code 5M}) reads: {@link #size()} is then empty and
 * {@link #requestedSize()} holds what the document asks for.
 */
public final class HugePage extends XmlModel {
    private final DataSize requested;
    private final PageSize size;
    private final NodeSet nodeset;

    private HugePage(ElementReader r) {
        super(r.element());
        requested = r.size("size", "unit", DataUnit.KIB);
        if (requested == null) {
            throw r.context().error("missing required attribute 'size'");
        }
        size = isPageSize(requested) ? PageSize.of(requested) : null;
        nodeset = r.attr("nodeset", NodeSet::parse);
    }

    private static boolean isPageSize(DataSize s) {
        return s.bytes() >= 1024 && Long.bitCount(s.bytes()) == 1;
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

    /** The page size; empty when the document asks for a size that is no page size (not a power of two of at least 1 KiB). */
    public Optional<PageSize> size() {
        return Optional.ofNullable(size);
    }

    /** The size as written, whether or not it is a page size. */
    public DataSize requestedSize() {
        return requested;
    }

    /** The guest NUMA cells (not host nodes) these pages back; all cells when absent. */
    public Optional<NodeSet> nodeset() {
        return Optional.ofNullable(nodeset);
    }
}
