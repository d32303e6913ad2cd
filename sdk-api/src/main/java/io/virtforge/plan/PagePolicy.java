package io.virtforge.plan;

/** Which page size backs guest memory. */
public enum PagePolicy {
    /** Base pages (4 KiB). */
    SMALL,
    /** Huge pages: the largest size that fits. */
    LARGE,
    /** Huge pages if they fit, else base pages. */
    ANY,
    /** One given size (set with {@link PlacementRequest.Builder#pageSize(io.virtforge.value.PageSize)}). */
    EXPLICIT
}
