package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;

/**
 * {@code <metadata>}: applications' own data, one element per namespace, kept verbatim (prefixes,
 * namespace declarations, content).
 */
public final class Metadata extends XmlModel {
    private final List<XmlElement> entries;

    private Metadata(ElementReader r) {
        super(r.element());
        r.allChildrenTyped();
        entries = List.copyOf(r.element().elements());
    }

    static Metadata read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new Metadata(r));
    }

    /** Metadata holding the given entries. */
    public static Metadata of(List<XmlElement> entries) {
        XmlElement.Builder b = XmlElement.builder("metadata");
        entries.forEach(b::add);
        return read(b.build(), ParseContext.create());
    }

    /** The entries, verbatim. */
    public List<XmlElement> entries() {
        return entries;
    }

    /** The entry whose namespace URI is {@code uri} (declared on the entry as {@code xmlns} or {@code xmlns:prefix}). */
    public Optional<XmlElement> entry(String uri) {
        for (XmlElement e : entries) {
            String decl = e.prefix().map(p -> "xmlns:" + p).orElse("xmlns");
            if (e.attribute(decl).filter(uri::equals).isPresent()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
