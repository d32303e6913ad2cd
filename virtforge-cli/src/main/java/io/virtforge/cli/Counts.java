package io.virtforge.cli;

/** Counted nouns and bounds on counts, for messages and views. */
final class Counts {
    /** The most vCPUs a guest gets (QEMU's q35 limit). */
    static final int MAX_VCPUS = 4096;
    /** The most I/O threads a guest gets: each is a host thread, and a disk uses one at a time. */
    static final int MAX_IOTHREADS = 64;

    private Counts() {
    }

    /** {@code 1 vCPU}, {@code 2 vCPUs}. */
    static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Refuses a count outside {@code min..max}. */
    static void requireBetween(String what, long value, long min, long max, String why) {
        if (value < min || value > max) {
            throw CliException.badInput(what + " must be between " + min + " and " + max + (why.isEmpty() ? ""
                    : " (" + why + ")") + ", not " + value);
        }
    }

    /** {@code node 0}, {@code nodes 0-1}. */
    static String nodes(io.virtforge.value.NodeSet nodes) {
        return (nodes.size() == 1 ? "node " : "nodes ") + nodes.format();
    }
}
