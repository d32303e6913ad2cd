package io.virtforge.xml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A small, strict and fast XML 1.0 parser that builds an {@link XmlElement} tree, or an
 * {@link XmlDocument} that also keeps the comments and processing instructions around the root.
 *
 * <p>It accepts exactly the namespace-well-formed XML 1.0 (fifth edition) documents without a DOCTYPE:
 * a DOCTYPE is refused outright ({@link XmlSecurityException}), so no entity can be declared, expanded or
 * fetched, and no file or URL is ever read; only the five predefined entities and character references
 * are understood. The XML declaration is checked by its grammar, and only version 1.0 is accepted (see
 * {@link XmlDeclaration}). Input size, nesting depth and attributes per element are bounded by
 * {@link XmlLimits}. Errors are typed ({@link MalformedXmlException}, {@link XmlSecurityException}) and
 * carry a line and column; the parser never returns a partial tree. It works with an explicit stack, in
 * time linear in the input, so no input can overflow the thread's stack or take quadratic time.
 *
 * <p>Whitespace-only text between elements is formatting and is not kept (an element whose whole
 * content is whitespace keeps it). Character data and CDATA sections next to each other make one text
 * node. Line ends are normalised and attribute values are normalised as XML 1.0 requires (as for CDATA
 * attributes: no DTD, so no other type). Thread-safe: instances hold only configuration.
 */
public final class XmlParser {
    private static final XmlParser DEFAULT = new XmlParser(XmlLimits.DEFAULT);

    private final XmlLimits limits;

    /** A parser with the given limits. */
    public XmlParser(XmlLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A parser with {@link XmlLimits#DEFAULT}. */
    public static XmlParser defaults() {
        return DEFAULT;
    }

    /** The limits this parser enforces. */
    public XmlLimits limits() {
        return limits;
    }

    /** Parses a whole document and returns its root element. */
    public XmlElement parse(String xml) {
        return parseDocument(xml).root();
    }

    /** Parses a document from a reader and returns its root element. */
    public XmlElement parse(Reader reader) {
        return parseDocument(reader).root();
    }

    /** Parses a document from bytes and returns its root element; see {@link #parseDocument(InputStream)}. */
    public XmlElement parse(InputStream in) {
        return parseDocument(in).root();
    }

    /** Parses a whole document, keeping the comments and processing instructions around the root. */
    public XmlDocument parseDocument(String xml) {
        Objects.requireNonNull(xml, "xml");
        if (xml.length() > limits.maxChars()) {
            throw tooLarge();
        }
        int n = xml.length();
        InputCopy copy = INPUT.get();
        if (copy.inUse || n > KEPT_INPUT) {
            return new XmlScan(xml.toCharArray(), n, limits).document();
        }
        copy.inUse = true;
        try {
            if (copy.chars.length < n) {
                copy.chars = new char[Math.min(KEPT_INPUT, Math.max(n, 2 * copy.chars.length))];
            }
            xml.getChars(0, n, copy.chars, 0);
            return new XmlScan(copy.chars, n, limits).document();
        } finally {
            copy.inUse = false;
        }
    }

    /** Documents up to this many characters are copied into the thread's reused array. */
    private static final int KEPT_INPUT = 1 << 16;
    private static final ThreadLocal<InputCopy> INPUT = ThreadLocal.withInitial(InputCopy::new);

    /**
     * The array a string's characters are copied into for the scan, one per thread: a new array per document
     * was a fifth of a corpus round trip's allocation (2.3 of 11.3 KB per document, JMH's gc profiler). Nothing a
     * parse returns or throws refers to it (every string is copied out of it), so the next parse may overwrite
     * it; a parse that starts inside another on the same thread gets an array of its own.
     */
    private static final class InputCopy {
        char[] chars = new char[4096];
        boolean inUse;
    }

    /** Parses a document from a reader, reading at most the size limit plus one character. */
    public XmlDocument parseDocument(Reader reader) {
        char[] buf = new char[8192];
        int len = 0;
        try {
            int n;
            while ((n = reader.read(buf, len, buf.length - len)) >= 0) {
                len += n;
                if (len > limits.maxChars()) {
                    throw tooLarge();
                }
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, (long) limits.maxChars() + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new XmlScan(buf, len, limits).document();
    }

    /**
     * Parses a document from bytes: UTF-8 unless a byte order mark says UTF-16 or the XML declaration
     * names US-ASCII or ISO-8859-1; bytes that are not valid in that encoding are a
     * {@link MalformedXmlException} (see {@link XmlDecoder}). Reads at most the size limit (in bytes, up
     * to 4 per character) plus one buffer.
     */
    public XmlDocument parseDocument(InputStream in) {
        long byteLimit = Math.min((long) limits.maxChars() * 4, Integer.MAX_VALUE - 16);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                out.write(chunk, 0, n);
                if (out.size() > byteLimit) {
                    throw tooLarge();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        XmlDecoder.Decoded text = XmlDecoder.decode(bytes, bytes.length);
        if (text.length() > limits.maxChars()) {
            throw tooLarge();
        }
        return new XmlScan(text.chars(), text.length(), limits).document();
    }

    private XmlSecurityException tooLarge() {
        return new XmlSecurityException("document larger than the limit of " + limits.maxChars() + " characters", 0, 0);
    }
}
