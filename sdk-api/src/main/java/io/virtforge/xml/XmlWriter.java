package io.virtforge.xml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes an {@link XmlElement} tree the way libvirt formats XML: two-space indentation, attributes in
 * single quotes, no XML declaration. Elements whose content is text (or mixed text and markup) are
 * written inline, exactly as held, so no character of content changes.
 */
public final class XmlWriter {
    private XmlWriter() {
    }

    private static final String SPACES = " ".repeat(128);

    /** The element as a string, with a final newline. */
    public static String toXml(XmlElement element) {
        StringBuilder sb = new StringBuilder(4096);
        write(element, sb);
        return sb.toString();
    }

    /** Appends the element, with a final newline. */
    public static void write(XmlElement element, StringBuilder out) {
        element(element, out, 0);
    }

    /** Writes the element to a writer, with a final newline. */
    public static void write(XmlElement element, Writer out) {
        try {
            out.append(toXml(element));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void element(XmlElement e, StringBuilder out, int depth) {
        indent(out, depth);
        startTag(e, out);
        int n = e.childCount();
        if (n == 0) {
            out.append("/>\n");
            return;
        }
        out.append('>');
        if (isInline(e)) {
            for (int i = 0; i < n; i++) {
                inline(e.child(i), out);
            }
        } else {
            out.append('\n');
            for (int i = 0; i < n; i++) {
                XmlNode child = e.child(i);
                if (child instanceof XmlElement c) {
                    element(c, out, depth + 1);
                } else {
                    indent(out, depth + 1);
                    inline(child, out);
                    out.append('\n');
                }
            }
            indent(out, depth);
        }
        out.append("</").append(e.name()).append(">\n");
    }

    /** Content with any text is written as is: indentation would change the text. */
    private static boolean isInline(XmlElement e) {
        for (int i = 0; i < e.childCount(); i++) {
            if (e.child(i) instanceof XmlText) {
                return true;
            }
        }
        return false;
    }

    private static void inline(XmlNode node, StringBuilder out) {
        if (node instanceof XmlText t) {
            escapeText(t.text(), out);
        } else if (node instanceof XmlElement c) {
            startTag(c, out);
            if (c.childCount() == 0) {
                out.append("/>");
            } else {
                out.append('>');
                for (int i = 0; i < c.childCount(); i++) {
                    inline(c.child(i), out);
                }
                out.append("</").append(c.name()).append('>');
            }
        } else if (node instanceof XmlComment c) {
            out.append("<!--").append(c.text()).append("-->");
        } else if (node instanceof XmlProcessingInstruction pi) {
            out.append("<?").append(pi.target());
            if (!pi.data().isEmpty()) {
                out.append(' ').append(pi.data());
            }
            out.append("?>");
        }
    }

    private static void startTag(XmlElement e, StringBuilder out) {
        out.append('<').append(e.name());
        for (int i = 0, n = e.attributeCount(); i < n; i++) {
            out.append(' ').append(e.attributeName(i)).append("='");
            escapeAttribute(e.attributeValue(i), out);
            out.append('\'');
        }
    }

    private static void indent(StringBuilder out, int depth) {
        int n = depth * 2;
        while (n > SPACES.length()) {
            out.append(SPACES);
            n -= SPACES.length();
        }
        out.append(SPACES, 0, n);
    }

    private static void escapeAttribute(String v, StringBuilder out) {
        int start = 0;
        for (int i = 0, n = v.length(); i < n; i++) {
            String rep = switch (v.charAt(i)) {
                case '<' -> "&lt;";
                case '&' -> "&amp;";
                case '\'' -> "&apos;";
                case '\n' -> "&#10;";   // literal whitespace in attributes would be normalised to spaces
                case '\r' -> "&#13;";
                case '\t' -> "&#9;";
                default -> null;
            };
            if (rep != null) {
                out.append(v, start, i).append(rep);
                start = i + 1;
            }
        }
        out.append(v, start, v.length());
    }

    private static void escapeText(String v, StringBuilder out) {
        int start = 0;
        for (int i = 0, n = v.length(); i < n; i++) {
            String rep = switch (v.charAt(i)) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '\r' -> "&#13;";
                default -> null;
            };
            if (rep != null) {
                out.append(v, start, i).append(rep);
                start = i + 1;
            }
        }
        out.append(v, start, v.length());
    }
}
