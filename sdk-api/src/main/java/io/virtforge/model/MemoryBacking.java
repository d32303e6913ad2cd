package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code <memoryBacking>}: huge pages, locking, sharing and allocation of guest memory. */
public final class MemoryBacking extends XmlModel {
    static final String NAME = "memoryBacking";
    static final List<String> ORDER = List.of("hugepages", "nosharepages", "locked", "source", "access",
            "allocation", "discard");
    private final boolean hugepages;
    private final List<HugePage> pages;
    private final boolean noSharePages;
    private final boolean locked;
    private final String sourceType;
    private final String accessMode;
    private final String allocationMode;
    private final int allocationThreads;
    private final boolean discard;

    private MemoryBacking(ElementReader r) {
        super(r.element());
        ElementReader hp = r.sub("hugepages");
        hugepages = !hp.absent();
        pages = hp.children("page", HugePage::read);
        hp.done();
        noSharePages = r.flag("nosharepages");
        locked = r.flag("locked");
        sourceType = r.childAttr("source", "type", s -> s);
        accessMode = r.childAttr("access", "mode", s -> s);
        ElementReader alloc = r.sub("allocation");
        allocationMode = alloc.attr("mode");
        allocationThreads = alloc.uint("threads");
        alloc.done();
        discard = r.flag("discard");
    }

    static MemoryBacking read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new MemoryBacking(r));
    }

    /** An empty memoryBacking to fill. */
    public static Builder builder() {
        return new Builder(XmlElement.builder(NAME));
    }

    /** A builder holding this memoryBacking, untyped parts included. */
    public Builder toBuilder() {
        return new Builder(xml().toBuilder());
    }

    /** True when guest memory is backed by huge pages ({@code <hugepages>} present). */
    public boolean hugepages() {
        return hugepages;
    }

    /** The explicit page sizes; empty means the host's default huge page size. */
    public List<HugePage> pages() {
        return pages;
    }

    /** {@code <nosharepages/>}: KSM may not merge guest pages. */
    public boolean noSharePages() {
        return noSharePages;
    }

    /** {@code <locked/>}: guest memory is locked in host RAM. */
    public boolean locked() {
        return locked;
    }

    /** {@code <source type>}: file, anonymous or memfd. */
    public Optional<String> sourceType() {
        return Optional.ofNullable(sourceType);
    }

    /** {@code <access mode>}: shared or private. */
    public Optional<String> accessMode() {
        return Optional.ofNullable(accessMode);
    }

    /** {@code <allocation mode>}: immediate or ondemand. */
    public Optional<String> allocationMode() {
        return Optional.ofNullable(allocationMode);
    }

    /** {@code <allocation threads>}: threads used to preallocate. */
    public OptionalInt allocationThreads() {
        return Opt.of(allocationThreads);
    }

    /** {@code <discard/>}: discard memory content on guest shutdown. */
    public boolean discard() {
        return discard;
    }

    /** Builds or edits a {@link MemoryBacking}. */
    public static final class Builder extends ModelBuilder<Builder, MemoryBacking> {
        Builder(XmlElement.Builder xml) {
            super(xml, MemoryBacking::read, ORDER);
        }

        /** Backs memory with huge pages of the given sizes (none: the host default); an empty call keeps {@code <hugepages/>}. */
        public Builder hugepages(List<HugePage> pages) {
            XmlElement.Builder hp = XmlElement.builder("hugepages");
            pages.forEach(p -> hp.add(p.xml()));
            xml.setElements("hugepages", List.of(hp.build()), ORDER);
            return this;
        }

        /** Removes huge page backing. */
        public Builder noHugepages() {
            xml.removeElements("hugepages");
            return this;
        }

        /** Adds or removes {@code <locked/>}. */
        public Builder locked(boolean on) {
            return flag("locked", on);
        }

        /** Adds or removes {@code <nosharepages/>}. */
        public Builder noSharePages(boolean on) {
            return flag("nosharepages", on);
        }

        /** Adds or removes {@code <discard/>}. */
        public Builder discard(boolean on) {
            return flag("discard", on);
        }

        /** Sets {@code <source type>} (null removes it). */
        public Builder sourceType(String type) {
            return attributeChild("source", "type", type);
        }

        /** Sets {@code <access mode>} (null removes it). */
        public Builder accessMode(String mode) {
            return attributeChild("access", "mode", mode);
        }

        /** Sets {@code <allocation mode>} (null removes it). */
        public Builder allocationMode(String mode) {
            return attributeChild("allocation", "mode", mode);
        }
    }
}
