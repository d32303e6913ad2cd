package io.virtforge.xml;

/** The input is not well-formed XML (truncated, mismatched tags, bad characters, unknown entities...). */
public final class MalformedXmlException extends XmlException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for a position in the input. */
    public MalformedXmlException(String reason, int line, int column) {
        super(reason, line, column);
    }
}
