package io.virtforge.xml;

/**
 * Well-formed XML that is not a valid document of the expected kind: the wrong root element, a
 * missing required attribute, a value its type cannot hold (a number out of range, a malformed CPU set).
 */
public final class XmlModelException extends XmlException {
    private static final long serialVersionUID = 1L;
    private final String path;

    /**
     * Creates the exception.
     *
     * @param reason what is wrong
     * @param path   where, e.g. {@code /domain/cputune/vcpupin[3]/@cpuset}
     * @param line   line of the element in the source, 0 when unknown
     * @param column column of the element in the source, 0 when unknown
     */
    public XmlModelException(String reason, String path, int line, int column) {
        super(path + ": " + reason, line, column);
        this.path = path;
    }

    /** The path of the offending element or attribute. */
    public String path() {
        return path;
    }
}
