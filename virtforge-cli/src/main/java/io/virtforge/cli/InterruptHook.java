package io.virtforge.cli;

import java.util.function.Consumer;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a command changes the host: a JVM shutdown hook hands the signal to an
 * {@link Interruptible} (which waits for its current step and undoes what was done), then ends the process
 * with exit code 130. A shutdown hook cannot be fired inside a test, so tests take the {@link Interruptible}
 * through {@link #capture} and call it from another thread, as the hook would.
 */
final class InterruptHook implements AutoCloseable {
    /** Exit code after an interrupt: 128 + SIGINT, as shells report Ctrl-C. */
    static final int EXIT_CODE = 130;

    /** What a signal interrupts. */
    interface Interruptible {
        Undo.Outcome interrupt();
    }

    private static volatile Consumer<Interruptible> captured;

    private final Thread hook;

    private InterruptHook(Thread hook) {
        this.hook = hook;
    }

    /** Hands a signal to {@code target} until closed. */
    static InterruptHook arm(Interruptible target, Runnable flush) {
        Consumer<Interruptible> test = captured;
        if (test != null) {
            test.accept(target);
            return new InterruptHook(null);
        }
        Thread t = new Thread(() -> {
            target.interrupt();
            flush.run();
            // SIGTERM would end with 143; one code for "interrupted, undone" whatever the signal
            Runtime.getRuntime().halt(EXIT_CODE);
        }, "virtforge-interrupt");
        Runtime.getRuntime().addShutdownHook(t);
        return new InterruptHook(t);
    }

    /** Tests: instead of a shutdown hook, hand each armed {@link Interruptible} to {@code sink} until closed. */
    static AutoCloseable capture(Consumer<Interruptible> sink) {
        captured = sink;
        return () -> captured = null;
    }

    @Override
    public void close() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook runs and undoes
        }
    }
}
