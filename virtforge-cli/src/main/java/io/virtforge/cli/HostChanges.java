package io.virtforge.cli;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The steps of a command that change the host, run one at a time, each recording how to undo it. When a
 * step fails, or the user interrupts the command (Ctrl-C, SIGTERM: {@link #interrupt()}, called by
 * {@link InterruptHook}), what was done is undone in reverse. An interrupt never cuts a step in half: it
 * waits for the current step to finish, undoes, and no further step starts.
 */
final class HostChanges implements InterruptHook.Interruptible {
    /** A step: does its change and records its undo. */
    interface Step<T> {
        T run(Undo undo) throws Exception;
    }

    /** Thrown in the command's thread when a step would start after an interrupt. */
    static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super("interrupted", null, false, false);
        }
    }

    /** A step threw: what it was, and why (the cause). */
    static final class StepFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final String step;

        StepFailed(String step, Exception cause) {
            super(step + " failed", cause);
            this.step = step;
        }

        String step() {
            return step;
        }

        @Override
        public synchronized Exception getCause() {
            return (Exception) super.getCause();
        }
    }

    // fair: an interrupt waiting for the current step gets in before the command's next step
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Undo undo;
    private final Progress progress;
    private volatile String current = "";
    private boolean interrupted;
    private boolean committed;
    private Undo.Outcome interruptOutcome;

    HostChanges(Progress progress) {
        this.progress = progress;
        this.undo = new Undo(progress);
    }

    /** Runs one step, unless the command was interrupted; a failure comes back as {@link StepFailed}. */
    <T> T step(String what, Step<T> step) throws StepFailed {
        lock.lock();
        try {
            if (interrupted) {
                throw new Interrupted();
            }
            current = what;
            StepHooks.before(what);
            return step.run(undo);
        } catch (Interrupted e) {
            throw e;
        } catch (Exception e) {
            throw new StepFailed(what, e);
        } finally {
            current = "";
            lock.unlock();
        }
    }

    /** Undoes what was done, the last first: a step failed. */
    Undo.Outcome undoAll() {
        lock.lock();
        try {
            return undo.run();
        } finally {
            lock.unlock();
        }
    }

    /** Keeps what was done: the command succeeded, unless an interrupt has undone it already. */
    void commit() {
        lock.lock();
        try {
            if (interrupted) {
                throw new Interrupted();
            }
            committed = true;
            undo.commit();
        } finally {
            lock.unlock();
        }
    }

    /** True once {@link #interrupt()} has undone the steps. */
    boolean interrupted() {
        lock.lock();
        try {
            return interrupted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the current step to finish, undoes every step done so far and says so; no step starts
     * after. Safe to call from any thread, more than once.
     */
    @Override
    public Undo.Outcome interrupt() {
        String running = current;
        if (!running.isEmpty()) {
            progress.say("\ninterrupted: letting '" + running + "' finish, then undoing what was done");
        }
        lock.lock();
        try {
            if (!interrupted) {
                interrupted = true;
                interruptOutcome = undo.run();
                progress.say("virtforge: interrupted; " + (committed ? "every step was done already, nothing undone"
                        : interruptOutcome.describe()));
            }
            return interruptOutcome;
        } finally {
            lock.unlock();
        }
    }
}
