package io.virtforge.host.sysfs;

import io.virtforge.VirtforgeException;
import java.util.List;

/**
 * A change to the host (huge page pools, driver bindings, SR-IOV, tuning knobs) that failed. Host
 * changes run as {@linkplain SysfsTransaction transactions}: by the time this is thrown, the steps already
 * done have been undone. {@link #rolledBack()} says whether every undo step succeeded; the ones that
 * failed are {@linkplain #getSuppressed() suppressed} exceptions, and the host may then be half changed.
 */
public class HostChangeException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    private boolean rolledBack = true;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause   the underlying failure, or {@code null}
     */
    public HostChangeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception without a cause. */
    public HostChangeException(String message) {
        super(message);
    }

    /** True when the steps already done were all undone (or there were none). */
    public boolean rolledBack() {
        return rolledBack;
    }

    /** The failures of undo steps; empty when the host was restored. */
    public List<Throwable> rollbackFailures() {
        return List.of(getSuppressed());
    }

    void rollbackFailed() {
        rolledBack = false;
    }
}
