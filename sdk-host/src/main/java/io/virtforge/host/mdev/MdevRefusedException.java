package io.virtforge.host.mdev;

import io.virtforge.VirtforgeException;

/** {@link MdevManager} refused to create or remove a mediated device; nothing was written. */
public final class MdevRefusedException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    private final MdevRefusal reason;

    MdevRefusedException(MdevRefusal reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why. */
    public MdevRefusal reason() {
        return reason;
    }
}
