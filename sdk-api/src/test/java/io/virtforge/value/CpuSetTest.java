package io.virtforge.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CpuSetTest {
    @Provide
    Arbitrary<BitSet> ids() {
        return IdSets.bitSets(CpuSet.MAX_ID);
    }

    @Provide
    Arbitrary<Character> bad() {
        return InvalidInputs.badChars();
    }

    /** Canonical form computed independently: ascending, runs of two or more as a-b. */
    static String canonical(BitSet b) {
        StringBuilder sb = new StringBuilder();
        for (int i = b.nextSetBit(0); i >= 0; ) {
            int j = b.nextClearBit(i) - 1;
            sb.append(sb.length() > 0 ? "," : "").append(i).append(j > i ? "-" + j : "");
            i = b.nextSetBit(j + 1);
        }
        return sb.toString();
    }

    // ---- round trip

    @Property
    void parseOfFormatIsIdentityForNonEmptySets(@ForAll("ids") BitSet ids) {
        CpuSet set = IdSets.cpuSet(ids);
        if (ids.isEmpty()) {
            // The empty set formats as "" and "" is not a CPU set in libvirt's syntax: an empty set has
            // no textual form and callers must omit the attribute instead.
            assertThat(set.format()).isEmpty();
            assertThatThrownBy(() -> CpuSet.parse(set.format())).isInstanceOf(ValueFormatException.class);
            return;
        }
        assertThat(CpuSet.parse(set.format())).isEqualTo(set);
        assertThat(IdSets.bits(CpuSet.parse(set.format()))).isEqualTo(ids);
    }

    @Property
    void formatIsCanonical(@ForAll("ids") BitSet ids) {
        assertThat(IdSets.cpuSet(ids).format()).isEqualTo(canonical(ids));
        assertThat(IdSets.cpuSet(ids).toString()).isEqualTo(canonical(ids));
    }

    @Property
    void equalSetsFromDifferentSpellingsAreEqualAndHashAlike(@ForAll("ids") BitSet ids) {
        CpuSet a = IdSets.cpuSet(ids);
        // the same set written id by id, in descending order
        StringBuilder sb = new StringBuilder();
        ids.stream().boxed().sorted((x, y) -> y - x).forEach(i -> sb.append(sb.length() > 0 ? " , " : "").append(i));
        if (!ids.isEmpty()) {
            CpuSet b = CpuSet.parse(sb.toString());
            assertThat(b).isEqualTo(a);
            assertThat(b.hashCode()).isEqualTo(a.hashCode());
        }
        assertThat(CpuSet.of(ids.stream().boxed().toList())).isEqualTo(a);
    }

    // ---- set algebra against java.util.BitSet

    @Property
    void queriesAgreeWithBitSet(@ForAll("ids") BitSet ids, @ForAll @IntRange(min = -5, max = CpuSet.MAX_ID + 70) int probe) {
        CpuSet s = IdSets.cpuSet(ids);
        assertThat(s.size()).isEqualTo(ids.cardinality());
        assertThat(s.isEmpty()).isEqualTo(ids.isEmpty());
        assertThat(s.contains(probe)).isEqualTo(probe >= 0 && ids.get(probe));
        assertThat(s.first()).isEqualTo(ids.isEmpty() ? OptionalInt.empty() : OptionalInt.of(ids.nextSetBit(0)));
        assertThat(s.last()).isEqualTo(ids.isEmpty() ? OptionalInt.empty() : OptionalInt.of(ids.length() - 1));
        assertThat(s.stream().toArray()).isEqualTo(ids.stream().toArray());
        assertThat(s.toArray()).isEqualTo(ids.stream().toArray());
    }

    @Property
    void binaryOperationsAgreeWithBitSet(@ForAll("ids") BitSet a, @ForAll("ids") BitSet b) {
        CpuSet x = IdSets.cpuSet(a);
        CpuSet y = IdSets.cpuSet(b);

        BitSet or = (BitSet) a.clone();
        or.or(b);
        BitSet and = (BitSet) a.clone();
        and.and(b);
        BitSet andNot = (BitSet) a.clone();
        andNot.andNot(b);

        assertThat(x.union(y)).isEqualTo(IdSets.cpuSet(or));
        assertThat(x.intersect(y)).isEqualTo(IdSets.cpuSet(and));
        assertThat(x.minus(y)).isEqualTo(IdSets.cpuSet(andNot));
        assertThat(IdSets.bits(x.union(y))).isEqualTo(or);
        assertThat(IdSets.bits(x.intersect(y))).isEqualTo(and);
        assertThat(IdSets.bits(x.minus(y))).isEqualTo(andNot);
        assertThat(x.intersects(y)).isEqualTo(a.intersects(b));
        assertThat(x.containsAll(y)).isEqualTo(andNotOf(b, a).isEmpty());
        assertThat(x.equals(y)).isEqualTo(a.equals(b));
    }

    private static BitSet andNotOf(BitSet p, BitSet q) {
        BitSet r = (BitSet) p.clone();
        r.andNot(q);
        return r;
    }

    @Property
    void algebraicLaws(@ForAll("ids") BitSet a, @ForAll("ids") BitSet b, @ForAll("ids") BitSet c) {
        CpuSet x = IdSets.cpuSet(a);
        CpuSet y = IdSets.cpuSet(b);
        CpuSet z = IdSets.cpuSet(c);
        assertThat(x.union(y)).isEqualTo(y.union(x));
        assertThat(x.intersect(y)).isEqualTo(y.intersect(x));
        assertThat(x.union(y.union(z))).isEqualTo(x.union(y).union(z));
        assertThat(x.intersect(y.union(z))).isEqualTo(x.intersect(y).union(x.intersect(z)));
        assertThat(x.minus(y).union(x.intersect(y))).isEqualTo(x);
        assertThat(x.minus(y).intersects(y)).isFalse();
        assertThat(x.union(y).containsAll(x)).isTrue();
        assertThat(x.containsAll(x.intersect(y))).isTrue();
        assertThat(x.union(x)).isEqualTo(x);
        assertThat(x.minus(x)).isEqualTo(CpuSet.empty());
        assertThat(x.minus(x).isEmpty()).isTrue();
        assertThat(x.union(CpuSet.empty())).isEqualTo(x);
        assertThat(x.containsAll(CpuSet.empty())).isTrue();
        assertThat(x.intersects(CpuSet.empty())).isFalse();
        assertThat(x.union(y).size()).isEqualTo(x.size() + y.size() - x.intersect(y).size());
    }

    @Test
    void emptyResultsAreTheEmptySet() {
        CpuSet s = CpuSet.range(0, 200);
        assertThat(s.minus(s)).isEqualTo(CpuSet.empty()).isSameAs(CpuSet.empty());
        assertThat(CpuSet.of(3).intersect(CpuSet.of(700))).isEqualTo(CpuSet.empty());
        assertThat(CpuSet.empty().format()).isEmpty();
        assertThat(CpuSet.empty().first()).isEmpty();
        assertThat(CpuSet.empty().last()).isEmpty();
        assertThat(CpuSet.empty().stream().count()).isZero();
        // a high set minus its high part leaves trailing zero words, which must not break equality
        assertThat(CpuSet.of(1, 9000).minus(CpuSet.of(9000))).isEqualTo(CpuSet.of(1));
        assertThat(CpuSet.of(1, 9000).minus(CpuSet.of(9000)).hashCode()).isEqualTo(CpuSet.of(1).hashCode());
        assertThat(CpuSet.of(1, 9000).intersect(CpuSet.of(1, 20))).isEqualTo(CpuSet.of(1));
    }

    // ---- libvirt's syntax

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0-3,^2,8 | 0-1,3,8",
        "^2,0-3 | 0-3",
        "0-3,^2,2 | 0-3",
        "0 - 3 , ^2 , 8 | 0-1,3,8",
        "' 5 ' | 5",
        "'  1,   3-4  ' | 1,3-4",
        "3,2,1,0 | 0-3",
        "0-3,2-5 | 0-5",
        "7,7,7 | 7",
        "1-1 | 1",
        "0-16383 | 0-16383",
        "16383 | 16383",
        "007,0010 | 7,10",
        "0-7,^0,^1,^2,^3,^4,^5,^6,^7,9 | 9",
    })
    void libvirtSyntax(String text, String canonical) {
        assertThat(CpuSet.parse(text).format()).isEqualTo(canonical);
    }

    @Test
    void exclusionsApplyLeftToRight() {
        assertThat(CpuSet.parse("0-3,^2,8")).isEqualTo(CpuSet.of(0, 1, 3, 8));
        assertThat(CpuSet.parse("^2,0-3")).isEqualTo(CpuSet.of(0, 1, 2, 3));
        assertThat(CpuSet.parse("0-3,^2").contains(2)).isFalse();
        assertThat(CpuSet.parse("0-3,^2,2").contains(2)).isTrue();
        assertThat(CpuSet.parse("^5")).isEqualTo(CpuSet.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'' | 0",
        "' ' | 1",
        "^2-3 | 2",
        "0-3,^2-3 | 6",
        "3-1 | 0",
        "0,5-4 | 2",
        "16384 | 0",
        "0-16384 | 2",
        "0-99999 | 2",
        "99999999999999999999 | 0",
        "1, | 2",
        "1,,2 | 2",
        ", | 0",
        ",1 | 0",
        "1-,2 | 2",
        "-1 | 0",
        "1 2 | 2",
        "^ 2 | 1",
        "^^2 | 1",
        "1-2-3 | 3",
        "0x3 | 1",
        "1;2 | 1",
        "1\t2 | 1",
        "\uff11 | 0",
        "\u0663 | 0",
    })
    void malformedSetsAreRejectedAtTheOffendingCharacter(String text, int position) {
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class, () -> CpuSet.parse(text));
        assertThat(e).as("'%s' must be rejected", text).isNotNull();
        assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
        assertThat(e.input()).isEqualTo(text);
        assertThat(e.kind()).isEqualTo("CPU set");
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> CpuSet.parse(null)).isInstanceOf(ValueFormatException.class);
    }

    @Property
    void aBadCharacterIsReportedWhereItIs(@ForAll("ids") BitSet ids, @ForAll("bad") char bad,
            @ForAll @IntRange(min = 0, max = 10_000) int where) {
        String valid = IdSets.cpuSet(ids).format();
        int at = where % (valid.length() + 1);
        String invalid = InvalidInputs.insert(valid, at, bad);
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class, () -> CpuSet.parse(invalid));
        assertThat(e).as("'%s' must be rejected", invalid).isNotNull();
        assertThat(e.position()).as("%s", e.getMessage()).isEqualTo(at);
    }

    @Property
    void idsAboveMaxAreRejected(@ForAll @IntRange(min = CpuSet.MAX_ID + 1, max = Integer.MAX_VALUE) int id) {
        assertThatThrownBy(() -> CpuSet.of(id)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> CpuSet.range(0, id)).isInstanceOf(ValueFormatException.class);
        assertThat(catchThrowableOfType(ValueFormatException.class, () -> CpuSet.parse("1," + id)).position()).isEqualTo(2);
        assertThat(catchThrowableOfType(ValueFormatException.class, () -> CpuSet.parse("0-" + id)).position()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE})
    void negativeIdsAreRejected(int id) {
        assertThatThrownBy(() -> CpuSet.of(id)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> CpuSet.range(id, 3)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> CpuSet.of(List.of(1, id))).isInstanceOf(ValueFormatException.class);
    }

    @Test
    void rangesMustNotRunBackwards() {
        assertThatThrownBy(() -> CpuSet.range(3, 1)).isInstanceOf(ValueFormatException.class);
        assertThat(CpuSet.range(3, 3)).isEqualTo(CpuSet.of(3));
        assertThat(CpuSet.range(0, CpuSet.MAX_ID).size()).isEqualTo(CpuSet.MAX_ID + 1);
    }

    @Test
    void aCpuSetIsNeverEqualToANodeSetWithTheSameIds() {
        assertThat((Object) CpuSet.of(0, 1)).isNotEqualTo(NodeSet.of(0, 1));
        assertThat(CpuSet.of(0, 1).format()).isEqualTo(NodeSet.of(0, 1).format());
    }
}
