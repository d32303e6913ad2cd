package io.virtforge.cli;

import io.virtforge.connect.VirtConnection;
import io.virtforge.value.PageSize;

/**
 * Grows a node's huge page pool through the connection as a transaction: asks for the new total, reads
 * back what the kernel gave and how many pages are free; when it gave fewer than asked (fragmented or
 * short memory), puts the pool back as it was and fails.
 */
final class PagePool {
    private PagePool() {
    }

    /**
     * The pool after growing.
     *
     * @param node   the host node
     * @param size   the page size
     * @param before pages in the pool before
     * @param after  pages in the pool after
     * @param free   free pages after
     */
    record Growth(int node, PageSize size, long before, long after, long free) {
        long added() {
            return after - before;
        }
    }

    /** Grows the pool of {@code size} on {@code node} from {@code before} to {@code target} pages, so {@code needed} are free. */
    static Growth grow(VirtConnection c, int node, PageSize size, long before, long target, long needed) {
        long got;
        try {
            got = c.setPagePool(node, size, target);
        } catch (RuntimeException e) {
            String restored = restore(c, node, size, before);
            throw new CliException(Virtforge.PROBLEM, "could not grow the " + size.format() + " page pool of node " + node
                    + " to " + target + " pages: " + e.getMessage() + restored, e);
        }
        long free = got >= target ? c.freePages(node, size) : 0;
        if (got < target || free < needed) {
            String restored = restore(c, node, size, before);
            throw CliException.problem("node " + node + " gave only " + got + " of the " + target + " "
                    + size.format() + " pages asked for (" + free + " free, " + needed + " needed): the kernel could not"
                    + " find that much contiguous free memory on the node" + restored
                    + "; free memory, or reserve pages at boot (hugepages= on the kernel command line)");
        }
        return new Growth(node, size, before, got, free);
    }

    /** Sets the pool back to {@code before}; says how that went, for the error message. */
    static String restore(VirtConnection c, int node, PageSize size, long before) {
        try {
            long now = c.setPagePool(node, size, before);
            return now == before ? "; the pool is back at " + before + " pages"
                    : "; the pool could only be set back to " + now + " pages (it was " + before + ")";
        } catch (RuntimeException e) {
            return "; COULD NOT set the pool back to " + before + " pages: " + e.getMessage();
        }
    }
}
