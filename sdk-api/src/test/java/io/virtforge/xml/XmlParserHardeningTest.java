package io.virtforge.xml;

import io.virtforge.model.DomainXml;
import static io.virtforge.xml.XmlParserTest.malformed;
import static io.virtforge.xml.XmlParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Regression tests for the defects a differential run against the JDK's parser found, one or more each. */
class XmlParserHardeningTest {
    private static XmlDocument bytes(byte[] b) {
        return XmlParser.defaults().parseDocument(new ByteArrayInputStream(b));
    }

    private static MalformedXmlException malformedBytes(byte[] b) {
        MalformedXmlException e = catchThrowableOfType(MalformedXmlException.class, () -> bytes(b));
        assertThat(e).as("must be refused as malformed").isNotNull();
        return e;
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) p;
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    @Nested
    class LinearTime {
        /** Was 29 s at 4 MB: each CDATA section copied the whole run so far. */
        @Test
        @Timeout(value = 10, unit = TimeUnit.SECONDS)
        void textAlternatingWithCdataIsLinear() {
            int n = 4 * 1024 * 1024 / "x<![CDATA[y]]>".length();
            XmlElement a = parse("<a>" + "x<![CDATA[y]]>".repeat(n) + "</a>");
            assertThat(a.text()).hasSize(2 * n).startsWith("xyxy").endsWith("xy");
        }

        /** Lines are counted forwards only: an element's position must be taken at its start tag, not at its end. */
        @Test
        @Timeout(value = 10, unit = TimeUnit.SECONDS)
        void manyElementsOnManyLinesAreLinear() {
            int n = 4 * 1024 * 1024 / "<a>\n<b/>\n</a>\n".length();
            XmlElement r = parse("<r>\n" + "<a>\n<b/>\n</a>\n".repeat(n) + "</r>");
            XmlElement last = r.elements().get(n - 1);
            assertThat(last.line()).isEqualTo(2 + 3 * (n - 1));
            assertThat(last.column()).isEqualTo(1);
            assertThat(last.elements().get(0).line()).isEqualTo(3 + 3 * (n - 1));
        }

        @Test
        @Timeout(value = 10, unit = TimeUnit.SECONDS)
        void textAlternatingWithReferencesAndCarriageReturnsIsLinear() {
            int n = 4 * 1024 * 1024 / "x&amp;\r\n<![CDATA[\r]]>".length();
            XmlElement a = parse("<a>" + "x&amp;\r\n<![CDATA[\r]]>".repeat(n) + "</a>");
            assertThat(a.text()).isEqualTo("x&\n\n".repeat(n));
        }
    }

    @Nested
    class Surrogates {
        @ParameterizedTest
        @ValueSource(strings = {"<a>\uD800</a>", "<a>x\uDC00y</a>", "<a>\uD800\uD800\uDC00</a>", "<a b='\uD800'/>",
            "<a><!--\uDC00--></a>", "<a><![CDATA[\uD800]]></a>", "<a><?pi \uD800?></a>", "<a\uD800/>", "<\uDC00a/>",
            "<a>\uD83D</a>", "<!--\uD800--><a/>"})
        void loneSurrogatesAreRefused(String xml) {
            MalformedXmlException e = malformed(xml);
            if (!xml.startsWith("<a\uD800") && !xml.startsWith("<\uDC00")) { // in a name it ends the name instead
                assertThat(e.reason()).contains("surrogate");
            }
        }

        @Test
        void pairsAreCharacters() {
            assertThat(parse("<a b='\uD83D\uDE00'>\uD83D\uDE00<![CDATA[\uDBFF\uDFFD]]></a>").text()).isEqualTo("\uD83D\uDE00\uDBFF\uDFFD");
        }

        @Test
        void theBuildersRefuseThem() {
            XmlElement.Builder b = XmlElement.builder("a");
            assertThatThrownBy(() -> b.text("x\uD800")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
            assertThatThrownBy(() -> b.attribute("v", "\uDC00")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.add(new XmlText("\uD800"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new XmlComment("\uD800")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new XmlProcessingInstruction("pi", "\uDC00")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Declaration {
        @ParameterizedTest
        @ValueSource(strings = {"<?xml ?><a/>", "<?xml version='2.0'?><a/>", "<?xml version='1.0' standalone='maybe'?><a/>",
            "<?xml version='1.1'?><a/>", "<?xml encoding='UTF-8' version='1.0'?><a/>", "<?xml version='1.0' standalone='yes' encoding='UTF-8'?><a/>",
            "<?xml version='1.0'encoding='UTF-8'?><a/>", "<?xml version='1.0' encoding='8bit'?><a/>", "<?xml version='1.0' foo='x'?><a/>",
            "<?xml version='1.0'", "<?xml version=1.0?><a/>", " <?xml version='1.0'?><a/>", "<a/><?xml version='1.0'?>",
            "<?xml version='1.0'?><?xml version='1.0'?><a/>", "<?xml?><a/>", "<?XML version='1.0'?><a/>"})
        void malformedDeclarationsAreRefused(String xml) {
            malformed(xml);
        }

        @Test
        void xml11IsRefusedWithAClearReason() {
            assertThat(malformed("<?xml version=\"1.1\"?><a/>").reason()).contains("1.1").contains("only 1.0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"<?xml version='1.0'?><a/>", "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?><a/>",
            "<?xml version = '1.0'  standalone = 'yes' ?>\n<a/>", "<?xml\tversion='1.0'\nencoding='ISO-8859-1'?><a/>"})
        void wellFormedDeclarationsAreAccepted(String xml) {
            assertThat(parse(xml).name()).isEqualTo("a");
        }
    }

    @Nested
    class Names {
        @ParameterizedTest
        @ValueSource(strings = {"<\u0300a/>", "<a\u037E/>", "<a\u00D7/>", "<-a/>", "<a b\u2028='1'/>", "<\uDB80\uDC00/>",
            "<?foo#bar?><a/>", "<a><?foo#bar?></a>", "<?pi\u00A0x?><a/>"})
        void charactersOutsideTheNameProductionsAreRefused(String xml) {
            malformed(xml);
        }

        @Test
        void theFifthEditionsNameCharactersAreAccepted() {
            assertThat(parse("<\u00E9\u0300\u00B7\u203F/>").name()).isEqualTo("\u00E9\u0300\u00B7\u203F");
            assertThat(parse("<\uD83D\uDE00 \u037F='1'/>").attribute("\u037F")).hasValue("1");
            assertThat(parse("<a><?foo bar?></a>").child(0)).isEqualTo(new XmlProcessingInstruction("foo", "bar"));
        }
    }

    @Nested
    class Namespaces {
        @ParameterizedTest
        @ValueSource(strings = {"<p:a/>", "<a p:b='1'/>", "<a xmlns:p=''/>", "<a:b:c xmlns:a='u'/>", "<a b:c:d='1' xmlns:b='u'/>",
            "<:a/>", "<a:/>", "<a xmlns:p='u' xmlns:q='u' p:x='1' q:x='2'/>", "<a xmlns:xml='urn:other'/>",
            "<a xmlns:x='http://www.w3.org/XML/1998/namespace'/>", "<a xmlns:xmlns='urn:x'/>", "<a xmlns:p='http://www.w3.org/2000/xmlns/'/>",
            "<a xmlns='http://www.w3.org/XML/1998/namespace'/>", "<xmlns:a/>", "<a><p:b xmlns:p='u'/><p:c/></a>", "<p:a xmlns:p='u'></q:a>",
            "<a xmlns:p='u'><p:b/></a><p:c/>", "<?a:b?><a/>"})
        void namespaceErrorsAreRefused(String xml) {
            malformed(xml);
        }

        @ParameterizedTest
        @ValueSource(strings = {"<p:a xmlns:p='u'/>", "<a xmlns:p='u' p:x='1' x='2'/>", "<a xml:lang='en'/>", "<a xmlns=''/>",
            "<a xmlns:xml='http://www.w3.org/XML/1998/namespace'/>", "<a xmlns:p='u' xmlns:q='v' p:x='1' q:x='2'/>",
            "<a xmlns:p='u'><p:b><p:c/></p:b></a>", "<a><p:b xmlns:p='u'/><p:b xmlns:p='v'/></a>"})
        void namespaceWellFormedDocumentsAreAccepted(String xml) {
            assertThat(parse(xml)).isNotNull();
        }
    }

    @Nested
    class Bytes {
        @Test
        void malformedUtf8IsAnErrorWithItsPosition() {
            MalformedXmlException e = malformedBytes(concat("<a>\n  x", new byte[] {(byte) 0xC3, '('}, "</a>"));
            assertThat(e.reason()).contains("not UTF-8");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(4);
            malformedBytes(concat("<a>", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "</a>")); // an encoded surrogate
            malformedBytes(concat("<a>", new byte[] {(byte) 0xC0, (byte) 0x80}, "</a>")); // overlong
            malformedBytes(concat("<a>", new byte[] {(byte) 0xE2, (byte) 0x82}));
        }

        @Test
        void onlyTheXmlDeclarationNamesTheEncoding() {
            XmlDocument d = bytes(concat("<?xml-stylesheet encoding='ISO-8859-1'?><a>\u00E9</a>"));
            assertThat(d.root().text()).isEqualTo("\u00E9");
            assertThat(d.prolog()).containsExactly(new XmlProcessingInstruction("xml-stylesheet", "encoding='ISO-8859-1'"));
        }

        @Test
        void aDeclarationIsReadWhateverItsLength() {
            byte[] doc = concat("<?xml version='1.0'" + " ".repeat(300) + "encoding='ISO-8859-1'?><a>", new byte[] {(byte) 0xE9}, "</a>");
            assertThat(bytes(doc).root().text()).isEqualTo("\u00E9");
        }

        @Test
        void declaredEncodingsAreDecodedStrictly() {
            assertThat(bytes(concat("<?xml version='1.0' encoding='US-ASCII'?><a>x</a>")).root().text()).isEqualTo("x");
            assertThat(malformedBytes(concat("<?xml version='1.0' encoding='US-ASCII'?><a>", new byte[] {(byte) 0xE9}, "</a>"))
                    .reason()).contains("not US-ASCII");
            assertThat(malformedBytes(concat("<?xml version='1.0' encoding='EBCDIC-XYZ'?><a/>")).reason()).contains("unsupported encoding");
        }

        @Test
        void aByteOrderMarkMustAgreeWithTheDeclaration() {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            assertThat(bytes(concat(bom, "<?xml version='1.0' encoding='UTF-8'?><a>\u00E9</a>")).root().text()).isEqualTo("\u00E9");
            assertThat(malformedBytes(concat(bom, "<?xml version='1.0' encoding='ISO-8859-1'?><a/>")).reason()).contains("byte order mark");
            byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                    "<?xml version='1.0' encoding='UTF-8'?><a/>".getBytes(StandardCharsets.UTF_16LE));
            assertThat(malformedBytes(utf16).reason()).contains("byte order mark");
        }

        @Test
        void utf16WithAByteOrderMarkIsRead() {
            byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "<a>\uD83D\uDE00</a>".getBytes(StandardCharsets.UTF_16BE));
            assertThat(bytes(be).root().text()).isEqualTo("\uD83D\uDE00");
            byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                    "<?xml version='1.0' encoding='UTF-16'?><a>\u00E9</a>".getBytes(StandardCharsets.UTF_16LE));
            assertThat(bytes(le).root().text()).isEqualTo("\u00E9");
            malformedBytes("<a/>".getBytes(StandardCharsets.UTF_16LE)); // no byte order mark
        }
    }

    @Nested
    class CharacterReferences {
        @Test
        void leadingZerosAreAllowed() {
            assertThat(parse("<a b='&#x0000000041;'>&#x0000000041;&#0000000066;</a>").text()).isEqualTo("AB");
            assertThat(parse("<a b='&#x0000000041;'/>").attribute("b")).hasValue("A");
        }

        @ParameterizedTest
        @ValueSource(strings = {"&#0;", "&#x0;", "&#xD800;", "&#xDFFF;", "&#xFFFE;", "&#x110000;", "&#99999999999;", "&#x;",
            "&#;", "&#X41;", "&#x41", "&#-1;", "&#x 41;", "&#\u0661;", "&;", "&lt", "& amp;"})
        void referencesToWhatIsNoCharacterAreRefused(String ref) {
            malformed("<a>" + ref + "</a>");
            malformed("<a b='" + ref + "'/>");
        }
    }

    @Nested
    class Builders {
        @ParameterizedTest
        @ValueSource(strings = {"a\u0001", "a--b", "a-", "-", "\uFFFE", "\uD800"})
        void commentsThatCannotBeWrittenAreRefused(String text) {
            assertThatThrownBy(() -> new XmlComment(text)).isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "xml", "XmL", "a:b", "1a", "a b"})
        void targetsThatCannotBeWrittenAreRefused(String target) {
            assertThatThrownBy(() -> new XmlProcessingInstruction(target, "x")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void processingInstructionDataThatCannotBeWrittenIsRefused() {
            assertThatThrownBy(() -> new XmlProcessingInstruction("pi", "a?>b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new XmlProcessingInstruction("pi", "\u0000")).isInstanceOf(IllegalArgumentException.class);
            assertThat(new XmlProcessingInstruction("xml-stylesheet", "a?b>").data()).isEqualTo("a?b>");
        }

        @Test
        void namespaceDeclarationsThatCannotBeWrittenAreRefused() {
            XmlElement.Builder b = XmlElement.builder("a");
            assertThatThrownBy(() -> b.attribute("xmlns:p", "")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.attribute("xmlns:xml", "urn:x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.attribute("xmlns:xmlns", "urn:x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.attribute("a:b:c", "1")).isInstanceOf(IllegalArgumentException.class);
            assertThat(b.attribute("xmlns", "").build().attribute("xmlns")).hasValue("");
        }

        @Test
        void theWriterRefusesAnUnboundPrefix() {
            XmlElement unbound = XmlElement.builder("a").add(XmlElement.builder("p:b").build()).build();
            assertThatThrownBy(() -> XmlWriter.toXml(unbound)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p:b");
            XmlElement bound = XmlElement.builder("a").attribute("xmlns:p", "urn:p").add(unbound.child(0)).build();
            assertThat(XmlWriter.toXml(bound)).isEqualTo("<a xmlns:p='urn:p'>\n  <p:b/>\n</a>\n");
            XmlElement attribute = XmlElement.builder("a").attribute("q:x", "1").build();
            assertThatThrownBy(() -> XmlWriter.toXml(attribute)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Depth {
        @Test
        void theLimitsBoundTheDepth() {
            assertThatThrownBy(() -> XmlLimits.DEFAULT.withMaxDepth(XmlLimits.MAX_DEPTH + 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> XmlLimits.DEFAULT.withMaxDepth(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
            assertThat(XmlLimits.DEFAULT.withMaxDepth(XmlLimits.MAX_DEPTH).maxDepth()).isEqualTo(XmlLimits.MAX_DEPTH);
        }

        @Test
        void theDeepestAllowedDocumentParsesOnASmallStack() throws Exception {
            int depth = XmlLimits.MAX_DEPTH;
            String xml = "<a>".repeat(depth) + "x" + "</a>".repeat(depth);
            XmlParser parser = new XmlParser(XmlLimits.DEFAULT.withMaxDepth(depth));
            XmlElement[] result = new XmlElement[1];
            Thread t = new Thread(null, () -> result[0] = parser.parse(xml), "small-stack", 128 * 1024);
            t.start();
            t.join();
            XmlElement e = result[0];
            assertThat(e).as("parsed on a 128 KiB stack").isNotNull();
            for (int i = 1; i < depth; i++) {
                e = e.elements().get(0);
            }
            assertThat(e.text()).isEqualTo("x");
            assertThatThrownBy(() -> parser.parse("<a>" + xml + "</a>")).isInstanceOf(XmlSecurityException.class);
        }

        @Test
        void theWriterWritesAnyDepthOfBuiltTree() {
            int depth = 200_000;
            XmlElement e = XmlElement.builder("b").build();
            for (int i = 0; i < depth; i++) {
                e = XmlElement.builder("b").add(e).build();
            }
            // text at the top makes the whole tree inline, so the output stays small
            String xml = XmlWriter.toXml(XmlElement.builder("a").add(new XmlText("x")).add(e).build());
            assertThat(xml).startsWith("<a>x<b><b><b>").contains("<b><b/></b>").endsWith("</b></b></a>\n");
            assertThat(xml).hasSize("<a>x".length() + depth * "<b></b>".length() + "<b/>".length() + "</a>\n".length());
        }
    }

    @Nested
    class PrologAndEpilog {
        private static final String DOC = "<!-- header: why this VM exists -->\n<?xml-stylesheet href='x.xsl'?>\n<a>\n  <b/>\n</a>\n"
                + "<!-- trailer -->\n";

        @Test
        void theParserKeepsThemAndTheWriterWritesThemBack() {
            XmlDocument d = XmlParser.defaults().parseDocument(DOC);
            assertThat(d.prolog()).containsExactly(new XmlComment(" header: why this VM exists "),
                    new XmlProcessingInstruction("xml-stylesheet", "href='x.xsl'"));
            assertThat(d.epilog()).containsExactly(new XmlComment(" trailer "));
            assertThat(XmlWriter.toXml(d)).isEqualTo(DOC.replace("'x.xsl'", "'x.xsl'"));
        }

        @Test
        void aDomainKeepsThemThroughTheCodec() {
            String xml = "<!-- header -->\n<domain type='kvm'>\n  <name>vm</name>\n</domain>\n<!-- trailer -->\n";
            DomainXml codec = DomainXml.defaults();
            var domain = codec.parse(xml);
            assertThat(codec.write(domain)).isEqualTo(xml);
            assertThat(codec.write(codec.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))).isEqualTo(xml);
            assertThat(domain.document().prolog()).containsExactly(new XmlComment(" header "));
        }

        @Test
        void onlyCommentsAndProcessingInstructionsMayStandOutsideTheRoot() {
            XmlElement a = XmlElement.builder("a").build();
            assertThatThrownBy(() -> new XmlDocument(java.util.List.of(new XmlText("x")), a, java.util.List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
