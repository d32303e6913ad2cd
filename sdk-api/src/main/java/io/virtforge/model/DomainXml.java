package io.virtforge.model;

import io.virtforge.xml.MalformedXmlException;
import io.virtforge.xml.XmlLimits;
import io.virtforge.xml.XmlModelException;
import io.virtforge.xml.XmlParser;
import io.virtforge.xml.XmlSecurityException;
import io.virtforge.xml.XmlWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The domain XML codec: libvirt domain XML to the typed {@link Domain} model and back, losslessly.
 *
 * <p>Secure by default: DOCTYPEs (and so all entity declarations) are refused, no file or URL is ever
 * read, input size and nesting are bounded ({@link XmlLimits}). Errors are typed: {@link MalformedXmlException}
 * (not well-formed), {@link XmlSecurityException} (refused construct or limit), {@link XmlModelException}
 * (well-formed but not a valid domain); each carries a line and column, and no partial model is ever
 * returned. Instances are immutable and thread-safe; there is nothing to build or cache per call.
 */
public final class DomainXml {
    private static final DomainXml DEFAULT = new DomainXml(XmlParser.defaults());
    private final XmlParser parser;

    private DomainXml(XmlParser parser) {
        this.parser = parser;
    }

    /** The codec with {@link XmlLimits#DEFAULT}. */
    public static DomainXml defaults() {
        return DEFAULT;
    }

    /** A codec with other limits. */
    public static DomainXml withLimits(XmlLimits limits) {
        return new DomainXml(new XmlParser(limits));
    }

    /**
     * Parses a domain document. Comments and processing instructions around the root element are kept
     * with the domain ({@link Domain#document()}) and written back by {@link #write(Domain)}.
     */
    public Domain parse(String xml) {
        return Domain.fromXml(parser.parseDocument(xml));
    }

    /** Parses a domain document from bytes (UTF-8 unless declared or marked otherwise). */
    public Domain parse(InputStream in) {
        return Domain.fromXml(parser.parseDocument(in));
    }

    /** Parses a domain document from characters. */
    public Domain parse(Reader in) {
        return Domain.fromXml(parser.parseDocument(in));
    }

    /**
     * Writes a domain as libvirt formats XML (no declaration, two-space indentation), with the comments
     * and processing instructions that stood around the root element of the document it was read from.
     */
    public String write(Domain domain) {
        return XmlWriter.toXml(Objects.requireNonNull(domain, "domain").document());
    }

    /** Writes a domain as UTF-8. */
    public void write(Domain domain, OutputStream out) {
        try {
            out.write(write(domain).getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes a domain to a writer. */
    public void write(Domain domain, Writer out) {
        XmlWriter.write(Objects.requireNonNull(domain, "domain").document(), out);
    }

    /** Parses one device element, as used for attach, detach and update ({@code <disk ...>...</disk>}). */
    public Device parseDevice(String xml) {
        return Device.fromXml(parser.parse(xml));
    }

    /** Writes one device element. */
    public String writeDevice(Device device) {
        return XmlWriter.toXml(Objects.requireNonNull(device, "device").xml());
    }

    /** Lists what a domain document holds that the model keeps but does not type, by path. */
    public List<Untyped> inspect(String xml) {
        return Domain.inspect(parser.parse(xml));
    }

    /** Lists what a domain document, given as bytes, holds that the model keeps but does not type. */
    public List<Untyped> inspect(InputStream in) {
        return Domain.inspect(parser.parse(in));
    }
}
