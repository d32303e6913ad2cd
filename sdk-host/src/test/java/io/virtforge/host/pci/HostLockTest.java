package io.virtforge.host.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host lock across processes (a second JVM holds it) and across threads of one JVM. */
class HostLockTest {
    private static final long HOLD_MILLIS = 2500;
    @TempDir
    Path dir;

    private Process holdInAnotherJvm(Path lock, Path marker) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                lock.toString(), marker.toString(), Long.toString(HOLD_MILLIS)).inheritIO().start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker)) {
            assertThat(p.isAlive()).as("the lock holder process is running").isTrue();
            assertThat(System.nanoTime()).as("the holder took the lock within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        return p;
    }

    @Test
    void anotherProcessHoldingTheLockMakesUsWaitOrTimeOut() throws Exception {
        Path lock = dir.resolve("run/lock/vfio.lock");
        Process holder = holdInAnotherJvm(lock, dir.resolve("held"));
        long heldSince = System.nanoTime(); // the holder took the lock before this, and keeps it HOLD_MILLIS
        try {
            assertThatThrownBy(() -> HostLock.acquire(lock, Optional.of(Duration.ofMillis(300))))
                    .isInstanceOf(HostLockTimeoutException.class).hasMessageContaining("gave up after 300 ms");
            long start = System.nanoTime();
            try (HostLock held = HostLock.acquire(lock, Optional.empty())) {
                long waitedMillis = (System.nanoTime() - start) / 1_000_000;
                long sinceHeld = (System.nanoTime() - heldSince) / 1_000_000;
                assertThat(sinceHeld).as("we got the lock only once the other process let go")
                        .isGreaterThanOrEqualTo(HOLD_MILLIS - 100);
                assertThat(waitedMillis).isPositive();
                assertThat(held.file()).isEqualTo(lock.toAbsolutePath().normalize());
            }
        } finally {
            holder.destroy();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(holder.exitValue()).isZero();
    }

    @Test
    void threadsOfOneJvmWaitForEachOther() throws Exception {
        Path lock = dir.resolve("jvm.lock");
        CompletableFuture<Long> second;
        try (HostLock first = HostLock.acquire(lock, Optional.empty())) {
            assertThatThrownBy(() -> HostLock.acquire(lock, Optional.of(Duration.ofMillis(50))))
                    .isInstanceOf(HostLockTimeoutException.class);
            second = CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                try (HostLock l = HostLock.acquire(lock, Optional.empty())) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            });
            Thread.sleep(200);
            assertThat(second).isNotDone();
        }
        assertThat(second.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(150);
    }
}
