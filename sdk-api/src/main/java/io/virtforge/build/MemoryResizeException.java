package io.virtforge.build;

import io.virtforge.VirtforgeException;

/**
 * {@link MemoryResize} cannot tell how to resize a domain's memory: its guest NUMA cells are several and no
 * per-cell sizes were given, or the sizes given do not match the cells.
 */
public final class MemoryResizeException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    private final String domain;

    MemoryResizeException(String domain, String message) {
        super("cannot resize the memory of '" + domain + "': " + message);
        this.domain = domain;
    }

    /** The domain's name. */
    public String domain() {
        return domain;
    }
}
