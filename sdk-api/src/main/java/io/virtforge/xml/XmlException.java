package io.virtforge.xml;

import io.virtforge.VirtforgeException;

/**
 * XML that Virtforge will not accept. Carries where the problem is: line and column in the source
 * (0 when unknown, e.g. for a built tree) and, for model errors, the element path.
 */
public abstract class XmlException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;
    private final String reason;

    XmlException(String reason, int line, int column) {
        super(position(line, column) + reason);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    private static String position(int line, int column) {
        return line > 0 ? "line " + line + ", column " + column + ": " : "";
    }

    /** Line of the problem, 1-based; 0 when unknown. */
    public int line() {
        return line;
    }

    /** Column of the problem, 1-based; 0 when unknown. */
    public int column() {
        return column;
    }

    /** The message without the position prefix. */
    public String reason() {
        return reason;
    }
}
