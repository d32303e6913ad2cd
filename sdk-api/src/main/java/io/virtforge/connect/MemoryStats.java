package io.virtforge.connect;

import java.util.OptionalLong;

/**
 * Memory statistics of a running domain, in KiB, as the balloon driver and the host report them;
 * each may be absent (no balloon, old guest).
 *
 * @param actual    the balloon size: memory the guest has
 * @param unused    memory the guest leaves unused
 * @param available memory the guest sees as usable
 * @param rss       resident set of the QEMU process on the host
 */
public record MemoryStats(OptionalLong actual, OptionalLong unused, OptionalLong available, OptionalLong rss) {
    /** Used memory (actual minus unused), when both are known. */
    public OptionalLong used() {
        return actual.isPresent() && unused.isPresent() ? OptionalLong.of(actual.getAsLong() - unused.getAsLong())
                : OptionalLong.empty();
    }
}
