package io.virtforge.libvirt;

import io.virtforge.connect.MigrationOptions;
import io.virtforge.connect.MigrationProgress;
import io.virtforge.connect.VirtException;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a migrating domain's job statistics every interval on a daemon thread of its own and hands them to the
 * options' listener, until closed (the migration call returned). A listener that throws is logged, not stopped.
 */
final class ProgressPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressPoller.class);
    private final Thread thread;
    private volatile boolean stopped;

    private ProgressPoller(LibvirtDomain domain, MigrationOptions options) {
        Consumer<MigrationProgress> listener = options.progress();
        long intervalMillis = Math.max(1, options.progressInterval().toMillis());
        thread = new Thread(() -> {
            while (!stopped) {
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
                if (stopped) {
                    return;
                }
                report(domain, listener);
            }
        }, "virtforge-migration-progress-" + domain.name());
        thread.setDaemon(true);
    }

    static ProgressPoller start(LibvirtDomain domain, MigrationOptions options) {
        ProgressPoller p = new ProgressPoller(domain, options);
        p.thread.start();
        return p;
    }

    private static void report(LibvirtDomain domain, Consumer<MigrationProgress> listener) {
        Optional<MigrationProgress> now;
        try {
            now = LibvirtMigration.currentJob(domain);
        } catch (VirtException e) {
            LOG.debug("no job statistics of {} now: {}", domain.name(), e.getMessage()); // e.g. just gone from here
            return;
        }
        try {
            now.ifPresent(listener);
        } catch (RuntimeException e) {
            LOG.warn("the migration progress listener of {} failed", domain.name(), e);
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
