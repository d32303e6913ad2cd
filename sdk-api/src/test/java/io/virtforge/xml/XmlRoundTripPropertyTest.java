package io.virtforge.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * parse(write(tree)) gives the tree back, for random trees.
 *
 * <p>The parser documents one normalisation: text that is whitespace only and is not the whole content
 * of its element is formatting, and is dropped (the writer adds its own indentation between elements
 * and the parser must not keep it). Text is also held as runs: two text nodes next to each other read
 * back as one, and an empty text node writes nothing. Rather than generating only trees that are
 * already normal, the generator makes arbitrary trees (whitespace text between elements, adjacent and
 * empty text nodes included) and the property compares with {@link #normalise(XmlElement)}, which
 * states that normalisation independently of the parser.
 */
class XmlRoundTripPropertyTest {
    private static final String[] NAMES = {"a", "b", "vcpu", "qemu:arg", "x-y", "_z", "\u00e9", "a.b", "ns:\u00e9l\u00e9ment"};
    private static final String[] ATTRIBUTE_NAMES = {"x", "type", "unit", "xmlns", "a-b", "_c", "q:v", "\u00e7"};
    /** Pieces of text and attribute values: markup characters, quotes, line ends, tabs, references, non-ASCII. */
    private static final String[] TEXT_PIECES = {"x", "abc", "42", " ", "  ", "\n", "\t", "\r", "\r\n", "&", "<", ">", "'",
        "\"", "]]>", "&amp;", "&#10;", "<!--", "-->", "<![CDATA[", "?>", "=", "\u00e9", "\u20ac", "\u4e2d", "\uD83D\uDE00",
        "\u00a0", "\u200b", "\uFFFD", "-", "/"};
    private static final String[] COMMENT_PIECES = {"x", " note ", "\n", "\t", "-", "<", ">", "&", "\u00e9", "\uD83D\uDE00", "'"};
    private static final String[] PI_PIECES = {"a", "b c", "=", "'q'", "\"d\"", "<", ">", "&", "?", "\n", "\u00e9", " "};

    @Provide
    Arbitrary<XmlElement> trees() {
        // the prefixes the names use are declared on the root, as a namespace-well-formed document must
        return element(3).map(root -> root.toBuilder().attribute("xmlns:qemu", "urn:qemu").attribute("xmlns:ns", "urn:ns")
                .attribute("xmlns:q", "urn:q").build());
    }

    private static Arbitrary<String> pieces(String[] pieces, int max) {
        return Arbitraries.of(pieces).list().ofMaxSize(max).map(l -> String.join("", l));
    }

    private static Arbitrary<XmlNode> text() {
        return pieces(TEXT_PIECES, 8).map(XmlText::new);
    }

    private static Arbitrary<XmlNode> comment() {
        return pieces(COMMENT_PIECES, 6).filter(s -> !s.contains("--") && !s.endsWith("-")).map(XmlComment::new);
    }

    private static Arbitrary<XmlNode> processingInstruction() {
        Arbitrary<String> data = pieces(PI_PIECES, 5)
                .filter(s -> !s.contains("?>") && (s.isEmpty() || !XmlChars.isWhitespace(s.charAt(0))));
        return Combinators.combine(Arbitraries.of("pi", "php", "ns-t", "x-y", "\u00e9t\u00e9"), data).as(XmlProcessingInstruction::new);
    }

    private static Arbitrary<XmlElement> element(int depth) {
        Arbitrary<List<Tuple.Tuple2<String, String>>> attributes = Combinators
                .combine(Arbitraries.of(ATTRIBUTE_NAMES), pieces(TEXT_PIECES, 6)).as(Tuple::of).list().ofMaxSize(4);
        Arbitrary<XmlNode> child = depth == 0
                ? Arbitraries.frequencyOf(Tuple.of(4, text()), Tuple.of(1, comment()), Tuple.of(1, processingInstruction()))
                : Arbitraries.frequencyOf(Tuple.of(4, text()), Tuple.of(1, comment()), Tuple.of(1, processingInstruction()),
                        Tuple.of(4, element(depth - 1).map(e -> (XmlNode) e)));
        return Combinators.combine(Arbitraries.of(NAMES), attributes, child.list().ofMaxSize(5)).as((name, attrs, kids) -> {
            XmlElement.Builder b = XmlElement.builder(name);
            attrs.forEach(a -> b.attribute(a.get1(), a.get2()));
            kids.forEach(b::add);
            return b.build();
        });
    }

    /**
     * The documented normalisation: adjacent text nodes merged, empty ones removed, whitespace-only
     * text removed unless it is then the element's only child.
     */
    static XmlElement normalise(XmlElement e) {
        List<XmlNode> merged = new ArrayList<>();
        for (XmlNode n : e.children()) {
            if (n instanceof XmlText t && !merged.isEmpty() && merged.get(merged.size() - 1) instanceof XmlText last) {
                merged.set(merged.size() - 1, new XmlText(last.text() + t.text()));
            } else {
                merged.add(n instanceof XmlElement c ? normalise(c) : n);
            }
        }
        merged.removeIf(n -> n instanceof XmlText t && t.text().isEmpty());
        if (!(merged.size() == 1 && merged.get(0) instanceof XmlText)) {
            merged.removeIf(n -> n instanceof XmlText t && t.isWhitespace());
        }
        XmlElement.Builder b = XmlElement.builder(e.name());
        e.attributes().forEach(a -> b.attribute(a.name(), a.value()));
        merged.forEach(b::add);
        return b.build();
    }

    @Property(tries = 1500)
    void parseOfWriteGivesTheTreeBack(@ForAll("trees") XmlElement tree) {
        String xml = XmlWriter.toXml(tree);
        XmlElement back = XmlParser.defaults().parse(xml);
        Statistics.label("already normal").collect(normalise(tree).equals(tree));
        assertThat(back).as("written as:%n%s", xml).isEqualTo(normalise(tree));
        assertThat(back.hashCode()).isEqualTo(normalise(tree).hashCode());
    }

    @Property(tries = 500)
    void writingIsAFixpointAfterOneParse(@ForAll("trees") XmlElement tree) {
        String once = XmlWriter.toXml(XmlParser.defaults().parse(XmlWriter.toXml(tree)));
        assertThat(XmlWriter.toXml(XmlParser.defaults().parse(once))).isEqualTo(once);
        assertThat(once).isEqualTo(XmlWriter.toXml(normalise(tree)));
    }

    @Provide
    Arbitrary<String> xmlStrings() {
        // any character XML allows: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and the supplementary planes
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(0x9, 0xA, 0xD)),
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7F)),
                Tuple.of(3, Arbitraries.integers().between(0x80, 0xD7FF)),
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFD)),
                Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(30).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    @Property(tries = 2000)
    void anyStringSurvivesAsAttributeValueAndAsSoleText(@ForAll("xmlStrings") String s) {
        XmlElement e = XmlElement.builder("a").attribute("v", s).text(s).build();
        XmlElement back = XmlParser.defaults().parse(XmlWriter.toXml(e));
        assertThat(back.attribute("v")).hasValue(s);
        assertThat(back.text()).isEqualTo(s);
        assertThat(back).isEqualTo(e);
    }
}
