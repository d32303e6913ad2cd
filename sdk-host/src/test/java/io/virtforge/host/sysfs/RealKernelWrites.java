package io.virtforge.host.sysfs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The opt-in for tests that write to the running kernel's PCI driver files ({@code bind}, {@code unbind},
 * {@code new_id}, {@code remove_id}, {@code driver_override}, {@code drivers_probe}, {@code sriov_numvfs}). Such a
 * write is a live driver operation on whatever machine runs the tests (someone's workstation), so those tests
 * skip unless {@code -D}{@value #PROPERTY}{@code =true} or {@value #ENV}{@code =true} is set; even then they
 * only touch a device they created or proved idle, and put everything back.
 */
final class RealKernelWrites {
    /** The system property that allows writes to the real kernel's driver files. */
    static final String PROPERTY = "virtforge.realKernelWrites";
    /** The environment variable read when {@link #PROPERTY} is not set. */
    static final String ENV = "VIRTFORGE_REAL_KERNEL_WRITES";

    private RealKernelWrites() {
    }

    /** Whether the run opted in. */
    static boolean allowed() {
        String value = System.getProperty(PROPERTY);
        return Boolean.parseBoolean(value != null ? value : System.getenv(ENV));
    }

    /** Skips the test, with the reason and how to opt in, unless the run opted in. */
    static void assumeAllowed(String what) {
        assumeTrue(allowed(), () -> "writes to this machine's kernel driver files (" + what + "): opt in with -D"
                + PROPERTY + "=true or " + ENV + "=true");
    }
}
