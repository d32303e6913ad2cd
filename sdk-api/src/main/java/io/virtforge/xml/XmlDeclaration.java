package io.virtforge.xml;

import java.util.Locale;

/**
 * The XML declaration ({@code <?xml version="1.0" encoding="..." standalone="..."?>}), read by its
 * grammar: version first, then optionally encoding, then optionally standalone, nothing else.
 *
 * <p>Only version 1.0 is accepted. XML 1.1 changes the character classes and line ends, and a 1.0
 * parser that reads a 1.1 document with 1.0 rules would give a different tree than a 1.1 parser;
 * refusing it is the honest answer, and libvirt writes no declaration at all.
 *
 * @param encoding   the declared encoding name, null when absent
 * @param standalone the standalone value ({@code yes} or {@code no}), null when absent
 * @param end        offset just past the closing {@code ?>}
 */
record XmlDeclaration(String encoding, String standalone, int end) {
    /** Builds the error for an offset of the input being read. */
    interface Errors {
        MalformedXmlException at(String reason, int offset);
    }

    /** True when the input at {@code from} starts an XML declaration ({@code <?xml} then whitespace). */
    static boolean startsAt(char[] buf, int from, int end) {
        return from + 5 < end && buf[from] == '<' && buf[from + 1] == '?' && buf[from + 2] == 'x'
                && buf[from + 3] == 'm' && buf[from + 4] == 'l' && XmlChars.isWhitespace(buf[from + 5]);
    }

    /** Reads the declaration that {@link #startsAt} found at {@code from}. */
    static XmlDeclaration read(char[] buf, int from, int end, Errors errors) {
        Reader r = new Reader(buf, from + 5, end, errors);
        String version = r.pseudoAttribute("version", true);
        if (!version.matches("1\\.[0-9]+")) {
            throw errors.at("malformed XML version '" + version + "'", r.valueAt);
        }
        if (!version.equals("1.0")) {
            throw errors.at("XML version " + version + " is not supported (only 1.0)", r.valueAt);
        }
        String encoding = r.pseudoAttribute("encoding", false);
        if (encoding != null && !encoding.matches("[A-Za-z][A-Za-z0-9._-]*")) {
            throw errors.at("malformed encoding name '" + encoding + "'", r.valueAt);
        }
        String standalone = r.pseudoAttribute("standalone", false);
        if (standalone != null && !standalone.equals("yes") && !standalone.equals("no")) {
            throw errors.at("standalone must be 'yes' or 'no', not '" + standalone + "'", r.valueAt);
        }
        r.skipWhitespace();
        if (r.pos + 1 >= end || buf[r.pos] != '?' || buf[r.pos + 1] != '>') {
            throw errors.at(r.pos >= end ? "unterminated XML declaration" : "unexpected text in the XML declaration", r.pos);
        }
        return new XmlDeclaration(encoding, standalone, r.pos + 2);
    }

    /** The encoding name in upper case, null when none is declared. */
    String encodingKey() {
        return encoding == null ? null : encoding.toUpperCase(Locale.ROOT);
    }

    /** A cursor over the declaration's pseudo-attributes. */
    private static final class Reader {
        private final char[] buf;
        private final int end;
        private final Errors errors;
        private int pos;
        private int valueAt;

        Reader(char[] buf, int pos, int end, Errors errors) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
            this.errors = errors;
        }

        int skipWhitespace() {
            int start = pos;
            while (pos < end && XmlChars.isWhitespace(buf[pos])) {
                pos++;
            }
            return pos - start;
        }

        /** Reads {@code S name Eq quoted-value} if the name comes next; null when absent and optional. */
        String pseudoAttribute(String name, boolean required) {
            int start = pos;
            boolean space = skipWhitespace() > 0;
            if (!space || !lookingAt(name)) {
                pos = start;
                if (required) {
                    throw errors.at("the XML declaration must start with " + name + "=\"...\"", pos);
                }
                return null;
            }
            pos += name.length();
            skipWhitespace();
            if (pos >= end || buf[pos] != '=') {
                throw errors.at("expected '=' after " + name + " in the XML declaration", pos);
            }
            pos++;
            skipWhitespace();
            if (pos >= end || (buf[pos] != '"' && buf[pos] != '\'')) {
                throw errors.at("expected a quoted value for " + name + " in the XML declaration", pos);
            }
            char quote = buf[pos];
            valueAt = ++pos;
            while (pos < end && buf[pos] != quote) {
                if (buf[pos] == '?' || buf[pos] == '<') {
                    break;
                }
                pos++;
            }
            if (pos >= end || buf[pos] != quote) {
                throw errors.at("unterminated value of " + name + " in the XML declaration", valueAt - 1);
            }
            return new String(buf, valueAt, pos++ - valueAt);
        }

        private boolean lookingAt(String s) {
            return XmlChars.regionMatches(buf, pos, end, s);
        }
    }
}
