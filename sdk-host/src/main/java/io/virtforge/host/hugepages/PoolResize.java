package io.virtforge.host.hugepages;

/**
 * The outcome of resizing a huge page pool. Counts are persistent pages ({@code nr_hugepages} less
 * surplus pages).
 *
 * @param pool      the pool
 * @param before    pages before the change
 * @param requested pages asked for
 * @param granted   pages the kernel gave, read back after the write
 * @param after     pages now: {@code granted}, or {@code before} when a partial pool was restored
 */
public record PoolResize(HugePagePoolId pool, long before, long requested, long granted, long after) {
    /** True when the kernel gave a different count than asked (fewer when growing: memory was short). */
    public boolean partial() {
        return granted != requested;
    }

    /** Pages asked for but not given. */
    public long shortfall() {
        return Math.max(0, requested - granted);
    }

    /** True when a partial pool was put back to its previous size. */
    public boolean restored() {
        return partial() && after == before && granted != before;
    }

    @Override
    public String toString() {
        return pool + ": " + before + " -> asked " + requested + ", kernel gave " + granted + ", now " + after;
    }
}
