package io.virtforge.monitor;

import io.virtforge.VirtforgeException;

/** A host file the monitor reads did not have the kernel's format. */
public final class MonitorReadException extends VirtforgeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message naming the file and what was wrong. */
    public MonitorReadException(String message) {
        super(message);
    }
}
