package io.virtforge.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Mutants of one document: the document with one attribute removed that the schema lets a document
 * leave out ({@link RngOptionalAttributes}). One mutant per distinct (element path, attribute) in
 * the document, the first occurrence, so a document with forty {@code <vcpupin>} yields one
 * {@code cpuset}-less mutant, not forty.
 */
public final class AttributeMutants {
    private final RngOptionalAttributes schema;

    /** One mutated document: what was removed, the text, and the mutated tree (valid only during the callback). */
    public record Mutant(String path, String attribute, String xml, Element root) {
        /** {@code /domain/devices/hostdev/driver/@name}. */
        public String where() {
            return path + "/@" + attribute;
        }
    }

    /** A generator for the schema's optional attributes. */
    public AttributeMutants(RngOptionalAttributes schema) {
        this.schema = schema;
    }

    /**
     * Hands every mutant of the document rooted at {@code root} to {@code check}, one at a time;
     * the tree is mutated in place and restored after each callback.
     */
    public int each(Element root, Consumer<Mutant> check) {
        Set<String> seen = new HashSet<>();
        return walk(root, "/" + root.getTagName(), root, seen, check);
    }

    private int walk(Element e, String path, Element root, Set<String> seen, Consumer<Mutant> check) {
        int count = 0;
        Set<String> optional = schema.optionalAt(path);
        for (String name : attributeNames(e)) {
            if (optional.contains(name) && seen.add(path + "/@" + name)) {
                String value = e.getAttribute(name);
                e.removeAttribute(name);
                try {
                    check.accept(new Mutant(path, name, serialize(root), root));
                    count++;
                } finally {
                    e.setAttribute(name, value);
                }
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                count += walk(c, path + "/" + c.getTagName(), root, seen, check);
            }
        }
        return count;
    }

    private static List<String> attributeNames(Element e) {
        NamedNodeMap attrs = e.getAttributes();
        List<String> names = new ArrayList<>(attrs.getLength());
        for (int i = 0; i < attrs.getLength(); i++) {
            names.add(attrs.item(i).getNodeName());
        }
        return names;
    }

    /**
     * Writes the tree as it is. Not the JDK's Transformer: it would add {@code xmlns=""} to the children
     * of an element with a default namespace ({@code <commandline xmlns='...qemu/1.0'>}) in a tree
     * parsed without namespace awareness.
     */
    static String serialize(Element root) {
        StringBuilder sb = new StringBuilder(4096);
        write(root, sb);
        return sb.toString();
    }

    private static void write(Node n, StringBuilder sb) {
        switch (n.getNodeType()) {
            case Node.ELEMENT_NODE -> {
                sb.append('<').append(n.getNodeName());
                NamedNodeMap attrs = n.getAttributes();
                for (int i = 0; i < attrs.getLength(); i++) {
                    sb.append(' ').append(attrs.item(i).getNodeName()).append("=\"");
                    escape(attrs.item(i).getNodeValue(), true, sb);
                    sb.append('"');
                }
                if (n.getFirstChild() == null) {
                    sb.append("/>");
                    return;
                }
                sb.append('>');
                for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
                    write(c, sb);
                }
                sb.append("</").append(n.getNodeName()).append('>');
            }
            case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> escape(n.getNodeValue(), false, sb);
            case Node.COMMENT_NODE -> sb.append("<!--").append(n.getNodeValue()).append("-->");
            case Node.PROCESSING_INSTRUCTION_NODE -> sb.append("<?").append(n.getNodeName()).append(' ')
                    .append(n.getNodeValue()).append("?>");
            default -> {
            }
        }
    }

    private static void escape(String text, boolean attribute, StringBuilder sb) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\r' -> sb.append("&#13;");
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                default -> sb.append(c);
            }
        }
    }
}
