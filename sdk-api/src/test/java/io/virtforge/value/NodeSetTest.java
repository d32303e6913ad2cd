package io.virtforge.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.BitSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NodeSetTest {
    @Provide
    Arbitrary<BitSet> ids() {
        return IdSets.bitSets(NodeSet.MAX_ID);
    }

    @Property
    void parseOfFormatIsIdentityForNonEmptySets(@ForAll("ids") BitSet ids) {
        NodeSet set = IdSets.nodeSet(ids);
        assertThat(set.format()).isEqualTo(CpuSetTest.canonical(ids));
        if (ids.isEmpty()) {
            // documented special case: the empty set formats as "", which parse rejects
            assertThatThrownBy(() -> NodeSet.parse(set.format())).isInstanceOf(ValueFormatException.class);
        } else {
            assertThat(NodeSet.parse(set.format())).isEqualTo(set);
        }
    }

    @Property
    void operationsAgreeWithBitSet(@ForAll("ids") BitSet a, @ForAll("ids") BitSet b) {
        NodeSet x = IdSets.nodeSet(a);
        NodeSet y = IdSets.nodeSet(b);
        BitSet or = (BitSet) a.clone();
        or.or(b);
        BitSet and = (BitSet) a.clone();
        and.and(b);
        BitSet andNot = (BitSet) a.clone();
        andNot.andNot(b);
        assertThat(IdSets.bits(x.union(y))).isEqualTo(or);
        assertThat(IdSets.bits(x.intersect(y))).isEqualTo(and);
        assertThat(IdSets.bits(x.minus(y))).isEqualTo(andNot);
        assertThat(x.intersects(y)).isEqualTo(a.intersects(b));
        assertThat(x.containsAll(y)).isEqualTo(x.union(y).equals(x));
    }

    @Test
    void libvirtSyntax() {
        assertThat(NodeSet.parse("0-3,^2,8")).isEqualTo(NodeSet.of(0, 1, 3, 8));
        assertThat(NodeSet.parse("^2,0-3")).isEqualTo(NodeSet.range(0, 3));
        assertThat(NodeSet.parse(" 0 , 1 ")).isEqualTo(NodeSet.of(0, 1));
        assertThat(NodeSet.parse("16383")).isEqualTo(NodeSet.of(NodeSet.MAX_ID));
    }

    @Test
    void invalidSetsAreRejectedAsNodeSets() {
        ValueFormatException e = catchThrowableOfType(ValueFormatException.class, () -> NodeSet.parse("0,2-1"));
        assertThat(e.kind()).isEqualTo("node set");
        assertThat(e.position()).isEqualTo(2);
        assertThat(catchThrowableOfType(ValueFormatException.class, () -> NodeSet.parse("^0-1")).position()).isEqualTo(2);
        assertThat(catchThrowableOfType(ValueFormatException.class, () -> NodeSet.parse("0,")).position()).isEqualTo(2);
        assertThatThrownBy(() -> NodeSet.parse("")).isInstanceOf(ValueFormatException.class);
    }

    @Property
    void idsAboveMaxAreRejected(@ForAll @IntRange(min = NodeSet.MAX_ID + 1, max = 1_000_000) int id) {
        assertThatThrownBy(() -> NodeSet.of(id)).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> NodeSet.range(0, id)).isInstanceOf(ValueFormatException.class);
        assertThat(catchThrowableOfType(ValueFormatException.class, () -> NodeSet.parse("0-" + id)).position())
                .isEqualTo(2);
    }
}
