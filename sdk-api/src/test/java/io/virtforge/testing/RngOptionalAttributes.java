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
 * Which attributes a RELAX NG grammar (libvirt's {@code domain.rng} and what it includes) lets a
 * document leave out, per element path ({@code /domain/devices/hostdev/driver}).
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
public final class RngOptionalAttributes {
    /** Element nesting followed at most (libvirt's documents stay far below). */
    public static final int MAX_DEPTH = 16;
    private static final String RNG = "http://relaxng.org/ns/structure/1.0";

    private final Map<String, List<Element>> defines = new HashMap<>();
    private final Map<String, Set<String>> optional = new TreeMap<>();
    private final Map<Element, Set<String>> visited = new IdentityHashMap<>();
    private Element start;

    private RngOptionalAttributes() {
    }

    /** Reads the grammar {@code file} (e.g. {@code domain.rng}) and the files it includes. */
    public static RngOptionalAttributes read(Path file) throws Exception {
        RngOptionalAttributes g = new RngOptionalAttributes();
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
        Map<String, Boolean> attrs = attributes(element, elements, new HashSet<>());
        Set<String> opt = optional.computeIfAbsent(path, k -> new TreeSet<>());
        if (attrs != null) {
            attrs.forEach((a, required) -> {
                if (!required) {
                    opt.add(a);
                }
            });
        }
        for (Element child : elements) {
            visitElement(child, path);
        }
    }

    /**
     * The attributes of a pattern's content (not of nested elements, which go to {@code elements}),
     * each mapped to whether the content requires it; null when the content cannot match at all.
     */
    private Map<String, Boolean> attributes(Element pattern, List<Element> elements, Set<String> refs) {
        return sequence(children(pattern), elements, refs);
    }

    private Map<String, Boolean> sequence(List<Element> parts, List<Element> elements, Set<String> refs) {
        Map<String, Boolean> all = new LinkedHashMap<>();
        for (Element p : parts) {
            Map<String, Boolean> m = pattern(p, elements, refs);
            if (m == null) {
                return null;
            }
            m.forEach((k, v) -> all.merge(k, v, Boolean::logicalOr));
        }
        return all;
    }

    private Map<String, Boolean> pattern(Element p, List<Element> elements, Set<String> refs) {
        switch (p.getLocalName()) {
            case "element" -> {
                elements.add(p);
                return Map.of();
            }
            case "attribute" -> {
                String name = p.getAttribute("name");
                return name.isEmpty() || name.contains(":") ? Map.of() : Map.of(name, Boolean.TRUE);
            }
            case "optional", "zeroOrMore" -> {
                Map<String, Boolean> m = sequence(children(p), elements, refs);
                Map<String, Boolean> none = new LinkedHashMap<>();
                if (m != null) {
                    m.keySet().forEach(k -> none.put(k, Boolean.FALSE));
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

    private Map<String, Boolean> ref(String name, List<Element> elements, Set<String> refs) {
        List<Element> defs = defines.getOrDefault(name, List.of());
        if (defs.isEmpty() || !refs.add(name)) {
            return Map.of();
        }
        try {
            boolean interleave = defs.stream().anyMatch(d -> d.getAttribute("combine").equals("interleave"));
            if (interleave) {
                return sequence(defs.stream().flatMap(d -> children(d).stream()).toList(), elements, refs);
            }
            List<Map<String, Boolean>> branches = new ArrayList<>();
            for (Element d : defs) {
                branches.add(sequence(children(d), elements, refs));
            }
            return choice(branches);
        } finally {
            refs.remove(name);
        }
    }

    /** A choice: an attribute is required only when every possible branch requires it. */
    private static Map<String, Boolean> choice(List<Map<String, Boolean>> branches) {
        List<Map<String, Boolean>> possible = branches.stream().filter(b -> b != null).toList();
        if (possible.isEmpty()) {
            return null;
        }
        Map<String, Boolean> all = new LinkedHashMap<>();
        possible.forEach(b -> b.keySet().forEach(k -> all.put(k, Boolean.TRUE)));
        all.replaceAll((k, v) -> possible.stream().allMatch(b -> Boolean.TRUE.equals(b.get(k))));
        return all;
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
