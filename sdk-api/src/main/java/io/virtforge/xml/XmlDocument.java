package io.virtforge.xml;

import java.util.List;
import java.util.Objects;

/**
 * A whole document: the root element and the comments and processing instructions around it (an
 * explanatory header comment, a stylesheet instruction), so that a file read and written back keeps
 * them. The XML declaration is not kept: the writer, like libvirt, writes none.
 *
 * @param prolog comments and processing instructions before the root element, in document order
 * @param root   the root element
 * @param epilog comments and processing instructions after the root element, in document order
 */
public record XmlDocument(List<XmlNode> prolog, XmlElement root, List<XmlNode> epilog) {
    /** Checks that the root is present and that only comments and processing instructions surround it. */
    public XmlDocument {
        Objects.requireNonNull(root, "root");
        prolog = checkedMisc(prolog, "prolog");
        epilog = checkedMisc(epilog, "epilog");
    }

    /** A document that is just the element. */
    public static XmlDocument of(XmlElement root) {
        return new XmlDocument(List.of(), root, List.of());
    }

    /** The same comments and processing instructions around another root element. */
    public XmlDocument withRoot(XmlElement newRoot) {
        return new XmlDocument(prolog, newRoot, epilog);
    }

    private static List<XmlNode> checkedMisc(List<XmlNode> nodes, String where) {
        List<XmlNode> copy = List.copyOf(Objects.requireNonNull(nodes, where));
        for (XmlNode n : copy) {
            if (!(n instanceof XmlComment) && !(n instanceof XmlProcessingInstruction)) {
                throw new IllegalArgumentException("only comments and processing instructions may stand in the "
                        + where + ", not " + n.getClass().getSimpleName());
            }
        }
        return copy;
    }
}
