package io.virtforge.host.pci;

import io.virtforge.host.sysfs.HostChangeException;
import java.nio.file.Path;
import java.time.Duration;

/** The host-wide lock was held by someone else for longer than the caller was willing to wait. Nothing was changed. */
public final class HostLockTimeoutException extends HostChangeException {
    private static final long serialVersionUID = 1L;
    private final transient Path lockFile;

    /**
     * Creates the exception.
     *
     * @param lockFile the lock file
     * @param waited   how long the caller waited
     */
    public HostLockTimeoutException(Path lockFile, Duration waited) {
        super("the host lock " + lockFile + " is held by another binder; gave up after " + waited.toMillis() + " ms");
        this.lockFile = lockFile;
    }

    /** The lock file. */
    public Path lockFile() {
        return lockFile;
    }
}
