package io.virtforge.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * An independent oracle for "the same XML tree": the JDK's own DOM parser and a comparison that
 * ignores what XML does not give meaning to here: attribute order, whitespace-only text between
 * elements, and the relative order of siblings with different names. Everything else counts:
 * names, attribute values, text (trimmed), comments, the order of same-named siblings.
 */
public final class DomTrees {
    private DomTrees() {
    }

    /** Parses with the JDK (DTDs disallowed); throws on malformed input. */
    public static Element parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setNamespaceAware(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        Document d = b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return d.getDocumentElement();
    }

    /** The first difference between two trees, or null when they are the same. */
    public static String difference(Element a, Element b) {
        return diff(a, b, "/" + a.getTagName());
    }

    private static String diff(Element a, Element b, String path) {
        if (!a.getTagName().equals(b.getTagName())) {
            return path + ": element <" + a.getTagName() + "> vs <" + b.getTagName() + ">";
        }
        Map<String, String> aa = attributes(a);
        Map<String, String> ba = attributes(b);
        if (!aa.equals(ba)) {
            return path + ": attributes " + aa + " vs " + ba;
        }
        String at = text(a);
        String bt = text(b);
        if (!at.equals(bt)) {
            return path + ": text '" + at + "' vs '" + bt + "'";
        }
        List<String> ac = comments(a);
        List<String> bc = comments(b);
        if (!ac.equals(bc)) {
            return path + ": comments " + ac + " vs " + bc;
        }
        Map<String, List<Element>> ag = groups(a);
        Map<String, List<Element>> bg = groups(b);
        if (!ag.keySet().equals(bg.keySet())) {
            return path + ": child names " + ag.keySet() + " vs " + bg.keySet();
        }
        for (String name : ag.keySet()) {
            List<Element> al = ag.get(name);
            List<Element> bl = bg.get(name);
            if (al.size() != bl.size()) {
                return path + ": " + al.size() + " <" + name + "> vs " + bl.size();
            }
            for (int i = 0; i < al.size(); i++) {
                String d = diff(al.get(i), bl.get(i), path + "/" + name + "[" + (i + 1) + "]");
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private static Map<String, String> attributes(Element e) {
        Map<String, String> m = new TreeMap<>();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr at = (Attr) attrs.item(i);
            m.put(at.getName(), at.getValue());
        }
        return m;
    }

    private static String text(Element e) {
        StringBuilder sb = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                sb.append(n.getNodeValue());
            }
        }
        return sb.toString().trim();
    }

    private static List<String> comments(Element e) {
        List<String> list = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.COMMENT_NODE) {
                list.add(n.getNodeValue());
            }
        }
        return list;
    }

    private static Map<String, List<Element>> groups(Element e) {
        Map<String, List<Element>> m = new LinkedHashMap<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                m.computeIfAbsent(c.getTagName(), k -> new ArrayList<>()).add(c);
            }
        }
        return new TreeMap<>(m);
    }
}
