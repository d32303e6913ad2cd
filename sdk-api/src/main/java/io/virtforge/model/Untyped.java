package io.virtforge.model;

/**
 * A part of a document that the model keeps and writes back but does not type: an attribute, a child
 * element or text. Reported by {@code DomainXml.inspect}.
 *
 * @param path where it is, e.g. {@code /domain/devices/disk[2]/@rawio}
 * @param kind what it is
 * @param name the attribute or element name ({@code #text} for text)
 */
public record Untyped(String path, Kind kind, String name) {
    /** What kind of node was kept untyped. */
    public enum Kind {
        /** An attribute. */
        ATTRIBUTE,
        /** A child element (with everything inside it). */
        ELEMENT,
        /** Character data. */
        TEXT
    }
}
