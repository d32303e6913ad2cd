package io.virtforge.xml;

/**
 * The input uses something Virtforge refuses on principle (a DOCTYPE, and with it every entity
 * declaration) or exceeds one of the configured {@link XmlLimits}.
 */
public final class XmlSecurityException extends XmlException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for a position in the input. */
    public XmlSecurityException(String reason, int line, int column) {
        super(reason, line, column);
    }
}
