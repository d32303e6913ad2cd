package io.virtforge.host.sysfs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A change of several sysfs files that happens whole or not at all. Each step that changes the host
 * registers how to undo itself; when a step fails (the kernel refuses a write, a read-back shows the
 * kernel did something else), the registered undo steps run in reverse order and
 * {@link HostChangeException} is thrown. Undo steps are written to check the current state first, so
 * they are right whether or not their step took effect.
 *
 * <pre>{@code
 * PoolResize r = SysfsTransaction.run(sysfs, "raise node0 2MiB", tx -> {
 *     tx.writeRestoring(path, "512", "256");
 *     ...
 *     return result;
 * });
 * }</pre>
 */
public final class SysfsTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(SysfsTransaction.class);
    private final Sysfs sysfs;
    private final String description;
    private final Deque<UndoStep> undo = new ArrayDeque<>();

    private record UndoStep(String description, Runnable action) {
    }

    private SysfsTransaction(Sysfs sysfs, String description) {
        this.sysfs = sysfs;
        this.description = description;
    }

    /**
     * Runs {@code body} as a transaction: returns what it returns, or undoes its registered steps and throws
     * {@link HostChangeException} (the body's own, or one wrapping what it threw).
     */
    public static <T> T run(Sysfs sysfs, String description, Function<SysfsTransaction, T> body) {
        SysfsTransaction tx = new SysfsTransaction(sysfs, description);
        try {
            T result = body.apply(tx);
            LOG.debug("{}: done", description);
            return result;
        } catch (RuntimeException e) {
            HostChangeException failure = e instanceof HostChangeException h ? h
                    : new HostChangeException(description + " failed: " + e.getMessage(), e);
            tx.rollback(failure);
            throw failure;
        }
    }

    /** The files the transaction changes. */
    public Sysfs sysfs() {
        return sysfs;
    }

    /** Registers an undo step, run if a later step fails. */
    public void onRollback(String what, Runnable action) {
        undo.push(new UndoStep(Objects.requireNonNull(what), Objects.requireNonNull(action)));
    }

    /** Writes a value, to be undone by whatever undo steps the caller registered. */
    public void write(SysfsPath path, String value) {
        sysfs.write(path, value);
    }

    /**
     * Writes {@code value}, registering an undo step that writes {@code restore} back unless the file already
     * shows it (for choice attributes, its bracketed word).
     */
    public void writeRestoring(SysfsPath path, String value, String restore) {
        onRollback("restore " + path + " to '" + restore.strip() + "'", () -> {
            if (!KernelValues.selectedChoice(sysfs.read(path)).equals(restore.strip())) {
                sysfs.write(path, restore);
            }
        });
        sysfs.write(path, value);
    }

    private void rollback(HostChangeException failure) {
        if (!undo.isEmpty()) {
            LOG.warn("{} failed ({}); undoing {} step(s)", description, failure.getMessage(), undo.size());
        }
        while (!undo.isEmpty()) {
            UndoStep step = undo.pop();
            try {
                step.action().run();
            } catch (RuntimeException e) {
                LOG.error("{}: could not {}: {}", description, step.description(), e.getMessage());
                failure.addSuppressed(e);
                failure.rollbackFailed();
            }
        }
    }
}
