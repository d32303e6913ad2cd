package io.virtforge.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What the writer writes, the JDK's parser reads back to the same values: random names, attribute
 * values and text with every kind of allowed character, seeded. Names for the JDK come from characters
 * both the fourth edition of XML 1.0 (the JDK's name tables) and the fifth (this SDK's) allow; names
 * with the fifth edition's other characters (supplementary ones included) are checked through this
 * SDK's parser, which the conformance and differential tests hold to the JDK's elsewhere.
 */
class XmlWriterJdkRoundTripTest {
    private static final int TRIES = 3000;
    /** Name characters of both editions: ASCII letters, Latin-1 letters, Greek, CJK, and (not first) digits, '-', '.', U+00B7, U+0300. */
    private static final String NAME_START = "abcXYZ_\u00C0\u00E9\u00F8\u0391\u03B1\u4E2D\u9FA5";
    private static final String NAME_MORE = NAME_START + "09-.\u00B7\u0300\u0345";
    /** Text pieces: markup characters, both quotes, tab, CR, LF, the CDATA end, non-ASCII and supplementary characters. */
    private static final String[] PIECES = {"a", " ", "  ", "\t", "\r", "\n", "\r\n", "<", ">", "&", "\"", "'", "]]>", "]]", "&amp;",
        "&#10;", "<!--", "?>", "\u00E9", "\u00A0", "\u2028", "\u4E2D", "\uD83D\uDE00", "\uDBFF\uDFFD", "\uFFFD", "\u0085", "\u007F", "x"};

    @Test
    void namesValuesAndTextComeBackThroughTheJdk() {
        Random random = new Random(42);
        int compared = 0;
        for (int i = 0; i < TRIES; i++) {
            String name = name(random, NAME_START, NAME_MORE);
            String attribute = name(random, NAME_START, NAME_MORE);
            String value = text(random);
            String text = text(random);
            String childText = "k" + text(random); // not whitespace only, so it is kept beside an element
            XmlElement tree = XmlElement.builder(name).attribute(attribute, value)
                    .add(XmlElement.builder("c").text(text).build())
                    .add(new XmlText(childText))
                    .build();
            String xml = XmlWriter.toXml(tree);
            Document d = JdkXml.parse(xml);
            assertThat(d).as("the JDK reads %s (%s)", xml, JdkXml.lastError()).isNotNull();
            Element root = d.getDocumentElement();
            assertThat(root.getTagName()).isEqualTo(name);
            assertThat(root.getAttribute(attribute)).as("attribute value").isEqualTo(value);
            Element c = (Element) root.getElementsByTagName("c").item(0);
            // CR, tab and LF come back as they were: the writer escapes what the reader would normalise
            assertThat(c.getTextContent()).as("sole text").isEqualTo(text);
            assertThat(root.getTextContent()).as("mixed text").isEqualTo(text + childText);
            assertThat(JdkXml.signature(d)).isEqualTo(JdkXml.signature(XmlParser.defaults().parseDocument(xml)));
            compared++;
        }
        System.out.printf("writer round trips through the JDK: %d trees compared%n", compared);
    }

    @Test
    void fifthEditionNamesComeBackThroughThisParser() {
        Random random = new Random(7);
        for (int i = 0; i < TRIES; i++) {
            String name = fifthEditionName(random);
            XmlElement tree = XmlElement.builder(name).attribute(fifthEditionName(random), text(random)).text("t" + text(random)).build();
            assertThat(XmlParser.defaults().parse(XmlWriter.toXml(tree))).isEqualTo(tree);
        }
    }

    private static String name(Random random, String start, String more) {
        StringBuilder sb = new StringBuilder().append(start.charAt(random.nextInt(start.length())));
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(more.charAt(random.nextInt(more.length())));
        }
        return sb.toString();
    }

    /** A random name of the fifth edition's characters, BMP and supplementary, drawn until it is a QName without a colon. */
    private static String fifthEditionName(Random random) {
        while (true) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                int cp = random.nextInt(4) == 0 ? 0x10000 + random.nextInt(0xE0000) : random.nextInt(0xFFFE);
                boolean ok = i == 0 ? XmlChars.isNameStart(cp) : XmlChars.isNameChar(cp);
                if (ok && cp != ':') {
                    sb.appendCodePoint(cp);
                }
            }
            if (XmlChars.isValidQName(sb.toString())) {
                return sb.toString();
            }
        }
    }

    private static String text(Random random) {
        List<String> parts = new ArrayList<>();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            parts.add(PIECES[random.nextInt(PIECES.length)]);
        }
        if (random.nextInt(4) == 0) { // any allowed BMP character
            int c;
            do {
                c = 0x20 + random.nextInt(0xFFFE - 0x20);
            } while (Character.isSurrogate((char) c));
            parts.add(String.valueOf((char) c));
        }
        return String.join("", parts);
    }
}
