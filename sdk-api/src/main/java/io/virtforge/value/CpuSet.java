package io.virtforge.value;

import java.util.Collection;

/**
 * An immutable set of host or guest CPU ids, as in {@code cpuset} attributes and {@code cpus} of NUMA cells. Parses libvirt's syntax ({@code 0-3,^2,8}: entries applied left to
 * right, {@code ^N} removes N) and formats canonically ({@code 0-1,3,8}).
 */
public final class CpuSet extends IdSet<CpuSet> {
    /** The largest id accepted: the largest CPU id libvirt accepts in a CPU mask (VIR_DOMAIN_CPUMASK_LEN - 1). */
    public static final int MAX_ID = 16383;
    private static final String KIND = "CPU set";
    private static final CpuSet EMPTY = new CpuSet(IdBitmap.EMPTY);
    /**
     * Sets of one CPU, shared: a placement pins every dedicated vCPU to one, and the planner builds them for
     * every guest cell it tries. Filled as asked for; a racing fill only makes an equal set twice.
     */
    private static final CpuSet[] SINGLES = new CpuSet[1024];

    private CpuSet(IdBitmap bits) {
        super(bits);
    }

    @Override
    CpuSet wrap(IdBitmap b) {
        return b.isEmpty() ? EMPTY : new CpuSet(b);
    }

    /** Parses libvirt's syntax; throws {@link ValueFormatException} with the offending position. */
    public static CpuSet parse(String text) {
        return EMPTY.wrap(IdBitmap.parse(text, MAX_ID, KIND));
    }

    /** The set of the given ids. */
    public static CpuSet of(int... ids) {
        if (ids.length == 1 && ids[0] >= 0 && ids[0] < SINGLES.length) {
            CpuSet single = SINGLES[ids[0]];
            if (single == null) {
                single = EMPTY.wrap(IdBitmap.of(ids, MAX_ID, KIND));
                SINGLES[ids[0]] = single;
            }
            return single;
        }
        return EMPTY.wrap(IdBitmap.of(ids, MAX_ID, KIND));
    }

    /** The set of the given ids. */
    public static CpuSet of(Collection<Integer> ids) {
        return of(ids.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The ids from {@code first} to {@code last}, both included. */
    public static CpuSet range(int first, int last) {
        return EMPTY.wrap(IdBitmap.range(first, last, MAX_ID, KIND));
    }

    /** The empty set. */
    public static CpuSet empty() {
        return EMPTY;
    }
}
