package io.virtforge.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a multi-step command has done so far, to undo in reverse when a later step fails, so that nothing
 * is left half-created. Each undo is tried even when an earlier one fails; what could not be undone is
 * reported.
 */
final class Undo {
    private record Action(String what, ThrowingRunnable action) {
    }

    /** An undo action. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private final Deque<Action> done = new ArrayDeque<>();
    private final Progress progress;

    Undo(Progress progress) {
        this.progress = progress;
    }

    /** Records how to undo the step just done. */
    void push(String what, ThrowingRunnable action) {
        done.push(new Action(what, action));
    }

    /** Undoes every recorded step, the last first; returns what was undone and what failed. */
    Outcome run() {
        List<String> undone = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        while (!done.isEmpty()) {
            Action a = done.pop();
            Progress.Step step = progress.start("undo: " + a.what());
            try {
                a.action().run();
                step.done("");
                undone.add(a.what());
            } catch (Exception e) {
                step.failed();
                failed.add(a.what() + ": " + e.getMessage());
            }
        }
        return new Outcome(undone, failed);
    }

    /** Forgets the recorded steps: the command succeeded. */
    void commit() {
        done.clear();
    }

    /**
     * What an undo did.
     *
     * @param undone the steps undone, last first
     * @param failed the steps that could not be undone, with why
     */
    record Outcome(List<String> undone, List<String> failed) {
        /** One sentence for the error message. */
        String describe() {
            if (undone.isEmpty() && failed.isEmpty()) {
                return "nothing had been changed";
            }
            String s = undone.isEmpty() ? "" : "undone: " + String.join(", ", undone);
            if (!failed.isEmpty()) {
                s += (s.isEmpty() ? "" : "; ") + "COULD NOT UNDO: " + String.join("; ", failed);
            }
            return s;
        }
    }
}
