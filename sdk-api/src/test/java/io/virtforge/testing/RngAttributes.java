package io.virtforge.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The attributes a RELAX NG grammar (libvirt's {@code domain.rng} and what it includes) allows, per
 * element path ({@code /domain/devices/hostdev/driver}): which a document may leave out, and which
 * take one of a fixed list of values (an enumeration, where a newer libvirt may add a value).
 *
 * <p>An attribute is optional at a path when some definition of the element at that path does not
 * require it: it sits under {@code <optional>} or {@code <zeroOrMore>}, or one branch of a
 * {@code <choice>} lacks it. Paths rather than element names because libvirt reuses names with
 * different meanings ({@code <driver>} of a disk and of a hostdev). Definitions reached through
 * recursion ({@code backingStore} in {@code backingStore}) are followed up to {@link #MAX_DEPTH}.
 *
 * <p>A small reader of the grammar's XML with the JDK's DOM parser, not a validator: it handles
 * {@code include}, {@code define} (with {@code combine}), {@code ref}, {@code element},
 * {@code attribute}, {@code optional}, {@code zeroOrMore}, {@code oneOrMore}, {@code choice},
 * {@code group}, {@code interleave}, {@code mixed} and {@code notAllowed}; name classes other than a
 * plain name are skipped.
 */
public final class RngAttributes {
    /** Element nesting followed at most (libvirt's documents stay far below). */
    public static final int MAX_DEPTH = 16;
    private static final String RNG = "http://relaxng.org/ns/structure/1.0";

    private final Map<String, List<Element>> defines = new HashMap<>();
    private final Map<String, Set<String>> optional = new TreeMap<>();
    /** Per path, per attribute: its values, or an empty set when it also takes free text. */
    private final Map<String, Map<String, Set<String>>> values = new TreeMap<>();
    private final Map<Element, Set<String>> visited = new IdentityHashMap<>();
    private Element start;

    private RngAttributes() {
    }

    /**
     * How a pattern uses one attribute.
     *
     * @param required whether every match of the pattern has it
     * @param values   the values it may take, or null when it takes free text ({@code <data>}, {@code <text>})
     */
    private record Use(boolean required, Set<String> values) {
        Use and(Use other) {
            return new Use(required || other.required, union(values, other.values));
        }

        Use optional() {
            return new Use(false, values);
        }

        static Set<String> union(Set<String> a, Set<String> b) {
            if (a == null || b == null) {
                return null;
            }
            Set<String> u = new TreeSet<>(a);
            u.addAll(b);
            return u;
        }
    }

    /** Reads the grammar {@code file} (e.g. {@code domain.rng}) and the files it includes. */
    public static RngAttributes read(Path file) throws Exception {
        RngAttributes g = new RngAttributes();
        g.load(file);
        if (g.start == null) {
            throw new IllegalArgumentException(file + " has no <start>");
        }
        g.walkContent(g.start, "");
        return g;
    }

    /** The attributes that may be left out of the element at {@code path}; empty when none or unknown. */
    public Set<String> optionalAt(String path) {
        return optional.getOrDefault(path, Set.of());
    }

    /**
     * The attributes of the element at {@code path} that take one of a fixed list of values in every
     * definition of the element, with those values; empty when none or unknown.
     */
    public Map<String, Set<String>> enumeratedAt(String path) {
        Map<String, Set<String>> m = new TreeMap<>(values.getOrDefault(path, Map.of()));
        m.values().removeIf(Set::isEmpty);
        return m;
    }

    /** Every element path the grammar reaches, with its optional attributes. */
    public Map<String, Set<String>> all() {
        return java.util.Collections.unmodifiableMap(optional);
    }

    // ---- loading

    private void load(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element grammar = f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        for (Element e : children(grammar)) {
            switch (e.getLocalName()) {
                case "include" -> {
                    Path included = file.resolveSibling(e.getAttribute("href"));
                    if (Files.isReadable(included)) {
                        load(included);
                    }
                }
                case "define" -> defines.computeIfAbsent(e.getAttribute("name"), k -> new ArrayList<>()).add(e);
                case "start" -> start = e;
                default -> {
                }
            }
        }
    }

    // ---- walking

    /** Visits the element patterns inside {@code pattern}'s content, as children of {@code path}. */
    private void walkContent(Element pattern, String path) {
        List<Element> elements = new ArrayList<>();
        attributes(pattern, elements, new HashSet<>());
        for (Element child : elements) {
            visitElement(child, path);
        }
    }

    /** Records the optional attributes of one element pattern at its path, then walks its children. */
    private void visitElement(Element element, String parentPath) {
        String name = element.getAttribute("name");
        if (name.isEmpty() || name.contains(":")) {
            return; // <anyName/>, foreign namespaces: nothing the model types
        }
        String path = parentPath + "/" + name;
        if (path.chars().filter(c -> c == '/').count() > MAX_DEPTH
                || !visited.computeIfAbsent(element, k -> new HashSet<>()).add(path)) {
            return;
        }
        List<Element> elements = new ArrayList<>();
        Map<String, Use> attrs = attributes(element, elements, new HashSet<>());
        Set<String> opt = optional.computeIfAbsent(path, k -> new TreeSet<>());
        Map<String, Set<String>> vals = values.computeIfAbsent(path, k -> new TreeMap<>());
        if (attrs != null) {
            attrs.forEach((a, use) -> {
                if (!use.required()) {
                    opt.add(a);
                }
                // free text in any definition: not an enumeration (kept as an empty set)
                Set<String> v = vals.containsKey(a) ? Use.union(vals.get(a), use.values()) : use.values();
                vals.put(a, v == null ? Set.of() : v);
            });
        }
        for (Element child : elements) {
            visitElement(child, path);
        }
    }

    /**
     * The attributes of a pattern's content (not of nested elements, which go to {@code elements}),
     * each with how the content uses it; null when the content cannot match at all.
     */
    private Map<String, Use> attributes(Element pattern, List<Element> elements, Set<String> refs) {
        return sequence(children(pattern), elements, refs);
    }

    private Map<String, Use> sequence(List<Element> parts, List<Element> elements, Set<String> refs) {
        Map<String, Use> all = new LinkedHashMap<>();
        for (Element p : parts) {
            Map<String, Use> m = pattern(p, elements, refs);
            if (m == null) {
                return null;
            }
            m.forEach((k, v) -> all.merge(k, v, Use::and));
        }
        return all;
    }

    private Map<String, Use> pattern(Element p, List<Element> elements, Set<String> refs) {
        switch (p.getLocalName()) {
            case "element" -> {
                elements.add(p);
                return Map.of();
            }
            case "attribute" -> {
                String name = p.getAttribute("name");
                return name.isEmpty() || name.contains(":") ? Map.of()
                        : Map.of(name, new Use(true, valuesOf(children(p), new HashSet<>())));
            }
            case "optional", "zeroOrMore" -> {
                Map<String, Use> m = sequence(children(p), elements, refs);
                Map<String, Use> none = new LinkedHashMap<>();
                if (m != null) {
                    m.forEach((k, v) -> none.put(k, v.optional()));
                }
                return none;
            }
            case "oneOrMore", "group", "interleave", "mixed" -> {
                return sequence(children(p), elements, refs);
            }
            case "choice" -> {
                return choice(children(p).stream().map(c -> pattern(c, elements, refs)).toList());
            }
            case "ref" -> {
                return ref(p.getAttribute("name"), elements, refs);
            }
            case "notAllowed" -> {
                return null;
            }
            default -> {
                return Map.of(); // text, empty, data, value, list, name classes
            }
        }
    }

    private Map<String, Use> ref(String name, List<Element> elements, Set<String> refs) {
        List<Element> defs = defines.getOrDefault(name, List.of());
        if (defs.isEmpty() || !refs.add(name)) {
            return Map.of();
        }
        try {
            boolean interleave = defs.stream().anyMatch(d -> d.getAttribute("combine").equals("interleave"));
            if (interleave) {
                return sequence(defs.stream().flatMap(d -> children(d).stream()).toList(), elements, refs);
            }
            List<Map<String, Use>> branches = new ArrayList<>();
            for (Element d : defs) {
                branches.add(sequence(children(d), elements, refs));
            }
            return choice(branches);
        } finally {
            refs.remove(name);
        }
    }

    /** A choice: an attribute is required only when every possible branch requires it. */
    private static Map<String, Use> choice(List<Map<String, Use>> branches) {
        List<Map<String, Use>> possible = branches.stream().filter(b -> b != null).toList();
        if (possible.isEmpty()) {
            return null;
        }
        Map<String, Use> all = new LinkedHashMap<>();
        possible.forEach(b -> b.forEach((k, v) -> all.merge(k, v, (x, y) -> new Use(true, Use.union(x.values(), y.values())))));
        all.replaceAll((k, v) -> new Use(possible.stream().allMatch(b -> b.containsKey(k) && b.get(k).required()),
                v.values()));
        return all;
    }

    /**
     * The values an attribute's content allows when it is a list of {@code <value>}s (through
     * {@code choice}, {@code group} and {@code ref}); null when it also allows other text.
     */
    private Set<String> valuesOf(List<Element> content, Set<String> refs) {
        if (content.isEmpty()) {
            return null; // <attribute name='x'/>: any text
        }
        Set<String> all = new TreeSet<>();
        for (Element c : content) {
            Set<String> v = switch (c.getLocalName()) {
                case "value" -> Set.of(c.getTextContent().trim());
                case "choice", "group" -> valuesOf(children(c), refs);
                case "ref" -> refValues(c.getAttribute("name"), refs);
                default -> null;
            };
            if (v == null) {
                return null;
            }
            all.addAll(v);
        }
        return all;
    }

    private Set<String> refValues(String name, Set<String> refs) {
        if (!refs.add(name)) {
            return null; // recursive: not a plain list of values
        }
        try {
            return valuesOf(defines.getOrDefault(name, List.of()).stream().flatMap(d -> children(d).stream())
                    .toList(), refs);
        } finally {
            refs.remove(name);
        }
    }

    private static List<Element> children(Element e) {
        List<Element> list = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && RNG.equals(c.getNamespaceURI())) {
                list.add(c);
            }
        }
        return list;
    }
}
