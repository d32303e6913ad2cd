package io.virtforge.host.pci;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link VfioBinder} may act.
 *
 * @param force         bind devices whose network interface is up or carries routes (the host loses
 *                      that network)
 * @param unsafeNoIommu bind although the IOMMU is off (VFIO's unsafe no-IOMMU mode: the guest can DMA
 *                      anywhere in host memory)
 * @param lockFile      the host-wide lock file serialising binders
 * @param lockTimeout   how long to wait for the lock; empty waits as long as it takes
 */
public record VfioOptions(boolean force, boolean unsafeNoIommu, Path lockFile, Optional<Duration> lockTimeout) {
    /** Checks the parts. */
    public VfioOptions {
        Objects.requireNonNull(lockFile, "lockFile");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
    }

    /** Safe defaults: refuse up interfaces and a missing IOMMU, lock {@link HostLock#DEFAULT_VFIO_LOCK}, wait. */
    public static VfioOptions defaults() {
        return new VfioOptions(false, false, HostLock.DEFAULT_VFIO_LOCK, Optional.empty());
    }

    /** These options, binding devices whose interfaces are up or routed. */
    public VfioOptions withForce() {
        return new VfioOptions(true, unsafeNoIommu, lockFile, lockTimeout);
    }

    /** These options, allowing VFIO's unsafe no-IOMMU mode. */
    public VfioOptions withUnsafeNoIommu() {
        return new VfioOptions(force, true, lockFile, lockTimeout);
    }

    /** These options with another lock file. */
    public VfioOptions withLockFile(Path file) {
        return new VfioOptions(force, unsafeNoIommu, file, lockTimeout);
    }

    /** These options, waiting at most {@code timeout} for the lock. */
    public VfioOptions withLockTimeout(Duration timeout) {
        return new VfioOptions(force, unsafeNoIommu, lockFile, Optional.of(timeout));
    }
}
