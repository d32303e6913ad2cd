package io.virtforge.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every element's line and column are those of its '&lt;' in the input, by brute force: line ends (LF, CRLF, CR
 * alone) counted over the characters before it. The documents mix text, indentation, CDATA, comments and
 * attribute values with all three kinds of line end, so lines are counted both where text is read and where
 * the parser has to count on its own.
 */
class XmlPositionPropertyTest {
    private static final String[] BREAKS = {"\n", "\r\n", "\r"};

    /** A document and the offset of each start tag in document order. */
    record Doc(String xml, List<Integer> starts) {
    }

    @Provide
    Arbitrary<Doc> documents() {
        Arbitrary<String> gap = Arbitraries.of("", " ", "\t", "\n", "\r\n", "\r", "  \n  ", "x", "a\rb", "&amp;\n",
                "<![CDATA[c\r\nd]]>", "<!--n\ro-->", "\r\n\r\n    ").list().ofMaxSize(3).map(l -> String.join("", l));
        Arbitrary<String> attribute = Arbitraries.of("", " a='1'", " b='x\ny'", " c='p\r\nq'", " d=\"r\rs\"", "\n e='t'",
                "\r\n f='u'");
        return Arbitraries.integers().between(1, 30).flatMap(n -> Arbitraries.integers().between(0, 2).list().ofSize(n)
                .flatMap(moves -> gap.list().ofSize(2 * n + 2).flatMap(gaps -> attribute.list().ofSize(n)
                        .map(attrs -> build(moves, gaps, attrs)))));
    }

    /** moves: 0 = a child of the open element, 1 = a sibling, 2 = close one level first. */
    private static Doc build(List<Integer> moves, List<String> gaps, List<String> attrs) {
        StringBuilder sb = new StringBuilder();
        List<Integer> starts = new ArrayList<>();
        int open = 0;
        int g = 0;
        for (int i = 0; i < moves.size(); i++) {
            int move = i == 0 ? 0 : moves.get(i);
            if (move >= 1 && open > 1) {
                sb.append("</e>").append(gaps.get(g++ % gaps.size()));
                open--;
            }
            if (move == 2 && open > 1) {
                sb.append("</e>").append(gaps.get(g++ % gaps.size()));
                open--;
            }
            starts.add(sb.length());
            sb.append("<e").append(attrs.get(i)).append('>').append(gaps.get(g++ % gaps.size()));
            open++;
        }
        while (open-- > 0) {
            sb.append("</e>").append(open > 0 ? gaps.get(g++ % gaps.size()) : "");
        }
        return new Doc(sb.toString(), starts);
    }

    private static int[] lineAndColumn(String s, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int p = 0; p < offset; p++) {
            char c = s.charAt(p);
            if (c == '\n' || (c == '\r' && (p + 1 >= s.length() || s.charAt(p + 1) != '\n'))) {
                line++;
                lineStart = p + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    private static void inOrder(XmlElement e, List<XmlElement> out) {
        out.add(e);
        for (XmlElement c : e.elements()) {
            inOrder(c, out);
        }
    }

    @Property(tries = 1000)
    void elementPositionsAreThoseOfTheirStartTags(@ForAll("documents") Doc doc) {
        List<XmlElement> elements = new ArrayList<>();
        inOrder(XmlParser.defaults().parse(doc.xml()), elements);
        assertThat(elements).hasSameSizeAs(doc.starts());
        for (int i = 0; i < elements.size(); i++) {
            int[] expected = lineAndColumn(doc.xml(), doc.starts().get(i));
            assertThat(new int[] {elements.get(i).line(), elements.get(i).column()})
                    .as("element %d at offset %d of %s", i, doc.starts().get(i), doc.xml().replace("\r", "\\r")
                            .replace("\n", "\\n"))
                    .containsExactly(expected);
        }
    }
}
