package io.virtforge.cli;

import io.virtforge.connect.VirtConnection;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures its exit code and output. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Virtforge.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs with every {@code --connect} answered by {@code connection} (left open for the test to inspect). */
    static CliRun on(VirtConnection connection, String... args) {
        AutoCloseable seam = Connector.override(connection);
        try {
            return of(args);
        } finally {
            try {
                seam.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The parsed JSON of stdout. */
    Object json() {
        return MiniJson.parse(out);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
