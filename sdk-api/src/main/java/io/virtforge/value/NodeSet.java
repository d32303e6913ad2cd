package io.virtforge.value;

import java.util.Collection;

/**
 * An immutable set of NUMA node ids, as in {@code nodeset} attributes of numatune and huge pages. Parses libvirt's syntax ({@code 0-3,^2,8}: entries applied left to
 * right, {@code ^N} removes N) and formats canonically ({@code 0-1,3,8}).
 */
public final class NodeSet extends IdSet<NodeSet> {
    /** The largest id accepted: the largest id libvirt accepts in a node mask. */
    public static final int MAX_ID = 16383;
    private static final String KIND = "node set";
    private static final NodeSet EMPTY = new NodeSet(IdBitmap.EMPTY);

    private NodeSet(IdBitmap bits) {
        super(bits);
    }

    @Override
    NodeSet wrap(IdBitmap b) {
        return b.isEmpty() ? EMPTY : new NodeSet(b);
    }

    /** Parses libvirt's syntax; throws {@link ValueFormatException} with the offending position. */
    public static NodeSet parse(String text) {
        return EMPTY.wrap(IdBitmap.parse(text, MAX_ID, KIND));
    }

    /** The set of the given ids. */
    public static NodeSet of(int... ids) {
        return EMPTY.wrap(IdBitmap.of(ids, MAX_ID, KIND));
    }

    /** The set of the given ids. */
    public static NodeSet of(Collection<Integer> ids) {
        return of(ids.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The ids from {@code first} to {@code last}, both included. */
    public static NodeSet range(int first, int last) {
        return EMPTY.wrap(IdBitmap.range(first, last, MAX_ID, KIND));
    }

    /** The empty set. */
    public static NodeSet empty() {
        return EMPTY;
    }
}
