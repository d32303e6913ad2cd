package io.virtforge.host.pci;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The second process of {@link HostLockTest}: takes the lock, creates the marker file, holds the lock for
 * the given milliseconds, exits. Arguments: lock file, marker file, milliseconds.
 */
final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (HostLock lock = HostLock.acquire(Path.of(args[0]), Optional.empty())) {
            Files.createFile(Path.of(args[1]));
            Thread.sleep(Long.parseLong(args[2]));
        }
    }
}
