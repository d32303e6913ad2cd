package io.virtforge.host.pci;

import io.virtforge.host.sysfs.HostChangeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host-wide lock that serialises changes of one kind (driver bindings, say) across processes and
 * threads: an exclusive {@link FileChannel#lock() file lock} on a lock file, which other processes see,
 * and a lock per file within this JVM, since a file lock belongs to the whole process. Not reentrant.
 * Released by {@link #close()}.
 */
public final class HostLock implements AutoCloseable {
    /** The default lock file of {@link VfioBinder}. */
    public static final Path DEFAULT_VFIO_LOCK = Path.of("/run/lock/virtforge-vfio.lock");
    private static final Logger LOG = LoggerFactory.getLogger(HostLock.class);
    private static final long POLL_MILLIS = 20;
    private static final Map<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();
    private final Path file;
    private final Semaphore jvmLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private HostLock(Path file, Semaphore jvmLock, FileChannel channel, FileLock fileLock) {
        this.file = file;
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * Takes the lock on {@code file} (created with its folder if missing), waiting as long as it takes, or
     * at most {@code timeout}.
     *
     * @throws HostLockTimeoutException when the timeout passes first
     * @throws UncheckedIOException     when the lock file cannot be opened or locked
     */
    public static HostLock acquire(Path file, Optional<Duration> timeout) {
        Path key = file.toAbsolutePath().normalize();
        long deadline = timeout.map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        Semaphore jvmLock = IN_JVM.computeIfAbsent(key, k -> new Semaphore(1, true));
        try {
            if (timeout.isEmpty()) {
                jvmLock.acquire();
            } else if (!jvmLock.tryAcquire(timeout.get().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new HostLockTimeoutException(key, timeout.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostChangeException("interrupted while waiting for the host lock " + key, e);
        }
        try {
            return lockFile(key, jvmLock, deadline, timeout);
        } catch (RuntimeException e) {
            jvmLock.release();
            throw e;
        }
    }

    private static HostLock lockFile(Path file, Semaphore jvmLock, long deadline, Optional<Duration> timeout) {
        FileChannel ch = null;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            if (timeout.isEmpty()) {
                lock = ch.lock();
            } else {
                while ((lock = ch.tryLock()) == null) {
                    if (System.nanoTime() >= deadline) {
                        throw new HostLockTimeoutException(file, timeout.get());
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            }
            LOG.debug("took host lock {}", file);
            return new HostLock(file, jvmLock, ch, lock);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot lock " + file, e);
        } catch (InterruptedException e) {
            closeQuietly(ch);
            Thread.currentThread().interrupt();
            throw new HostChangeException("interrupted while waiting for the host lock " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing a lock file failed: {}", e.getMessage());
            }
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            fileLock.release();
        } catch (IOException e) {
            LOG.warn("releasing the host lock {} failed: {}", file, e.getMessage());
        } finally {
            closeQuietly(channel);
            jvmLock.release();
            LOG.debug("released host lock {}", file);
        }
    }
}
