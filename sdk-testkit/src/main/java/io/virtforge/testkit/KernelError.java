package io.virtforge.testkit;

import io.virtforge.host.sysfs.Errno;

/** A refusal by the fake kernel, carrying the errno the real kernel would return. Turned into a typed exception by {@link FakeSysfs}. */
final class KernelError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Errno errno;

    KernelError(Errno errno, String why) {
        super(errno + ": " + why, null, false, false);
        this.errno = errno;
    }

    Errno errno() {
        return errno;
    }
}
