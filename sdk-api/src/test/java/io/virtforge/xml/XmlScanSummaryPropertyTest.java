package io.virtforge.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * What the parser notes on each element while it reads, checked against the tree itself by brute force: the
 * summary of the child elements' names (a lookup by name skips the scan when its bit is clear) and which
 * attribute values the writer may copy without escaping. Documents are written by hand here, not by the
 * writer, so both quote characters, references, line ends and tabs in values, and names that share a bit
 * of the summary all occur.
 */
class XmlScanSummaryPropertyTest {
    /** Element names; with more names than one summary word has bits for comfort, lookups meet shared bits. */
    private static final String[] NAMES = {"a", "b", "disk", "devices", "vcpu", "x-y", "\u00e9l", "A", "aa", "Ab",
        "name", "uuid", "memory", "os", "boot", "target"};
    /** Attribute value pieces, valid inside either quote character (an apostrophe is added by the double quotes). */
    private static final String[] VALUE_PIECES = {"x", "0x1f", " ", "&amp;", "&lt;", "&#39;", "&apos;", "&#10;", "\n", "\t",
        "\r\n", ">", "\u00e9", "\uD83D\uDE00", "/dev/sda", "-"};

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> value = Arbitraries.of(VALUE_PIECES).list().ofMaxSize(4).map(l -> String.join("", l));
        Arbitrary<String> quoted = Arbitraries.oneOf(value.map(v -> "'" + v + "'"),
                Arbitraries.of("", "'", "it's").flatMap(extra -> value.map(v -> "\"" + v + extra + "\"")));
        Arbitrary<String> start = Arbitraries.of(NAMES).flatMap(name -> Arbitraries.integers().between(0, 5).set()
                .ofMaxSize(3).flatMap(keys -> quoted.list().ofSize(keys.size()).map(values -> {
                    StringBuilder tag = new StringBuilder(name);
                    int i = 0;
                    for (int key : keys) {
                        tag.append(" k").append(key).append('=').append(values.get(i++));
                    }
                    return tag.toString();
                })));
        return Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(25)
                .flatMap(moves -> start.list().ofSize(moves.size()).map(tags -> build(moves, tags)));
    }

    /** moves: 0 = a child of the open element, 1 = an empty sibling, 2 = close one level first. */
    private static String build(List<Integer> moves, List<String> tags) {
        StringBuilder sb = new StringBuilder();
        List<String> open = new ArrayList<>();
        for (int i = 0; i < moves.size(); i++) {
            String tag = tags.get(i);
            int move = i == 0 ? 0 : moves.get(i);
            if (move == 2 && open.size() > 1) {
                sb.append("</").append(open.remove(open.size() - 1)).append(">\n");
            }
            if (move == 1) {
                sb.append("  <").append(tag).append("/>\n");
            } else {
                sb.append('<').append(tag).append(">text\n");
                open.add(tag.split(" ", 2)[0]);
            }
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            sb.append("</").append(open.get(i)).append(">\n");
        }
        return sb.toString();
    }

    @Property(tries = 2000)
    void everyElementsSummariesAgreeWithItsContent(@ForAll("documents") String xml) {
        XmlElement root = XmlParser.defaults().parse(xml);
        List<XmlElement> all = new ArrayList<>();
        collect(root, all);
        int plain = 0;
        for (XmlElement e : all) {
            assertThat(e.childNameBits()).as("name summary of <%s> in%n%s", e.name(), xml)
                    .isEqualTo(XmlElement.childNamesOf(e.children().toArray(new XmlNode[0])));
            for (int i = 0; i < e.attributeCount(); i++) {
                if (e.plainValue(i)) {
                    plain++;
                    assertThat(e.attributeValue(i)).as("value %d of <%s> in%n%s", i, e.name(), xml)
                            .doesNotContain("<", "&", "'", "\t", "\n", "\r");
                }
            }
            for (String name : NAMES) {
                assertThat(e.element(name)).as("<%s> in <%s>", name, e.name()).isEqualTo(e.elements().stream()
                        .filter(c -> c.name().equals(name)).findFirst());
            }
        }
        Statistics.label("plain values").collect(plain > 0);
        // the writer copies plain values as they are and escapes the others: the same text as for an unmarked copy
        assertThat(XmlWriter.toXml(root)).isEqualTo(XmlWriter.toXml(unmarked(root)));
    }

    @Test
    void onlyValuesThatNeedNoEscapingAreMarked() {
        // u's tab is normalised to a space on reading, as XML requires; the value is not marked, which is safe
        XmlElement e = XmlParser.defaults().parse("<a p='x' q=\"y\" r=\"it's\" s='&amp;' t='a&#10;b' u='\t'/>");
        assertThat(List.of(e.plainValue(0), e.plainValue(1), e.plainValue(2), e.plainValue(3), e.plainValue(4),
                e.plainValue(5))).containsExactly(true, true, false, false, false, false);
        assertThat(XmlWriter.toXml(e)).isEqualTo("<a p='x' q='y' r='it&apos;s' s='&amp;' t='a&#10;b' u=' '/>\n");
    }

    @Test
    void builtElementsSummariseTheirChildrenAndMarkNoValue() {
        XmlElement e = XmlElement.builder("a").attribute("v", "plain").add(XmlElement.builder("disk").build())
                .add(new XmlText("t")).build();
        assertThat(e.plainValue(0)).isFalse();
        assertThat(e.element("disk")).isPresent();
        assertThat(e.indexOfElement("disk", 0)).isZero();
        assertThat(e.indexOfElement("disk", 1)).isEqualTo(-1);
        assertThat(e.indexOfElement("video", 0)).isEqualTo(-1);
    }

    private static void collect(XmlElement e, List<XmlElement> all) {
        all.add(e);
        for (XmlElement c : e.elements()) {
            collect(c, all);
        }
    }

    /** A copy made by the builder, which marks no value as plain. */
    private static XmlElement unmarked(XmlElement e) {
        XmlElement.Builder b = XmlElement.builder(e.name());
        e.attributes().forEach(a -> b.attribute(a.name(), a.value()));
        for (XmlNode n : e.children()) {
            b.add(n instanceof XmlElement c ? unmarked(c) : n);
        }
        return b.build();
    }
}
