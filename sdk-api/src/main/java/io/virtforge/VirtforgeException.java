package io.virtforge;

/**
 * Root of every exception Virtforge throws on purpose. Unchecked, so that fluent code stays fluent;
 * each subclass names one kind of failure and carries the data a caller needs to react to it.
 */
public class VirtforgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public VirtforgeException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the cause it wraps. */
    public VirtforgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
