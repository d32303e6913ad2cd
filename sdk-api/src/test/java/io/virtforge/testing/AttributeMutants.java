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
 * Mutants of one document, each changing one attribute the way a newer libvirt may write it: an
 * attribute the schema lets a document leave out, left out ({@link #removals}); an attribute the
 * schema restricts to a list of values, given a value not in the list ({@link #unknownValues}).
 * One mutant per distinct (element path, attribute) in the document, at its first occurrence, so a
 * document with forty {@code <vcpupin>} yields one {@code cpuset} mutant, not forty.
 */
public final class AttributeMutants {
    /** The value no libvirt defines, standing for one a newer libvirt adds. */
    public static final String UNKNOWN_VALUE = "x-virtforge-future";
    /** yes/no and on/off switches: libvirt adds no values to those. */
    private static final Set<String> SWITCH = Set.of("yes", "no", "on", "off");

    private final RngAttributes schema;

    /**
     * One mutated document: where, what changed, the text, and the mutated tree (valid only during
     * the callback).
     */
    public record Mutant(String path, String attribute, String change, String xml, Element root) {
        /** {@code /domain/devices/hostdev/driver/@name}. */
        public String where() {
            return path + "/@" + attribute;
        }
    }

    /** A generator for the schema's attributes. */
    public AttributeMutants(RngAttributes schema) {
        this.schema = schema;
    }

    /** Every mutant without one attribute the schema marks optional; returns the count. */
    public int removals(Element root, Consumer<Mutant> check) {
        return walk(root, "/" + root.getTagName(), root, new HashSet<>(), check, (path, name) ->
                schema.optionalAt(path).contains(name) ? new Edit("without", null) : null);
    }

    /**
     * Every mutant with one enumerated attribute (other than a yes/no switch) set to a value the schema
     * does not list: {@link #UNKNOWN_VALUE}, or for a list of numbers (a cache level: 1, 2, 3) the next
     * number; returns the count.
     */
    public int unknownValues(Element root, Consumer<Mutant> check) {
        return walk(root, "/" + root.getTagName(), root, new HashSet<>(), check, (path, name) -> {
            Set<String> values = schema.enumeratedAt(path).get(name);
            if (values == null || SWITCH.containsAll(values)) {
                return null;
            }
            String unknown = unknownValue(values);
            return new Edit("with " + name + "='" + unknown + "'", unknown);
        });
    }

    private static String unknownValue(Set<String> values) {
        boolean numbers = values.stream().allMatch(v -> !v.isEmpty() && v.chars().allMatch(Character::isDigit));
        return numbers ? Long.toString(values.stream().mapToLong(Long::parseLong).max().orElse(0) + 1) : UNKNOWN_VALUE;
    }

    /** One attribute's change: its description and the new value (null: the attribute is removed). */
    private record Edit(String change, String value) {
    }

    /** The edit a mutation makes to an attribute at a path, or null when it leaves it alone. */
    private interface Mutation {
        Edit edit(String path, String attribute);
    }

    /**
     * Hands every mutant of the tree to {@code check}, one at a time; the tree is mutated in place and
     * restored after each callback.
     */
    private int walk(Element e, String path, Element root, Set<String> seen, Consumer<Mutant> check,
            Mutation mutation) {
        int count = 0;
        for (String name : attributeNames(e)) {
            Edit edit = mutation.edit(path, name);
            if (edit != null && seen.add(path + "/@" + name)) {
                String value = e.getAttribute(name);
                if (edit.value() == null) {
                    e.removeAttribute(name);
                } else {
                    e.setAttribute(name, edit.value());
                }
                try {
                    check.accept(new Mutant(path, name, edit.change(), serialize(root), root));
                    count++;
                } finally {
                    e.setAttribute(name, value);
                }
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                count += walk(c, path + "/" + c.getTagName(), root, seen, check, mutation);
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
