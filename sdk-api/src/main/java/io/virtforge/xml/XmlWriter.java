package io.virtforge.xml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes an {@link XmlElement} tree (or an {@link XmlDocument}) the way libvirt formats XML: two-space
 * indentation, attributes in single quotes, no XML declaration. Elements whose content is text (or mixed text and markup) are
 * written inline, exactly as held, so no character of content changes.
 */
public final class XmlWriter {
    private XmlWriter() {
    }

    /**
     * One tree walker and its output array per thread, reused: a new 4 KiB builder per document was a tenth of a
     * round trip's time (allocating, zeroing and growing it), more than the copy {@code toString} makes anyway.
     */
    private static final ThreadLocal<TreeWriter> KEPT = ThreadLocal.withInitial(TreeWriter::new);
    /** An output array grown past this by a large document is not kept, so a thread does not hold it for ever. */
    private static final int KEPT_CAPACITY = 1 << 16;

    /**
     * Receives the characters of a written document. The array belongs to the writer and holds the text only
     * during the call: read it there, and keep neither it nor its contents' position.
     */
    @FunctionalInterface
    public interface TextSink<T> {
        /** Takes {@code chars[0, length)}, the whole text; returns what the write returns. */
        T take(char[] chars, int length);
    }

    /** The element as a string, with a final newline. */
    public static String toXml(XmlElement element) {
        return render(null, element, XmlWriter::string);
    }

    /** The document as a string: prolog nodes, root and epilog nodes, each on its own line. */
    public static String toXml(XmlDocument document) {
        return render(document, document.root(), XmlWriter::string);
    }

    /**
     * Appends the element, with a final newline. Throws {@link IllegalArgumentException} when the tree
     * uses a namespace prefix that no element on its path declares: that would not be XML a
     * namespace-aware reader (this SDK's parser included) accepts.
     */
    public static void write(XmlElement element, StringBuilder out) {
        Objects.requireNonNull(out, "out");
        render(null, element, (chars, length) -> out.append(chars, 0, length));
    }

    /** Appends the document, with a final newline. */
    public static void write(XmlDocument document, StringBuilder out) {
        Objects.requireNonNull(out, "out");
        render(document, document.root(), (chars, length) -> out.append(chars, 0, length));
    }

    /**
     * Writes the document and hands its characters to {@code sink} without making a string of them (for an
     * encoder that copies them elsewhere anyway, such as into native memory); returns what the sink returns.
     */
    public static <T> T write(XmlDocument document, TextSink<T> sink) {
        return render(document, document.root(), Objects.requireNonNull(sink, "sink"));
    }

    private static String string(char[] chars, int length) {
        return new String(chars, 0, length);
    }

    /** Writes the root, with the document's prolog and epilog when there is a document, and hands the text to the sink. */
    private static <T> T render(XmlDocument document, XmlElement root, TextSink<T> sink) {
        TreeWriter kept = KEPT.get();
        // in use further up this thread's stack (a write that writes): leave that one alone
        TreeWriter writer = kept.out.length() == 0 ? kept : new TreeWriter();
        XmlOut out = writer.out;
        try {
            if (document != null) {
                misc(document.prolog(), out);
            }
            writer.write(root);
            if (document != null) {
                misc(document.epilog(), out);
            }
            return out.handTo(sink);
        } finally {
            if (writer == kept && out.capacity() > KEPT_CAPACITY) {
                KEPT.remove();
            } else {
                out.clear();
            }
        }
    }

    /** Writes the element to a writer, with a final newline. */
    public static void write(XmlElement element, Writer out) {
        append(toXml(element), out);
    }

    /** Writes the document to a writer, with a final newline. */
    public static void write(XmlDocument document, Writer out) {
        append(toXml(document), out);
    }

    private static void append(String xml, Writer out) {
        try {
            out.append(xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void misc(java.util.List<XmlNode> nodes, XmlOut out) {
        for (int i = 0, n = nodes.size(); i < n; i++) { // indexed: no iterator for the usual empty list
            inline(nodes.get(i), out);
            out.put('\n');
        }
    }

    /**
     * Writes one tree with an explicit stack of open elements, so that no depth of a built tree can
     * overflow the thread's stack, and checks namespace prefixes on the way.
     */
    private static final class TreeWriter {
        private final XmlOut out = new XmlOut(4096);
        private XmlElement[] open = new XmlElement[16];
        private int[] nextChild = new int[16];
        private int[] namespaceMark = new int[16];
        /** Per open element: its content is written inline (it holds text, or it is inside such content). */
        private boolean[] inlineContent = new boolean[16];
        private int depth;
        /** Made on the first namespace declaration or prefix: most libvirt documents have none. */
        private NamespaceScope namespaces;

        /** Writes one tree; the walker is empty again afterwards, also when the tree cannot be written. */
        void write(XmlElement root) {
            try {
                walk(root);
            } finally {
                Arrays.fill(open, 0, depth, null);
                depth = 0;
                namespaces = null;
            }
        }

        private void walk(XmlElement root) {
            start(root, false);
            while (depth > 0) {
                int top = depth - 1;
                XmlElement e = open[top];
                if (nextChild[top] < e.childCount()) {
                    XmlNode child = e.child(nextChild[top]++);
                    boolean inline = inlineContent[top];
                    if (child instanceof XmlElement c) {
                        start(c, inline);
                    } else if (inline) {
                        inline(child, out);
                    } else {
                        out.spaces(2 * depth);
                        inline(child, out);
                        out.put('\n');
                    }
                } else {
                    boolean inline = inlineContent[top];
                    if (!inline) {
                        out.spaces(2 * top);
                    }
                    out.put('<').put('/').put(e.name()).put('>');
                    if (namespaces != null) {
                        namespaces.restore(namespaceMark[top]);
                    }
                    open[top] = null;
                    depth = top;
                    // an element is itself inline when its parent's content is
                    if (top == 0 || !inlineContent[top - 1]) {
                        out.put('\n');
                    }
                }
            }
        }

        /** Writes a start tag, and the whole element when it is empty; else opens it. */
        private void start(XmlElement e, boolean inline) {
            if (!inline) {
                out.spaces(2 * depth);
            }
            int mark = namespaces == null ? 0 : namespaces.mark();
            checkNamespaces(e);
            startTag(e, out);
            if (e.childCount() == 0) {
                out.put('/').put('>');
                if (!inline) {
                    out.put('\n');
                }
                if (namespaces != null) {
                    namespaces.restore(mark);
                }
                return;
            }
            out.put('>');
            boolean inlineChildren = inline || isInline(e);
            if (!inlineChildren) {
                out.put('\n');
            }
            if (depth == open.length) {
                int n = depth * 2;
                open = Arrays.copyOf(open, n);
                nextChild = Arrays.copyOf(nextChild, n);
                namespaceMark = Arrays.copyOf(namespaceMark, n);
                inlineContent = Arrays.copyOf(inlineContent, n);
            }
            open[depth] = e;
            nextChild[depth] = 0;
            namespaceMark[depth] = mark;
            inlineContent[depth] = inlineChildren;
            depth++;
        }

        private void checkNamespaces(XmlElement e) {
            if (e.usesNamespaces()) {
                String[] attributes = e.attributeArray();
                if (namespaces == null) {
                    namespaces = new NamespaceScope();
                }
                String reason = namespaces.enter(e.name(), attributes, attributes.length / 2);
                if (reason != null) {
                    throw new IllegalArgumentException("cannot write <" + e.name() + ">: " + reason);
                }
            }
        }
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

    /** Writes a node other than an element (elements go through {@link TreeWriter}). */
    private static void inline(XmlNode node, XmlOut out) {
        if (node instanceof XmlText t) {
            escapeText(t.text(), out);
        } else if (node instanceof XmlComment c) {
            out.put("<!--").put(c.text()).put("-->");
        } else if (node instanceof XmlProcessingInstruction pi) {
            out.put('<').put('?').put(pi.target());
            if (!pi.data().isEmpty()) {
                out.put(' ').put(pi.data());
            }
            out.put('?').put('>');
        }
    }

    private static void startTag(XmlElement e, XmlOut out) {
        out.put('<').put(e.name());
        for (int i = 0, n = e.attributeCount(); i < n; i++) {
            out.put(' ').put(e.attributeName(i)).put('=').put('\'');
            if (e.plainValue(i)) {
                out.put(e.attributeValue(i));
            } else {
                escapeAttribute(e.attributeValue(i), out);
            }
            out.put('\'');
        }
    }

    private static void escapeAttribute(String v, XmlOut out) {
        int start = 0;
        for (int i = 0, n = v.length(); i < n; i++) {
            char c = v.charAt(i);
            if (c > '\'' && c != '<') { // the usual character, decided in two comparisons
                continue;
            }
            String rep = switch (c) {
                case '<' -> "&lt;";
                case '&' -> "&amp;";
                case '\'' -> "&apos;";
                case '\n' -> "&#10;";   // literal whitespace in attributes would be normalised to spaces
                case '\r' -> "&#13;";
                case '\t' -> "&#9;";
                default -> null;
            };
            if (rep != null) {
                out.put(v, start, i).put(rep);
                start = i + 1;
            }
        }
        out.put(v, start, v.length());
    }

    private static void escapeText(String v, XmlOut out) {
        int start = 0;
        for (int i = 0, n = v.length(); i < n; i++) {
            char c = v.charAt(i);
            if (c > '>') { // letters and most punctuation: nothing to escape
                continue;
            }
            String rep = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '\r' -> "&#13;";
                default -> null;
            };
            if (rep != null) {
                out.put(v, start, i).put(rep);
                start = i + 1;
            }
        }
        out.put(v, start, v.length());
    }
}
