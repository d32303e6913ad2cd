package io.virtforge.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * A PrintWriter that remembers whether anything was written through it, so that with {@code --json} the
 * command line can tell whether a failed command already put its JSON on stdout or still owes one.
 */
final class TrackedWriter extends PrintWriter {
    private volatile boolean written;

    TrackedWriter(Writer out) {
        super(out, true);
    }

    boolean written() {
        return written;
    }

    @Override
    public void write(int c) {
        written = true;
        super.write(c);
    }

    @Override
    public void write(char[] buf, int off, int len) {
        written |= len > 0;
        super.write(buf, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
        written |= len > 0;
        super.write(s, off, len);
    }
}
