package io.virtforge.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** Progress of steps that take time, on stderr, so stdout keeps only the result (and only JSON with --json). */
final class Progress {
    private final PrintWriter err;

    Progress(PrintWriter err) {
        this.err = err;
    }

    /** Starts a step; {@link Step#done} ends it with how long it took. */
    Step start(String what) {
        err.print(what + " ... ");
        err.flush();
        return new Step(System.nanoTime());
    }

    /** A line of its own. */
    void say(String line) {
        err.println(line);
        err.flush();
    }

    /** A step in progress. */
    final class Step {
        private final long started;
        private boolean ended;

        private Step(long started) {
            this.started = started;
        }

        /** Ends the step: {@code done (0.4 s)} or {@code done: RESULT (0.4 s)}. */
        void done(String result) {
            end((result == null || result.isEmpty() ? "done" : result));
        }

        /** Ends the step as failed. */
        void failed() {
            if (!ended) {
                end("failed");
            }
        }

        private void end(String text) {
            ended = true;
            err.println(text + String.format(Locale.ROOT, " (%.1f s)", (System.nanoTime() - started) / 1e9));
            err.flush();
        }
    }
}
