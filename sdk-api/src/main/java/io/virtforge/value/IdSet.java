package io.virtforge.value;

import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * An immutable set of ids written in libvirt's bitmap syntax ({@code 0-3,^2,8}): the common behaviour
 * of {@link CpuSet} and {@link NodeSet}, which are distinct types so that a CPU set cannot be passed
 * where a node set is meant.
 *
 * @param <S> the concrete set type
 */
public abstract sealed class IdSet<S extends IdSet<S>> permits CpuSet, NodeSet {
    final IdBitmap bits;

    IdSet(IdBitmap bits) {
        this.bits = bits;
    }

    abstract S wrap(IdBitmap b);

    /** True when {@code id} is in the set. */
    public final boolean contains(int id) {
        return bits.contains(id);
    }

    /** Number of ids in the set. */
    public final int size() {
        return bits.size();
    }

    /** True when the set has no ids. */
    public final boolean isEmpty() {
        return bits.isEmpty();
    }

    /** The smallest id. */
    public final OptionalInt first() {
        int f = bits.first();
        return f < 0 ? OptionalInt.empty() : OptionalInt.of(f);
    }

    /** The largest id. */
    public final OptionalInt last() {
        int l = bits.last();
        return l < 0 ? OptionalInt.empty() : OptionalInt.of(l);
    }

    /** The ids in ascending order. */
    public final IntStream stream() {
        return bits.stream();
    }

    /** The ids in ascending order. */
    public final int[] toArray() {
        return bits.toArray();
    }

    /** Ids in this set or the other. */
    public final S union(S other) {
        return wrap(bits.union(other.bits));
    }

    /** Ids in both sets. */
    public final S intersect(S other) {
        return wrap(bits.intersect(other.bits));
    }

    /** Ids in this set but not the other. */
    public final S minus(S other) {
        return wrap(bits.minus(other.bits));
    }

    /** True when the sets share an id. */
    public final boolean intersects(S other) {
        return bits.intersects(other.bits);
    }

    /** True when every id of the other set is in this one. */
    public final boolean containsAll(S other) {
        return bits.containsAll(other.bits);
    }

    /** libvirt's canonical form, e.g. {@code 0-3,8}; empty for the empty set. */
    public final String format() {
        return bits.format();
    }

    @Override
    public final String toString() {
        return format();
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && bits.equals(((IdSet<?>) o).bits);
    }

    @Override
    public final int hashCode() {
        return bits.hashCode() * 31 + getClass().hashCode();
    }
}
