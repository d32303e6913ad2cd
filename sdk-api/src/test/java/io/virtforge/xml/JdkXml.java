package io.virtforge.xml;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The oracle: the JDK's own parser (namespace-aware, DOCTYPE disallowed, nothing fetched), and one
 * signature of a document that both its DOM and this SDK's tree can be turned into, so that "same
 * document" is a string comparison. The signature applies the SDK's documented policy to both sides:
 * adjacent text and CDATA make one run, and a whitespace-only run is kept only when it is an
 * element's whole content.
 */
final class JdkXml {
    private JdkXml() {
    }

    private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(JdkXml::newBuilder);

    private static DocumentBuilder newBuilder() {
        try {
            // the JDK's built-in implementation, whatever else the test class path holds
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXParseException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK's DOM of the text, or null when the JDK refuses it. */
    static Document parse(String xml) {
        return parse(new InputSource(new StringReader(xml)));
    }

    /** The JDK's DOM of the bytes, or null when the JDK refuses them. */
    static Document parse(byte[] xml) {
        return parse(new InputSource(new ByteArrayInputStream(xml)));
    }

    private static Document parse(InputSource in) {
        DocumentBuilder b = BUILDER.get();
        try {
            return b.parse(in);
        } catch (Exception e) {
            LAST_ERROR.set(e.getMessage());
            b.reset();
            return null;
        }
    }

    /** The JDK's message for the last document it refused on this thread. */
    static String lastError() {
        return LAST_ERROR.get();
    }

    // ---- signatures

    /** The signature of a DOM document. */
    static String signature(Document d) {
        StringBuilder sb = new StringBuilder();
        List<Node> prolog = new ArrayList<>();
        List<Node> epilog = new ArrayList<>();
        List<Node> into = prolog;
        for (Node n = d.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                misc(prolog, sb);
                element((Element) n, sb);
                into = epilog;
            } else {
                into.add(n);
            }
        }
        misc(epilog, sb);
        return sb.toString();
    }

    private static void misc(List<Node> nodes, StringBuilder sb) {
        for (Node n : nodes) {
            if (n.getNodeType() == Node.COMMENT_NODE) {
                sb.append("C(").append(n.getNodeValue()).append(")");
            } else if (n.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                sb.append("P(").append(n.getNodeName()).append('|').append(n.getNodeValue()).append(")");
            }
        }
    }

    private static void element(Element e, StringBuilder sb) {
        TreeSet<String> attrs = new TreeSet<>();
        NamedNodeMap map = e.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr a = (Attr) map.item(i);
            attrs.add(attribute(a.getName(), a.getNamespaceURI(), a.getValue()));
        }
        open(sb, e.getTagName(), e.getNamespaceURI(), attrs);
        List<Object> kids = new ArrayList<>(); // String for a text run, Node otherwise
        StringBuilder run = null;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            short t = n.getNodeType();
            if (t == Node.TEXT_NODE || t == Node.CDATA_SECTION_NODE) {
                run = run == null ? new StringBuilder() : run;
                run.append(n.getNodeValue());
            } else {
                if (run != null) {
                    kids.add(run.toString());
                    run = null;
                }
                kids.add(n);
            }
        }
        if (run != null) {
            kids.add(run.toString());
        }
        boolean wholeContent = kids.size() == 1;
        for (Object k : kids) {
            if (k instanceof String s) {
                text(s, wholeContent, sb);
            } else if (k instanceof Element c) {
                element(c, sb);
            } else {
                misc(List.of((Node) k), sb);
            }
        }
        sb.append("/E");
    }

    /** The signature of an SDK document; namespace URIs are resolved here from the xmlns attributes. */
    static String signature(XmlDocument d) {
        StringBuilder sb = new StringBuilder();
        sdkMisc(d.prolog(), sb);
        sdkElement(d.root(), new HashMap<>(Map.of("xml", NamespaceScope.XML_NS, "xmlns", NamespaceScope.XMLNS_NS)), sb);
        sdkMisc(d.epilog(), sb);
        return sb.toString();
    }

    private static void sdkMisc(List<XmlNode> nodes, StringBuilder sb) {
        for (XmlNode n : nodes) {
            if (n instanceof XmlComment c) {
                sb.append("C(").append(c.text()).append(")");
            } else if (n instanceof XmlProcessingInstruction p) {
                sb.append("P(").append(p.target()).append('|').append(p.data()).append(")");
            }
        }
    }

    private static void sdkElement(XmlElement e, Map<String, String> inScope, StringBuilder sb) {
        Map<String, String> scope = inScope;
        for (XmlAttribute a : e.attributes()) {
            if (a.name().equals("xmlns") || a.name().startsWith("xmlns:")) {
                if (scope == inScope) {
                    scope = new HashMap<>(inScope);
                }
                String prefix = a.name().equals("xmlns") ? "" : a.name().substring(6);
                scope.put(prefix, a.value());
            }
        }
        TreeSet<String> attrs = new TreeSet<>();
        for (XmlAttribute a : e.attributes()) {
            String uri = a.name().equals("xmlns") ? NamespaceScope.XMLNS_NS : uriOf(a.name(), scope, false);
            attrs.add(attribute(a.name(), uri, a.value()));
        }
        open(sb, e.name(), uriOf(e.name(), scope, true), attrs);
        boolean wholeContent = e.childCount() == 1;
        for (XmlNode n : e.children()) {
            if (n instanceof XmlText t) {
                text(t.text(), wholeContent, sb);
            } else if (n instanceof XmlElement c) {
                sdkElement(c, scope, sb);
            } else {
                sdkMisc(List.of(n), sb);
            }
        }
        sb.append("/E");
    }

    private static String uriOf(String name, Map<String, String> scope, boolean element) {
        int colon = name.indexOf(':');
        String uri = colon < 0 ? (element ? scope.get("") : null) : scope.get(name.substring(0, colon));
        return uri == null || uri.isEmpty() ? null : uri;
    }

    private static String attribute(String name, String uri, String value) {
        return name + "{" + uri + "}=" + value;
    }

    private static void open(StringBuilder sb, String name, String uri, TreeSet<String> attrs) {
        sb.append("E(").append(name).append('{').append(uri).append('}').append(attrs).append(')');
    }

    private static void text(String s, boolean wholeContent, StringBuilder sb) {
        if (wholeContent || !XmlChars.isWhitespace(s, 0, s.length())) {
            sb.append("T(").append(s).append(')');
        }
    }
}
