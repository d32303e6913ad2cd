package io.virtforge.host.hugepages;

import io.virtforge.host.sysfs.HostChangeException;
import java.util.List;

/**
 * A reservation of huge pages for a domain that the kernel could not satisfy: some pool could not grow
 * enough (memory too fragmented or in use). Every pool raised for the reservation has been put back.
 */
public final class HugePageShortageException extends HostChangeException {
    private static final long serialVersionUID = 1L;
    private final transient List<PoolResize> attempts;

    /**
     * Creates the exception.
     *
     * @param message  what was short
     * @param attempts the pool resizes tried, the short one last
     */
    public HugePageShortageException(String message, List<PoolResize> attempts) {
        super(message);
        this.attempts = List.copyOf(attempts);
    }

    /** The pool resizes tried, the short one last (before they were undone). */
    public List<PoolResize> attempts() {
        return attempts;
    }
}
