package io.virtforge.xml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A small, strict and fast XML 1.0 parser that builds an {@link XmlElement} tree.
 *
 * <p>Secure by construction: a DOCTYPE is refused outright, so no entity can be declared, expanded or
 * fetched, and no file or URL is ever read; only the five predefined entities and character references
 * are understood. Input size, nesting depth and attributes per element are bounded by {@link XmlLimits}.
 * Errors are typed ({@link MalformedXmlException}, {@link XmlSecurityException}) and carry a line and
 * column; the parser never returns a partial tree.
 *
 * <p>Whitespace-only text between elements is formatting and is not kept (an element whose whole
 * content is whitespace keeps it). Character data and CDATA sections next to each other make one text
 * node. Line ends are normalised and attribute values are normalised as XML 1.0 requires. Thread-safe: instances hold only configuration.
 */
public final class XmlParser {
    private static final NameCache NAMES = new NameCache(true);
    private static final NameCache VALUES = new NameCache(false);
    private static final int MAX_SHARED_VALUE = 16;
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
        Objects.requireNonNull(xml, "xml");
        if (xml.length() > limits.maxChars()) {
            throw tooLarge();
        }
        char[] buf = xml.toCharArray();
        return new Scan(buf, buf.length, limits).document();
    }

    /** Parses a document from a reader, reading at most the size limit plus one character. */
    public XmlElement parse(Reader reader) {
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
        return new Scan(buf, len, limits).document();
    }

    /**
     * Parses a document from bytes: UTF-8 unless a byte order mark says UTF-16 or the XML declaration
     * names another encoding. Reads at most the size limit (in bytes, up to 4 per character) plus one.
     */
    public XmlElement parse(InputStream in) {
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
        String text = new String(bytes, charsetOf(bytes));
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return parse(text);
    }

    private XmlSecurityException tooLarge() {
        return new XmlSecurityException("document larger than the limit of " + limits.maxChars() + " characters", 0, 0);
    }

    private static Charset charsetOf(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        // The declaration is ASCII in every ASCII-compatible encoding; look for encoding='...'.
        String head = new String(b, 0, Math.min(b.length, 200), StandardCharsets.ISO_8859_1);
        if (head.startsWith("<?xml")) {
            int end = head.indexOf("?>");
            int at = head.indexOf("encoding");
            if (end > 0 && at > 0 && at < end) {
                int q = at + 8;
                while (q < end && (head.charAt(q) == ' ' || head.charAt(q) == '=')) {
                    q++;
                }
                if (q < end && (head.charAt(q) == '"' || head.charAt(q) == '\'')) {
                    int close = head.indexOf(head.charAt(q), q + 1);
                    if (close > q) {
                        String name = head.substring(q + 1, close).toUpperCase(Locale.ROOT);
                        try {
                            return Charset.forName(name);
                        } catch (IllegalArgumentException e) {
                            throw new MalformedXmlException("unsupported encoding '" + name + "'", 1, at + 1);
                        }
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The state of one parse. */
    private static final class Scan {
        private final char[] buf;
        private final int end;
        private final XmlLimits limits;
        private int pos;

        // position bookkeeping, advanced lazily (see position())
        private int lineCountedTo;
        private int line = 1;
        private int lineStart;

        // the open elements and the children collected so far, shared by all depths
        private XmlNode[] nodes = new XmlNode[64];
        private int nodeCount;
        private String[] attrs = new String[32];
        private StringBuilder scratch;

        Scan(char[] buf, int end, XmlLimits limits) {
            this.buf = buf;
            this.end = end;
            this.limits = limits;
        }

        XmlElement document() {
            if (pos < end && buf[pos] == '\uFEFF') {
                pos++;
            }
            if (startsWith("<?xml") && pos + 5 < end && XmlChars.isWhitespace(buf[pos + 5])) {
                int close = indexOf("?>", pos);
                if (close < 0) {
                    throw malformed("unterminated XML declaration", pos);
                }
                pos = close + 2;
            }
            XmlElement root = null;
            while (true) {
                skipWhitespace();
                if (pos >= end) {
                    break;
                }
                if (buf[pos] != '<') {
                    throw malformed(root == null ? "expected the root element" : "text after the root element", pos);
                }
                if (startsWith("<!--")) {
                    comment();
                    nodeCount--; // comments outside the root element are not kept
                } else if (startsWith("<?")) {
                    processingInstruction();
                    nodeCount--;
                } else if (startsWith("<!DOCTYPE") || startsWith("<!doctype")) {
                    throw security("DOCTYPE declarations are not allowed (no DTDs, no entities)", pos);
                } else if (startsWith("<!")) {
                    throw malformed("unexpected markup '<!' outside the root element", pos);
                } else if (root != null) {
                    throw malformed("a document has one root element; found a second one", pos);
                } else {
                    root = element(1);
                }
            }
            if (root == null) {
                throw malformed("no root element", pos);
            }
            return root;
        }

        /** Parses one element starting at '&lt;', its content included. */
        private XmlElement element(int depth) {
            if (depth > limits.maxDepth()) {
                throw security("elements nested deeper than the limit of " + limits.maxDepth(), pos);
            }
            int start = pos;
            pos++; // '<'
            String name = name("element name");
            int attrCount = 0;
            String[] myAttrs = null;
            boolean empty;
            while (true) {
                boolean sawSpace = skipWhitespace();
                if (pos >= end) {
                    throw truncated(name, start);
                }
                char c = buf[pos];
                if (c == '>') {
                    pos++;
                    empty = false;
                    break;
                }
                if (c == '/') {
                    if (pos + 1 < end && buf[pos + 1] == '>') {
                        pos += 2;
                        empty = true;
                        break;
                    }
                    throw malformed("expected '/>'", pos);
                }
                if (!sawSpace) {
                    throw malformed("expected whitespace before an attribute", pos);
                }
                if (attrCount >= limits.maxAttributes()) {
                    throw security("more attributes than the limit of " + limits.maxAttributes(), pos);
                }
                int attrPos = pos;
                String attrName = name("attribute name");
                skipWhitespace();
                if (pos >= end || buf[pos] != '=') {
                    throw malformed("expected '=' after attribute " + attrName, pos);
                }
                pos++;
                skipWhitespace();
                String value = attributeValue();
                if (myAttrs == null) {
                    myAttrs = attrs;
                }
                for (int i = 0; i < attrCount * 2; i += 2) {
                    if (myAttrs[i].equals(attrName)) {
                        throw malformed("attribute " + attrName + " appears twice", attrPos);
                    }
                }
                if (attrCount * 2 + 2 > myAttrs.length) {
                    myAttrs = Arrays.copyOf(myAttrs, myAttrs.length * 2);
                    attrs = myAttrs;
                }
                myAttrs[attrCount * 2] = attrName;
                myAttrs[attrCount * 2 + 1] = value;
                attrCount++;
            }
            String[] elementAttrs = attrCount == 0 ? new String[0] : Arrays.copyOf(myAttrs, attrCount * 2);
            int line = lineOf(start);
            int column = start - lineStart + 1;
            XmlNode[] children;
            if (empty) {
                children = new XmlNode[0];
            } else {
                children = content(name, start, depth);
            }
            return new XmlElement(name, elementAttrs, children, line, column);
        }

        /**
         * Parses content up to and including the end tag; returns the children. Character data and
         * CDATA sections between two pieces of markup make one text run, hence one text node; a run
         * that is whitespace only is formatting and is dropped, unless it is the element's whole content.
         */
        private XmlNode[] content(String name, int start, int depth) {
            int first = nodeCount;
            String run = null; // the text run since the last markup, once it is more than plain whitespace
            int wsFrom = -1; // else: the plain whitespace run, not copied unless needed
            int wsTo = -1;
            while (true) {
                if (pos >= end) {
                    throw truncated(name, start);
                }
                if (buf[pos] != '<') {
                    int textStart = pos;
                    String text = text();
                    if (text == null) { // whitespace only
                        if (run != null) {
                            run = run + normaliseLineEnds(textStart, pos);
                        } else {
                            wsFrom = textStart;
                            wsTo = pos;
                        }
                    } else {
                        run = join(run, wsFrom, wsTo, text);
                        wsFrom = -1;
                    }
                    continue;
                }
                if (startsWith("<![CDATA[")) {
                    int close = indexOf("]]>", pos + 9);
                    if (close < 0) {
                        throw malformed("unterminated CDATA section", pos);
                    }
                    checkChars(pos + 9, close);
                    run = join(run, wsFrom, wsTo, normaliseLineEnds(pos + 9, close));
                    wsFrom = -1;
                    pos = close + 3;
                    continue;
                }
                if (pos + 1 < end && buf[pos + 1] == '/') {
                    int tagPos = pos;
                    pos += 2;
                    String closing = name("end tag name");
                    if (!closing.equals(name)) {
                        throw malformed("end tag </" + closing + "> does not match <" + name + "> opened at line "
                                + lineOf(start), tagPos);
                    }
                    skipWhitespace();
                    if (pos >= end || buf[pos] != '>') {
                        throw malformed("expected '>' to close </" + name + ">", pos);
                    }
                    pos++;
                    if (nodeCount == first) { // the run, if any, is the whole content: keep it as it is
                        String all = run != null ? run : wsFrom >= 0 ? normaliseLineEnds(wsFrom, wsTo) : "";
                        return all.isEmpty() ? new XmlNode[0] : new XmlNode[] {new XmlText(all)};
                    }
                    endRun(run);
                    XmlNode[] children = Arrays.copyOfRange(nodes, first, nodeCount);
                    nodeCount = first;
                    return children;
                }
                endRun(run);
                run = null;
                wsFrom = -1;
                if (startsWith("<!--")) {
                    comment();
                } else if (startsWith("<?")) {
                    processingInstruction();
                } else if (startsWith("<!DOCTYPE")) {
                    throw security("DOCTYPE declarations are not allowed (no DTDs, no entities)", pos);
                } else if (startsWith("<!")) {
                    throw malformed("unexpected markup '<!'", pos);
                } else {
                    push(element(depth + 1));
                }
            }
        }

        /** The run so far ({@code run}, or the whitespace {@code buf[wsFrom, wsTo)}) followed by {@code text}. */
        private String join(String run, int wsFrom, int wsTo, String text) {
            return run != null ? run + text : wsFrom >= 0 ? normaliseLineEnds(wsFrom, wsTo) + text : text;
        }

        /** Keeps a finished text run unless it is whitespace only. */
        private void endRun(String run) {
            if (run != null && !XmlChars.isWhitespace(run, 0, run.length())) {
                push(new XmlText(run));
            }
        }

        /** Reads character data up to the next '&lt;'; returns null when it is whitespace only. */
        private String text() {
            int start = pos;
            boolean plain = true;
            boolean whitespace = true;
            char[] b = buf;
            int p = pos;
            while (p < end) {
                char c = b[p];
                if (c == '<') {
                    break;
                }
                if (c == '&') {
                    plain = false;
                    whitespace = false;
                } else if (c == '\r') {
                    plain = false;
                } else if (c == ']' && p + 2 < end && b[p + 1] == ']' && b[p + 2] == '>') {
                    throw malformed("']]>' is not allowed in text", p);
                } else if (c <= ' ') {
                    if (c != ' ' && c != '\n' && c != '\t') {
                        throw malformed("character U+" + Integer.toHexString(c) + " is not allowed in XML", p);
                    }
                } else {
                    whitespace = false;
                    if (c >= 0xFFFE) {
                        throw malformed("character U+" + Integer.toHexString(c) + " is not allowed in XML", p);
                    }
                }
                p++;
            }
            pos = p;
            if (whitespace) {
                return null;
            }
            if (plain) {
                return new String(b, start, p - start);
            }
            return decode(start, p, false);
        }

        private String attributeValue() {
            if (pos >= end) {
                throw malformed("expected a quoted attribute value", pos);
            }
            char quote = buf[pos];
            if (quote != '"' && quote != '\'') {
                throw malformed("expected a quoted attribute value", pos);
            }
            int start = ++pos;
            boolean plain = true;
            int hash = 0;
            char[] b = buf;
            int p = start;
            while (true) {
                if (p >= end) {
                    throw malformed("unterminated attribute value", start - 1);
                }
                char c = b[p];
                if (c == quote) {
                    break;
                }
                if (c == '<') {
                    throw malformed("'<' is not allowed in an attribute value", p);
                }
                if (c == '&' || c == '\n' || c == '\t' || c == '\r') {
                    plain = false;
                } else if (XmlChars.isForbidden(c)) {
                    throw malformed("character U+" + Integer.toHexString(c) + " is not allowed in XML", p);
                }
                hash = 31 * hash + c;
                p++;
            }
            pos = p + 1;
            if (plain) {
                return p - start <= MAX_SHARED_VALUE ? VALUES.get(b, start, p, hash) : new String(b, start, p - start);
            }
            return decode(start, p, true);
        }

        /** Slow path: resolves references and normalises line ends (and, in attributes, whitespace). */
        private String decode(int from, int to, boolean attribute) {
            StringBuilder sb = scratch == null ? (scratch = new StringBuilder(64)) : scratch;
            sb.setLength(0);
            for (int p = from; p < to; p++) {
                char c = buf[p];
                if (c == '&') {
                    int semi = -1;
                    for (int q = p + 1; q < to && q < p + 12; q++) {
                        if (buf[q] == ';') {
                            semi = q;
                            break;
                        }
                    }
                    if (semi < 0) {
                        throw malformed("'&' must start an entity or character reference", p);
                    }
                    appendReference(sb, p, semi);
                    p = semi;
                } else if (c == '\r') {
                    if (p + 1 < to && buf[p + 1] == '\n') {
                        p++;
                    }
                    sb.append(attribute ? ' ' : '\n');
                } else if (attribute && (c == '\n' || c == '\t')) {
                    sb.append(' ');
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        private void appendReference(StringBuilder sb, int amp, int semi) {
            String ref = new String(buf, amp + 1, semi - amp - 1);
            switch (ref) {
                case "lt" -> sb.append('<');
                case "gt" -> sb.append('>');
                case "amp" -> sb.append('&');
                case "apos" -> sb.append('\'');
                case "quot" -> sb.append('"');
                default -> {
                    if (!ref.startsWith("#")) {
                        throw malformed("undeclared entity &" + ref + "; (only the five predefined entities exist)", amp);
                    }
                    int code = characterCode(ref);
                    if (code < 0) {
                        throw malformed("bad character reference &" + ref + ";", amp);
                    }
                    if (code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)
                            || (code < 0x10000 && XmlChars.isForbidden((char) code))) {
                        throw malformed("character reference &" + ref + "; names a character XML does not allow", amp);
                    }
                    sb.appendCodePoint(code);
                }
            }
        }

        /** The code of {@code #DDD} or {@code #xHHH} (ASCII digits only, no sign), -1 if malformed or too large. */
        private static int characterCode(String ref) {
            boolean hex = ref.startsWith("#x");
            int from = hex ? 2 : 1;
            if (from == ref.length()) {
                return -1;
            }
            long code = 0;
            for (int i = from; i < ref.length(); i++) {
                char c = ref.charAt(i);
                int d = c >= '0' && c <= '9' ? c - '0'
                        : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) {
                    return -1;
                }
                code = code * (hex ? 16 : 10) + d;
                if (code > 0x10FFFF) {
                    return -1;
                }
            }
            return (int) code;
        }

        private void comment() {
            int start = pos;
            int close = indexOf("--", pos + 4);
            if (close < 0) {
                throw malformed("unterminated comment", start);
            }
            if (close + 2 >= end || buf[close + 2] != '>') {
                throw malformed("'--' is not allowed inside a comment", close);
            }
            checkChars(start + 4, close);
            push(new XmlComment(normaliseLineEnds(start + 4, close)));
            pos = close + 3;
        }

        private void processingInstruction() {
            int start = pos;
            pos += 2;
            String target = name("processing instruction target");
            if (target.equalsIgnoreCase("xml")) {
                throw malformed("the XML declaration may only appear at the very start", start);
            }
            int close = indexOf("?>", pos);
            if (close < 0) {
                throw malformed("unterminated processing instruction", start);
            }
            int dataStart = pos;
            while (dataStart < close && XmlChars.isWhitespace(buf[dataStart])) {
                dataStart++;
            }
            checkChars(dataStart, close);
            push(new XmlProcessingInstruction(target, normaliseLineEnds(dataStart, close)));
            pos = close + 2;
        }

        private String name(String what) {
            int start = pos;
            if (pos >= end || !XmlChars.isNameStart(buf[pos])) {
                throw pos >= end ? malformed("unexpected end of input, expected " + what, pos)
                        : malformed("expected " + what, pos);
            }
            int hash = buf[pos++];
            while (pos < end) {
                char c = buf[pos];
                if (!XmlChars.isNameChar(c)) {
                    break;
                }
                hash = 31 * hash + c;
                pos++;
            }
            return NAMES.get(buf, start, pos, hash);
        }

        private void push(XmlNode node) {
            if (nodeCount == nodes.length) {
                nodes = Arrays.copyOf(nodes, nodes.length * 2);
            }
            nodes[nodeCount++] = node;
        }

        private boolean skipWhitespace() {
            int start = pos;
            while (pos < end && XmlChars.isWhitespace(buf[pos])) {
                pos++;
            }
            return pos > start;
        }

        private boolean startsWith(String s) {
            if (pos + s.length() > end) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (buf[pos + i] != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private int indexOf(String s, int from) {
            char first = s.charAt(0);
            outer:
            for (int p = from; p <= end - s.length(); p++) {
                if (buf[p] == first) {
                    for (int i = 1; i < s.length(); i++) {
                        if (buf[p + i] != s.charAt(i)) {
                            continue outer;
                        }
                    }
                    return p;
                }
            }
            return -1;
        }

        private void checkChars(int from, int to) {
            for (int p = from; p < to; p++) {
                if (XmlChars.isForbidden(buf[p])) {
                    throw malformed("character U+" + Integer.toHexString(buf[p]) + " is not allowed in XML", p);
                }
            }
        }

        private String normaliseLineEnds(int from, int to) {
            for (int p = from; p < to; p++) {
                if (buf[p] == '\r') {
                    return new String(buf, from, to - from).replace("\r\n", "\n").replace('\r', '\n');
                }
            }
            return new String(buf, from, to - from);
        }

        /** Line of an offset; offsets are asked for in increasing order, so counting is incremental. */
        private int lineOf(int offset) {
            if (offset < lineCountedTo) {
                // an earlier offset (only on error paths): count from the start
                lineCountedTo = 0;
                line = 1;
                lineStart = 0;
            }
            for (int p = lineCountedTo; p < offset; p++) {
                char c = buf[p];
                if (c == '\n' || (c == '\r' && (p + 1 >= end || buf[p + 1] != '\n'))) { // LF, CRLF or CR alone
                    line++;
                    lineStart = p + 1;
                }
            }
            lineCountedTo = offset;
            return line;
        }

        private MalformedXmlException truncated(String name, int start) {
            return malformed("unexpected end of input inside <" + name + "> opened at line " + lineOf(start), end);
        }

        private MalformedXmlException malformed(String reason, int offset) {
            int l = lineOf(Math.min(offset, end));
            return new MalformedXmlException(reason, l, Math.min(offset, end) - lineStart + 1);
        }

        private XmlSecurityException security(String reason, int offset) {
            int l = lineOf(offset);
            return new XmlSecurityException(reason, l, offset - lineStart + 1);
        }
    }
}
