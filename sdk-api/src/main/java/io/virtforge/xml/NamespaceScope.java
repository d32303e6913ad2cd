package io.virtforge.xml;

import java.util.Arrays;

/**
 * The prefixes in scope while a tree is read or written, and the rules of Namespaces in XML 1.0 about
 * declaring and using them. Only prefixed bindings are kept: an unprefixed name is namespace-well-formed
 * whatever the default namespace is.
 *
 * <p>Checks return a reason (null when fine) so that the parser can make a {@link MalformedXmlException}
 * with a position and the writer an {@link IllegalArgumentException}.
 */
final class NamespaceScope {
    static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";

    private String[] prefixes = new String[8];
    private String[] uris = new String[8];
    private int count;

    /** The current size, to {@link #restore} when the element that declared more is closed. */
    int mark() {
        return count;
    }

    void restore(int mark) {
        if (mark < count) {
            Arrays.fill(prefixes, mark, count, null);
            Arrays.fill(uris, mark, count, null);
            count = mark;
        }
    }

    /** True when an attribute of this name is a namespace declaration. */
    static boolean isDeclaration(String attributeName) {
        return attributeName.startsWith("xmlns") && (attributeName.length() == 5 || attributeName.charAt(5) == ':');
    }

    /** Why the declaration {@code attributeName="uri"} breaks the rules of Namespaces in XML 1.0; null when it does not. */
    static String declarationError(String attributeName, String uri) {
        if (attributeName.length() == 5) { // xmlns="..."
            return uri.equals(XML_NS) || uri.equals(XMLNS_NS) ? "the default namespace may not be " + uri : null;
        }
        String prefix = attributeName.substring(6);
        if (prefix.equals("xmlns")) {
            return "the prefix xmlns may not be declared";
        }
        if (prefix.equals("xml") != uri.equals(XML_NS)) {
            return "the prefix xml is bound to " + XML_NS + " and only it is";
        }
        if (uri.equals(XMLNS_NS)) {
            return "no prefix may be bound to " + XMLNS_NS;
        }
        if (uri.isEmpty()) {
            return "xmlns:" + prefix + "=\"\" cannot undeclare a prefix in XML 1.0";
        }
        return null;
    }

    /** Checks and records the declaration {@code attributeName="uri"}; returns why it is wrong, or null. */
    String declare(String attributeName, String uri) {
        String error = declarationError(attributeName, uri);
        if (error != null || attributeName.length() == 5) {
            return error;
        }
        String prefix = attributeName.substring(6);
        if (count == prefixes.length) {
            prefixes = Arrays.copyOf(prefixes, count * 2);
            uris = Arrays.copyOf(uris, count * 2);
        }
        prefixes[count] = prefix;
        uris[count++] = uri;
        return null;
    }

    /** The URI bound to the prefix of a qualified name that has one ({@code colon} > 0); null when unbound. */
    String uriOf(String qualifiedName, int colon) {
        if (colon == 3 && qualifiedName.startsWith("xml")) {
            return XML_NS;
        }
        if (colon == 5 && qualifiedName.startsWith("xmlns")) {
            return XMLNS_NS;
        }
        for (int i = count - 1; i >= 0; i--) {
            String p = prefixes[i];
            if (p.length() == colon && qualifiedName.startsWith(p)) {
                return uris[i];
            }
        }
        return null;
    }

    /**
     * Declares the namespaces an element's attributes declare, then checks that its prefixes are bound
     * and that no two attributes have the same namespace and local name. Returns why the element is not
     * namespace-well-formed, or null; {@code attributes} alternates names and values.
     */
    String enter(String elementName, String[] attributes, int attributeCount) {
        for (int i = 0; i < attributeCount * 2; i += 2) {
            if (isDeclaration(attributes[i])) {
                String reason = declare(attributes[i], attributes[i + 1]);
                if (reason != null) {
                    return reason;
                }
            }
        }
        int colon = elementName.indexOf(':');
        if (colon > 0) {
            String uri = uriOf(elementName, colon);
            if (uri == null || uri.equals(XMLNS_NS)) {
                return "the prefix of <" + elementName + "> is not bound to a namespace";
            }
        }
        String firstUri = null;
        int prefixed = 0;
        for (int i = 0; i < attributeCount * 2; i += 2) {
            String name = attributes[i];
            int c = name.indexOf(':');
            if (c > 0 && !(c == 5 && name.startsWith("xmlns"))) {
                firstUri = uriOf(name, c);
                if (firstUri == null) {
                    return "the prefix of attribute " + name + " is not bound to a namespace";
                }
                prefixed++;
            }
        }
        return prefixed > 1 ? duplicateExpandedName(attributes, attributeCount) : null;
    }

    private String duplicateExpandedName(String[] attributes, int attributeCount) {
        for (int i = 0; i < attributeCount * 2; i += 2) {
            int ci = attributes[i].indexOf(':');
            if (ci <= 0) {
                continue;
            }
            for (int j = i + 2; j < attributeCount * 2; j += 2) {
                int cj = attributes[j].indexOf(':');
                if (cj > 0 && attributes[i].regionMatches(ci, attributes[j], cj, Math.max(attributes[i].length() - ci,
                        attributes[j].length() - cj))
                        && uriOf(attributes[i], ci).equals(uriOf(attributes[j], cj))) {
                    return "attributes " + attributes[i] + " and " + attributes[j] + " have the same namespace and local name";
                }
            }
        }
        return null;
    }
}
