package io.virtforge.topology;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * An independent reading of capabilities and node device documents with the JDK's DOM parser, the
 * oracle the readers are checked against: no Virtforge type is used to get at the values.
 */
final class DomReading {
    private DomReading() {
    }

    static Element parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            return doc.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Element> children(Element e, String name) {
        List<Element> result = new ArrayList<>();
        if (e == null) {
            return result;
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                result.add(c);
            }
        }
        return result;
    }

    static Element child(Element e, String... path) {
        Element cur = e;
        for (String p : path) {
            List<Element> c = children(cur, p);
            if (c.isEmpty()) {
                return null;
            }
            cur = c.get(0);
        }
        return cur;
    }

    static Optional<String> attr(Element e, String name) {
        return e != null && e.hasAttribute(name) ? Optional.of(e.getAttribute(name)) : Optional.empty();
    }

    /** Decimal, or hex with 0x. */
    static long number(String s) {
        String t = s.trim();
        return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
    }

    /** Bytes of a value in a libvirt unit (KiB when absent). */
    static long bytes(String value, String unit) {
        long v = Long.parseLong(value.trim());
        long factor = switch (unit == null ? "KiB" : unit) {
            case "b", "bytes" -> 1L;
            case "k", "KiB" -> 1L << 10;
            case "M", "MiB" -> 1L << 20;
            case "G", "GiB" -> 1L << 30;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
        return v * factor;
    }

    /** A libvirt id list, e.g. {@code 0-3,^2,8}. */
    static TreeSet<Integer> idList(String text) {
        TreeSet<Integer> set = new TreeSet<>();
        for (String part : text.trim().split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            boolean not = p.startsWith("^");
            if (not) {
                p = p.substring(1);
            }
            int dash = p.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
            for (int i = from; i <= to; i++) {
                if (not) {
                    set.remove(i);
                } else {
                    set.add(i);
                }
            }
        }
        return set;
    }

    /** One host CPU as the document gives it. */
    record Cpu(int id, Integer socket, Integer die, Integer core, TreeSet<Integer> siblings) {
    }

    /** One NUMA cell as the document gives it. */
    record Cell(int id, long memoryBytes, Map<Long, Long> pagesBySizeBytes, Map<Integer, Integer> distances,
            List<Cpu> cpus) {
    }

    /** The cells of a capabilities document. */
    static List<Cell> cells(Element caps) {
        List<Cell> cells = new ArrayList<>();
        for (Element c : children(child(caps, "host", "topology", "cells"), "cell")) {
            int id = Integer.parseInt(c.getAttribute("id"));
            Element mem = child(c, "memory");
            long memory = mem == null ? 0 : bytes(mem.getTextContent(), attr(mem, "unit").orElse(null));
            Map<Long, Long> pages = new TreeMap<>();
            for (Element p : children(c, "pages")) {
                pages.put(bytes(p.getAttribute("size"), attr(p, "unit").orElse(null)),
                        Long.parseLong(p.getTextContent().trim()));
            }
            Map<Integer, Integer> distances = new TreeMap<>();
            for (Element s : children(child(c, "distances"), "sibling")) {
                distances.put(Integer.parseInt(s.getAttribute("id")), Integer.parseInt(s.getAttribute("value")));
            }
            List<Cpu> cpus = new ArrayList<>();
            for (Element cpu : children(child(c, "cpus"), "cpu")) {
                cpus.add(new Cpu(Integer.parseInt(cpu.getAttribute("id")),
                        attr(cpu, "socket_id").map(Integer::valueOf).orElse(null),
                        attr(cpu, "die_id").map(Integer::valueOf).orElse(null),
                        attr(cpu, "core_id").map(Integer::valueOf).orElse(null),
                        attr(cpu, "siblings").map(DomReading::idList).orElse(null)));
            }
            cells.add(new Cell(id, memory, pages, distances, cpus));
        }
        return cells;
    }

    /** The page sizes the host CPU lists, in bytes. */
    static List<Long> hostPageSizes(Element caps) {
        List<Long> sizes = new ArrayList<>();
        for (Element p : children(child(caps, "host", "cpu"), "pages")) {
            sizes.add(bytes(p.getAttribute("size"), attr(p, "unit").orElse(null)));
        }
        return sizes;
    }
}
