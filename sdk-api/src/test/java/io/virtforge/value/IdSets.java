package io.virtforge.value;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of id sets for {@link CpuSet} and {@link NodeSet} properties, as {@link BitSet} oracles. */
final class IdSets {
    private IdSets() {
    }

    /**
     * Random id sets up to {@code maxId}, empty included: scattered ids, unions of runs (the shape of
     * real CPU sets), sets near the top of the range, and dense low sets.
     */
    static Arbitrary<BitSet> bitSets(int maxId) {
        Arbitrary<BitSet> scattered = Arbitraries.integers().between(0, maxId).list().ofMaxSize(64).map(IdSets::toBits);
        Arbitrary<int[]> run = Combinators.combine(Arbitraries.integers().between(0, maxId),
                Arbitraries.integers().between(0, 300)).as((from, len) -> new int[] {from, Math.min(maxId, from + len)});
        Arbitrary<BitSet> runs = run.list().ofMaxSize(8).map(list -> {
            BitSet b = new BitSet();
            for (int[] r : list) {
                b.set(r[0], r[1] + 1);
            }
            return b;
        });
        Arbitrary<BitSet> small = Arbitraries.integers().between(0, 130).list().ofMaxSize(40).map(IdSets::toBits);
        Arbitrary<BitSet> top = Arbitraries.integers().between(maxId - 70, maxId).list().ofMaxSize(20).map(IdSets::toBits);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scattered), net.jqwik.api.Tuple.of(3, runs),
                net.jqwik.api.Tuple.of(3, small), net.jqwik.api.Tuple.of(1, top),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new BitSet())));
    }

    static BitSet toBits(List<Integer> ids) {
        BitSet b = new BitSet();
        ids.forEach(b::set);
        return b;
    }

    static CpuSet cpuSet(BitSet b) {
        return CpuSet.of(b.stream().toArray());
    }

    static NodeSet nodeSet(BitSet b) {
        return NodeSet.of(b.stream().toArray());
    }

    static BitSet bits(IdSet<?> s) {
        BitSet b = new BitSet();
        s.stream().forEach(b::set);
        return b;
    }
}
