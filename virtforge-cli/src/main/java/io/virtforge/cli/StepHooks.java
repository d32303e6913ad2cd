package io.virtforge.cli;

import java.util.function.Consumer;

/**
 * Test seams at the start of every {@link HostChanges} step, to make a step slow so that a test can
 * interrupt the command inside it. Test-only: the system property {@value #SLOW_STEP_PROPERTY}
 * ({@code -Dvirtforge.test.slowStep=starting:3000}) delays each step whose description starts with the
 * text before the colon by the milliseconds after it, in a child process; in-process tests use {@link #set}.
 */
final class StepHooks {
    /** {@code PREFIX:MILLIS}: the steps that start with PREFIX sleep MILLIS first. Test-only. */
    static final String SLOW_STEP_PROPERTY = "virtforge.test.slowStep";

    private static volatile Consumer<String> hook;

    private StepHooks() {
    }

    static void before(String step) throws InterruptedException {
        Consumer<String> h = hook;
        if (h != null) {
            h.accept(step);
        }
        String slow = System.getProperty(SLOW_STEP_PROPERTY);
        if (slow != null && slow.contains(":") && step.startsWith(slow.substring(0, slow.lastIndexOf(':')))) {
            Thread.sleep(Long.parseLong(slow.substring(slow.lastIndexOf(':') + 1)));
        }
    }

    /** Tests: runs {@code before} (which may block) at the start of every step until closed. */
    static AutoCloseable set(Consumer<String> before) {
        hook = before;
        return () -> hook = null;
    }
}
