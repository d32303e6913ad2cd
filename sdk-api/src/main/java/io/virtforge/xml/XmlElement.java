package io.virtforge.xml;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable XML element: its qualified name, its attributes in document order and its children.
 * Names are kept as written (prefix included) and namespace declarations are ordinary attributes, so
 * that foreign-namespace content (metadata, {@code qemu:commandline}) is kept byte for byte.
 *
 * <p>Equality is structural: same name, same attributes in any order, same children in the same order.
 * Source positions ({@link #line()}, {@link #column()}) are for error messages and do not take part.
 */
public final class XmlElement implements XmlNode {
    private static final String[] NO_ATTRIBUTES = new String[0];
    private static final XmlNode[] NO_CHILDREN = new XmlNode[0];

    private final String name;
    /** Alternating names and values: {@code [n0, v0, n1, v1, ...]}. */
    private final String[] attributes;
    private final XmlNode[] children;
    private final int line;
    private final int column;
    private int hash;

    /**
     * A one-word summary of the child elements' names: bit {@code hashCode() & 63} of each name is set. A
     * lookup whose bit is clear needs no scan; the model looks up far more absent children than present ones.
     */
    private final long childNames;
    /**
     * Bit i set: attribute i's value holds none of the characters that writing it in single quotes escapes
     * ({@code < & ' TAB LF CR}), so the writer copies it as is. Only the parser sets bits (it sees every
     * character anyway); 0, "escape every value", is always correct.
     */
    private final long plainValues;

    /** Whether the name or an attribute uses a prefix or declares a namespace: 0 not known yet, 1 no, 2 yes. */
    private byte namespaced;

    XmlElement(String name, String[] attributes, XmlNode[] children, int line, int column) {
        this(name, attributes, children, line, column, childNamesOf(children), 0L);
    }

    private XmlElement(String name, String[] attributes, XmlNode[] children, int line, int column, long childNames,
            long plainValues) {
        this.name = name;
        this.attributes = attributes.length == 0 ? NO_ATTRIBUTES : attributes;
        this.children = children.length == 0 ? NO_CHILDREN : children;
        this.line = line;
        this.column = column;
        this.childNames = childNames;
        this.plainValues = plainValues;
    }

    /**
     * As the other constructor, for the parser, which knows already whether namespaces are involved, the
     * children's name summary (from the hashes it computed reading the names) and which values are plain.
     */
    XmlElement(String name, String[] attributes, XmlNode[] children, int line, int column, boolean namespaced,
            long childNames, long plainValues) {
        this(name, attributes, children, line, column, childNames, plainValues);
        this.namespaced = (byte) (namespaced ? 2 : 1);
    }

    /** The bit of {@link #childNames} that a child called {@code name} sets. */
    static long nameBit(int nameHash) {
        return 1L << nameHash; // the shift uses the low six bits
    }

    static long childNamesOf(XmlNode[] children) {
        long bits = 0;
        for (XmlNode n : children) {
            if (n instanceof XmlElement e) {
                bits |= nameBit(e.name.hashCode());
            }
        }
        return bits;
    }

    /** False when no child element can be called {@code elementName}; true when one may be. */
    boolean mayHaveElement(String elementName) {
        return (childNames & nameBit(elementName.hashCode())) != 0;
    }

    /** The summary of the child elements' names, for tests of the parser's bookkeeping. */
    long childNameBits() {
        return childNames;
    }

    /** True when attribute {@code index}'s value is known to need no escaping in single quotes. */
    boolean plainValue(int index) {
        return index < 64 && (plainValues & (1L << index)) != 0;
    }

    /**
     * True when the name has a prefix or an attribute has one or declares a namespace, so that writing
     * needs the namespace checks. Computed once (racy but idempotent, like the hash code).
     */
    boolean usesNamespaces() {
        byte n = namespaced;
        if (n == 0) {
            boolean uses = name.indexOf(':') >= 0;
            for (int i = 0; i < attributes.length && !uses; i += 2) {
                uses = attributes[i].indexOf(':') >= 0 || attributes[i].equals("xmlns");
            }
            n = (byte) (uses ? 2 : 1);
            namespaced = n;
        }
        return n == 2;
    }

    /** Starts a new element. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding a copy of this element, to change it. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.attributes.addAll(Arrays.asList(attributes));
        b.children.addAll(Arrays.asList(children));
        return b;
    }

    /** The qualified name as written, e.g. {@code disk} or {@code qemu:commandline}. */
    public String name() {
        return name;
    }

    /** The part of the name after the prefix. */
    public String localName() {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    /** The namespace prefix, if the name has one. */
    public Optional<String> prefix() {
        int colon = name.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(name.substring(0, colon));
    }

    /** Line of the start tag in the parsed document; 0 for built elements. */
    public int line() {
        return line;
    }

    /** Column of the start tag in the parsed document; 0 for built elements. */
    public int column() {
        return column;
    }

    /** The attributes as held, names and values alternating; for this package's readers, never to change. */
    String[] attributeArray() {
        return attributes;
    }

    /** Number of attributes. */
    public int attributeCount() {
        return attributes.length >> 1;
    }

    /** Name of the attribute at {@code index} (document order). */
    public String attributeName(int index) {
        return attributes[index << 1];
    }

    /** Value of the attribute at {@code index} (document order). */
    public String attributeValue(int index) {
        return attributes[(index << 1) + 1];
    }

    /** Index of the named attribute, or -1. */
    public int attributeIndex(String attributeName) {
        String[] a = attributes;
        for (int i = 0; i < a.length; i += 2) {
            // Parsed names are interned against the known-name table, so identity usually decides.
            // Otherwise the cached hashes refuse a different name without reading its characters.
            String n = a[i];
            if (n == attributeName || n.hashCode() == attributeName.hashCode() && n.equals(attributeName)) {
                return i >> 1;
            }
        }
        return -1;
    }

    /** The value of the named attribute. */
    public Optional<String> attribute(String attributeName) {
        int i = attributeIndex(attributeName);
        return i < 0 ? Optional.empty() : Optional.of(attributes[(i << 1) + 1]);
    }

    /** True when the element has the named attribute. */
    public boolean hasAttribute(String attributeName) {
        return attributeIndex(attributeName) >= 0;
    }

    /** All attributes, in document order. */
    public List<XmlAttribute> attributes() {
        List<XmlAttribute> list = new ArrayList<>(attributeCount());
        for (int i = 0; i < attributes.length; i += 2) {
            list.add(new XmlAttribute(attributes[i], attributes[i + 1]));
        }
        return List.copyOf(list);
    }

    /** Number of child nodes. */
    public int childCount() {
        return children.length;
    }

    /** The child node at {@code index}. */
    public XmlNode child(int index) {
        return children[index];
    }

    /** All child nodes in document order (an unmodifiable view). */
    public List<XmlNode> children() {
        return new AbstractList<>() {
            @Override
            public XmlNode get(int index) {
                return children[index];
            }

            @Override
            public int size() {
                return children.length;
            }
        };
    }

    /** The child elements in document order. */
    public List<XmlElement> elements() {
        List<XmlElement> list = new ArrayList<>(children.length);
        for (XmlNode n : children) {
            if (n instanceof XmlElement e) {
                list.add(e);
            }
        }
        return list;
    }

    /** The child elements with the given name, in document order. */
    public List<XmlElement> elements(String elementName) {
        int i = indexOfElement(elementName, 0);
        if (i < 0) {
            return List.of();
        }
        List<XmlElement> list = new ArrayList<>(4);
        for (; i >= 0; i = indexOfElement(elementName, i + 1)) {
            list.add((XmlElement) children[i]);
        }
        return list;
    }

    /**
     * The index of the first child element called {@code elementName} at or after child {@code from}, or -1:
     * for readers that walk the children by index without a list or an {@code Optional} per lookup.
     */
    public int indexOfElement(String elementName, int from) {
        if (!mayHaveElement(elementName)) {
            return -1;
        }
        XmlNode[] c = children;
        for (int i = Math.max(from, 0); i < c.length; i++) {
            if (c[i] instanceof XmlElement e && e.hasName(elementName)) {
                return i;
            }
        }
        return -1;
    }

    /** The first child element with the given name. */
    public Optional<XmlElement> element(String elementName) {
        int i = indexOfElement(elementName, 0);
        return i < 0 ? Optional.empty() : Optional.of((XmlElement) children[i]);
    }

    /** True when this element's qualified name is {@code candidate}. */
    public boolean hasName(String candidate) {
        // Parsed names are interned, so identity usually decides; a different name is then told by the
        // strings' cached hashes, which the model's lookups by name meet far more often than a match.
        return name == candidate || name.hashCode() == candidate.hashCode() && name.equals(candidate);
    }

    /** True when any child is an element. */
    public boolean hasElementChildren() {
        for (XmlNode n : children) {
            if (n instanceof XmlElement) {
                return true;
            }
        }
        return false;
    }

    /** The element's direct text, concatenated; empty when there is none. */
    public String text() {
        if (children.length == 1 && children[0] instanceof XmlText t) {
            return t.text();
        }
        StringBuilder sb = null;
        for (XmlNode n : children) {
            if (n instanceof XmlText t) {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(t.text());
            }
        }
        return sb == null ? "" : sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof XmlElement other) || !name.equals(other.name)
                || attributes.length != other.attributes.length || hashCode() != other.hashCode()) {
            return false;
        }
        for (int i = 0; i < attributes.length; i += 2) {
            int j = other.attributeIndex(attributes[i]);
            if (j < 0 || !attributes[i + 1].equals(other.attributes[(j << 1) + 1])) {
                return false;
            }
        }
        return Arrays.equals(children, other.children);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = name.hashCode();
            int attrs = 0;
            for (int i = 0; i < attributes.length; i += 2) {
                attrs += attributes[i].hashCode() ^ attributes[i + 1].hashCode(); // order-insensitive
            }
            h = 31 * (31 * h + attrs) + Arrays.hashCode(children);
            if (h == 0) {
                h = 1; // 0 means "not computed yet": the first call must return what later ones do
            }
            hash = h;
        }
        return h;
    }

    /** The element written as XML, indented as libvirt does. */
    @Override
    public String toString() {
        return XmlWriter.toXml(this);
    }

    /**
     * A mutable builder of an {@link XmlElement}. Setting an attribute that exists keeps its position;
     * names and values are checked as they are set.
     */
    public static final class Builder {
        private final String name;
        private final List<String> attributes = new ArrayList<>();
        private final List<XmlNode> children = new ArrayList<>();

        private Builder(String name) {
            if (!XmlChars.isValidQName(Objects.requireNonNull(name, "name"))) {
                throw new IllegalArgumentException("not an XML name (a QName of Namespaces in XML): '" + name + "'");
            }
            this.name = name;
        }

        /** The name of the element being built. */
        public String name() {
            return name;
        }

        /** Sets an attribute, replacing the value in place if it exists. */
        public Builder attribute(String attributeName, String value) {
            if (!XmlChars.isValidQName(Objects.requireNonNull(attributeName, "attributeName"))) {
                throw new IllegalArgumentException("not an XML name (a QName of Namespaces in XML): '" + attributeName + "'");
            }
            checkChars(Objects.requireNonNull(value, "value"), "an attribute value");
            if (NamespaceScope.isDeclaration(attributeName)) {
                String error = NamespaceScope.declarationError(attributeName, value);
                if (error != null) {
                    throw new IllegalArgumentException(error);
                }
            }
            for (int i = 0; i < attributes.size(); i += 2) {
                if (attributes.get(i).equals(attributeName)) {
                    attributes.set(i + 1, value);
                    return this;
                }
            }
            attributes.add(attributeName);
            attributes.add(value);
            return this;
        }

        /** Removes an attribute if present. */
        public Builder removeAttribute(String attributeName) {
            for (int i = 0; i < attributes.size(); i += 2) {
                if (attributes.get(i).equals(attributeName)) {
                    attributes.remove(i + 1);
                    attributes.remove(i);
                    return this;
                }
            }
            return this;
        }

        /** The current value of an attribute. */
        public Optional<String> attribute(String attributeName) {
            for (int i = 0; i < attributes.size(); i += 2) {
                if (attributes.get(i).equals(attributeName)) {
                    return Optional.of(attributes.get(i + 1));
                }
            }
            return Optional.empty();
        }

        /** Appends a child node. */
        public Builder add(XmlNode child) {
            if (child instanceof XmlText t) {
                checkChars(t.text(), "text");
            }
            children.add(Objects.requireNonNull(child, "child"));
            return this;
        }

        /** Replaces all children by one text node (or none, for an empty string). */
        public Builder text(String text) {
            checkChars(Objects.requireNonNull(text, "text"), "text");
            children.clear();
            if (!text.isEmpty()) {
                children.add(new XmlText(text));
            }
            return this;
        }

        /** The current first child element with the given name. */
        public Optional<XmlElement> element(String elementName) {
            for (XmlNode n : children) {
                if (n instanceof XmlElement e && e.hasName(elementName)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        /** The current child elements with the given name. */
        public List<XmlElement> elements(String elementName) {
            List<XmlElement> list = new ArrayList<>();
            for (XmlNode n : children) {
                if (n instanceof XmlElement e && e.hasName(elementName)) {
                    list.add(e);
                }
            }
            return list;
        }

        /** Removes every child element with the given name. */
        public Builder removeElements(String elementName) {
            children.removeIf(n -> n instanceof XmlElement e && e.hasName(elementName));
            return this;
        }

        /**
         * Replaces the child elements called {@code elementName} by {@code replacement}. The new ones
         * take the place of the first old one; when there was none, they go before the first child
         * that comes later in {@code order} (the element's canonical child order), else at the end.
         */
        public Builder setElements(String elementName, List<XmlElement> replacement, List<String> order) {
            for (XmlElement e : replacement) { // check first, so that a rejected call changes nothing
                if (!e.hasName(elementName)) {
                    throw new IllegalArgumentException("expected <" + elementName + ">, got <" + e.name() + ">");
                }
            }
            int at = -1;
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i) instanceof XmlElement e && e.hasName(elementName)) {
                    if (at < 0) {
                        at = i;
                    }
                    children.remove(i--);
                }
            }
            if (at < 0) {
                at = insertionPoint(elementName, order);
            }
            children.addAll(at, replacement);
            return this;
        }

        /**
         * Inserts a child element after the last existing one of the same name; when there is none,
         * before the first child that comes later in {@code order}, else at the end. Other children
         * keep their places.
         */
        public Builder insertElement(XmlElement element, List<String> order) {
            int at = -1;
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i) instanceof XmlElement e && e.hasName(element.name())) {
                    at = i + 1;
                }
            }
            children.add(at >= 0 ? at : insertionPoint(element.name(), order), element);
            return this;
        }

        private int insertionPoint(String elementName, List<String> order) {
            int rank = order.indexOf(elementName);
            if (rank < 0) {
                return children.size();
            }
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i) instanceof XmlElement e) {
                    int other = order.indexOf(e.name());
                    if (other > rank) {
                        return i;
                    }
                }
            }
            return children.size();
        }

        /** Builds the element. */
        public XmlElement build() {
            return new XmlElement(name, attributes.toArray(NO_ATTRIBUTES), children.toArray(NO_CHILDREN), 0, 0);
        }

        /** Refuses what XML 1.0 cannot hold: forbidden control characters, U+FFFE, U+FFFF, lone surrogates. */
        static void checkChars(String s, String what) {
            int i = XmlChars.firstInvalidChar(s);
            if (i >= 0) {
                throw new IllegalArgumentException(XmlChars.describe(s, i) + " at index " + i + " cannot appear in "
                        + what + " of an XML document");
            }
        }
    }
}
