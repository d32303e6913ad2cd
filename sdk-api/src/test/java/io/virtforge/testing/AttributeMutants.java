package io.virtforge.testing;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
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
    private final Transformer transformer;

    /** One mutated document: what was removed, the text, and the mutated tree (valid only during the callback). */
    public record Mutant(String path, String attribute, String xml, Element root) {
        /** {@code /domain/devices/hostdev/driver/@name}. */
        public String where() {
            return path + "/@" + attribute;
        }
    }

    /** A generator for the schema's optional attributes. */
    public AttributeMutants(RngOptionalAttributes schema) throws Exception {
        this.schema = schema;
        this.transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
    }

    /**
     * Hands every mutant of the document rooted at {@code root} to {@code check}, one at a time;
     * the tree is mutated in place and restored after each callback.
     */
    public int each(Element root, Consumer<Mutant> check) throws Exception {
        Set<String> seen = new HashSet<>();
        return walk(root, "/" + root.getTagName(), root, seen, check);
    }

    private int walk(Element e, String path, Element root, Set<String> seen, Consumer<Mutant> check)
            throws Exception {
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

    private String serialize(Element root) throws Exception {
        StringWriter out = new StringWriter();
        transformer.transform(new DOMSource(root), new StreamResult(out));
        return out.toString();
    }
}
