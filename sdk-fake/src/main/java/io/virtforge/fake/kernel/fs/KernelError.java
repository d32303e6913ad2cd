package io.virtforge.fake.kernel.fs;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.fake.kernel.FakeSysfs;

/** A refusal by the fake kernel, carrying the errno the real kernel would return. Turned into a typed exception by {@link FakeSysfs}. */
public final class KernelError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Errno errno;

    public KernelError(Errno errno, String why) {
        super(errno + ": " + why, null, false, false);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
