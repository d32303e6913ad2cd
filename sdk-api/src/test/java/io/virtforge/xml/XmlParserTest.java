package io.virtforge.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlParserTest {
    private static final XmlParser PARSER = XmlParser.defaults();

    static XmlElement parse(String xml) {
        return PARSER.parse(xml);
    }

    static MalformedXmlException malformed(String xml) {
        MalformedXmlException e = catchThrowableOfType(MalformedXmlException.class, () -> parse(xml));
        assertThat(e).as("must be rejected as malformed: %s", xml).isNotNull();
        return e;
    }

    static XmlElement el(String name, XmlNode... children) {
        XmlElement.Builder b = XmlElement.builder(name);
        for (XmlNode c : children) {
            b.add(c);
        }
        return b.build();
    }

    static XmlText text(String s) {
        return new XmlText(s);
    }

    @Nested
    class References {
        @Test
        void theFivePredefinedEntitiesResolveInTextAndAttributes() {
            XmlElement e = parse("<a v='&lt;&gt;&amp;&apos;&quot;'>&lt;&gt;&amp;&apos;&quot;</a>");
            assertThat(e.text()).isEqualTo("<>&'\"");
            assertThat(e.attribute("v")).hasValue("<>&'\"");
        }

        @Test
        void decimalAndHexCharacterReferencesResolve() {
            XmlElement e = parse("<a v='&#65;&#x42;&#x0063;&#233;'>&#65;&#x42;&#x0063;&#233;&#x20AC;</a>");
            assertThat(e.text()).isEqualTo("ABcé€");
            assertThat(e.attribute("v")).hasValue("ABcé");
        }

        @Test
        void aSupplementaryPlaneCharacterReferenceBecomesASurrogatePair() {
            XmlElement e = parse("<a v='&#x1F600;'>&#128512;</a>");
            assertThat(e.text()).isEqualTo("\uD83D\uDE00").hasSize(2);
            assertThat(e.text().codePointAt(0)).isEqualTo(0x1F600);
            assertThat(e.attribute("v")).hasValue("\uD83D\uDE00");
            assertThat(parse("<a>&#x10FFFF;</a>").text().codePointAt(0)).isEqualTo(0x10FFFF);
        }

        @Test
        void anUndeclaredEntityIsRejectedWithItsLineAndColumn() {
            MalformedXmlException e = malformed("<a>\n  <b>x&nbsp;</b>\n</a>");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(7);
            assertThat(e.getMessage()).contains("nbsp").startsWith("line 2, column 7: ");
            MalformedXmlException inAttribute = malformed("<a>\n\n <b v='&copy;'/></a>");
            assertThat(inAttribute.line()).isEqualTo(3);
            assertThat(inAttribute.column()).isEqualTo(8);
        }

        @ParameterizedTest
        @ValueSource(strings = {"&#0;", "&#1;", "&#x1F;", "&#8;", "&#xFFFE;", "&#xFFFF;", "&#xD800;", "&#xDFFF;", "&#x110000;",
            "&#99999999999;", "&#;", "&#x;", "&#X41;", "&#+65;", "&#x+41;", "&#-65;", "&# 65;", "&#65 ;", "&#x4G;",
            "&#\u0666\u0665;", "&#\uff16\uff15;", "&#x\uff14\uff11;", "&amp", "&", "&lt", "&AMP;", "&#65", "& lt;"})
        void badReferencesAreRejected(String ref) {
            malformed("<a>" + ref + "</a>");
            malformed("<a v='" + ref + "'/>");
        }

        @Test
        void allowedControlCharactersMayBeReferenced() {
            assertThat(parse("<a>&#9;&#10;&#13;x</a>").text()).isEqualTo("\t\n\rx");
        }
    }

    @Nested
    class MarkupKinds {
        @Test
        void cdataBecomesText() {
            XmlElement e = parse("<a><![CDATA[<b>&amp;</b> ]]]]></a>");
            assertThat(e.children()).containsExactly(text("<b>&amp;</b> ]]"));
        }

        @Test
        void cdataAndTextNextToItAreOneTextNode() {
            // CDATA is only another way to write characters: the tree must not depend on it
            assertThat(parse("<a>x<![CDATA[<y>]]>z</a>")).isEqualTo(parse("<a>x&lt;y&gt;z</a>"));
            assertThat(parse("<a>x<![CDATA[<y>]]>z</a>").children()).containsExactly(text("x<y>z"));
            assertThat(parse("<a><![CDATA[a]]><![CDATA[b]]></a>").children()).containsExactly(text("ab"));
            assertThat(parse("<a><b/> <![CDATA[x]]> <c/></a>").children())
                    .containsExactly(el("b"), text(" x "), el("c"));
        }

        @Test
        void emptyOrWhitespaceCdataBetweenElementsIsLikeTheSameText() {
            assertThat(parse("<a><![CDATA[]]></a>").childCount()).isZero();
            assertThat(parse("<a><b/><![CDATA[ ]]><c/></a>")).isEqualTo(parse("<a><b/> <c/></a>"));
            assertThat(parse("<a><![CDATA[ ]]></a>").text()).isEqualTo(" ");
        }

        @Test
        void cdataKeepsCarriageReturnsNormalised() {
            assertThat(parse("<a><![CDATA[x\r\ny\rz]]></a>").text()).isEqualTo("x\ny\nz");
        }

        @Test
        void unterminatedOrMisplacedCdataIsRejected() {
            malformed("<a><![CDATA[x</a>");
            malformed("<![CDATA[x]]><a/>");
            malformed("<a>x]]>y</a>");
        }

        @Test
        void commentsAreKept() {
            XmlElement e = parse("<a><!-- one --><b/><!--two--></a>");
            assertThat(e.children()).containsExactly(new XmlComment(" one "), el("b"), new XmlComment("two"));
            assertThat(parse("<a><!----></a>").children()).containsExactly(new XmlComment(""));
            assertThat(parse("<a><!---x- y--></a>").children()).containsExactly(new XmlComment("-x- y"));
        }

        @Test
        void commentsOutsideTheRootElementAreNotKept() {
            assertThat(parse("<!-- before --><a/><!-- after -->")).isEqualTo(el("a"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"<a><!-- a -- b --></a>", "<a><!-- a ---></a>", "<a><!-- x </a>", "<a><!- x --></a>",
            "<!-- a -- b --><a/>", "<a><!--x--!></a>"})
        void doubleHyphenInsideACommentIsRejected(String xml) {
            malformed(xml);
        }

        @Test
        void processingInstructionsAreKept() {
            XmlElement e = parse("<a><?target some data?><?empty?></a>");
            assertThat(e.children()).containsExactly(new XmlProcessingInstruction("target", "some data"),
                    new XmlProcessingInstruction("empty", ""));
        }

        @Test
        void processingInstructionsOutsideTheRootAreNotKept() {
            assertThat(parse("<?pi x?><a/><?pi y?>")).isEqualTo(el("a"));
        }

        @Test
        void aProcessingInstructionNamedXmlIsRejected() {
            malformed("<a><?xml version='1.0'?></a>");
            malformed("<a><?XmL x?></a>");
            malformed("<a><?pi never closed</a>");
        }

        @Test
        void anXmlDeclarationIsAcceptedOnlyAtTheStart() {
            assertThat(parse("<?xml version='1.0' encoding='UTF-8'?>\n<a/>")).isEqualTo(el("a"));
            assertThat(parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\" standalone=\"yes\"?><a/>")).isEqualTo(el("a"));
            assertThat(parse("\uFEFF<?xml version='1.0'?><a/>")).isEqualTo(el("a"));
            malformed(" <?xml version='1.0'?><a/>");
            malformed("<!-- c --><?xml version='1.0'?><a/>");
            malformed("<?xml version='1.0'<a/>");
        }

        @Test
        void prefixedNamesAndNamespaceDeclarationsAreKeptAsWritten() {
            XmlElement e = parse("<qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"
                    + "<qemu:arg value='-s'/></qemu:commandline>");
            assertThat(e.name()).isEqualTo("qemu:commandline");
            assertThat(e.prefix()).hasValue("qemu");
            assertThat(e.localName()).isEqualTo("commandline");
            assertThat(e.attribute("xmlns:qemu")).hasValue("http://libvirt.org/schemas/domain/qemu/1.0");
            assertThat(e.element("qemu:arg").flatMap(a -> a.attribute("value"))).hasValue("-s");
        }
    }

    @Nested
    class Encodings {
        private final String doc = "<a v='\u00e9\u20ac\uD83D\uDE00'>\u00e9\u20ac\uD83D\uDE00</a>";

        private XmlElement parseBytes(byte[] bytes) {
            return PARSER.parse(new ByteArrayInputStream(bytes));
        }

        private static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }

        @Test
        void utf8ByDefault() {
            assertThat(parseBytes(doc.getBytes(StandardCharsets.UTF_8))).isEqualTo(parse(doc));
        }

        @Test
        void utf8WithAByteOrderMark() {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            assertThat(parseBytes(concat(bom, doc.getBytes(StandardCharsets.UTF_8)))).isEqualTo(parse(doc));
        }

        @Test
        void utf8Declared() {
            String declared = "<?xml version='1.0' encoding='utf-8'?>" + doc;
            assertThat(parseBytes(declared.getBytes(StandardCharsets.UTF_8))).isEqualTo(parse(doc));
        }

        @Test
        void utf16BigEndianWithAByteOrderMark() {
            byte[] bom = {(byte) 0xFE, (byte) 0xFF};
            String declared = "<?xml version='1.0' encoding='UTF-16'?>\n" + doc;
            assertThat(parseBytes(concat(bom, declared.getBytes(StandardCharsets.UTF_16BE)))).isEqualTo(parse(doc));
        }

        @Test
        void utf16LittleEndianWithAByteOrderMark() {
            byte[] bom = {(byte) 0xFF, (byte) 0xFE};
            assertThat(parseBytes(concat(bom, doc.getBytes(StandardCharsets.UTF_16LE)))).isEqualTo(parse(doc));
        }

        @Test
        void iso88591Declared() {
            String latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a v='\u00e9\u00ff'>caf\u00e9 \u00bd</a>";
            XmlElement e = parseBytes(latin.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(e.text()).isEqualTo("caf\u00e9 \u00bd");
            assertThat(e.attribute("v")).hasValue("\u00e9\u00ff");
        }

        @Test
        void anUnsupportedEncodingIsRejected() {
            byte[] b = "<?xml version='1.0' encoding='no-such-charset'?><a/>".getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> parseBytes(b)).isInstanceOf(MalformedXmlException.class).hasMessageContaining("encoding");
            byte[] illegal = "<?xml version='1.0' encoding='bad name!'?><a/>".getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> parseBytes(illegal)).isInstanceOf(MalformedXmlException.class);
        }

        @Test
        void aReaderGivesTheSameTree() {
            assertThat(PARSER.parse(new StringReader(doc))).isEqualTo(parse(doc));
            String big = "<a>" + "x".repeat(100_000) + "</a>";
            assertThat(PARSER.parse(new StringReader(big))).isEqualTo(parse(big));
        }
    }

    @Nested
    class Attributes {
        @Test
        void literalLineEndsAndTabsBecomeSpaces() {
            assertThat(parse("<a v='x\ny\tz\r\nw\rq'/>").attribute("v")).hasValue("x y z w q");
        }

        @Test
        void referencedLineEndsAndTabsAreKept() {
            assertThat(parse("<a v='x&#10;y&#9;z&#13;&#xA;'/>").attribute("v")).hasValue("x\ny\tz\r\n");
        }

        @Test
        void bothQuoteStylesAndTheOtherQuoteInside() {
            XmlElement e = parse("<a x=\"it's\" y='say \"hi\"' z = 'spaced' />");
            assertThat(e.attribute("x")).hasValue("it's");
            assertThat(e.attribute("y")).hasValue("say \"hi\"");
            assertThat(e.attribute("z")).hasValue("spaced");
            assertThat(e.attributes()).extracting(XmlAttribute::name).containsExactly("x", "y", "z");
        }

        @Test
        void aDuplicateAttributeIsRejectedAtItsSecondOccurrence() {
            MalformedXmlException e = malformed("<a>\n<b x='1' y='2' x='3'/></a>");
            assertThat(e.getMessage()).contains("x");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(16);
        }

        @ParameterizedTest
        @ValueSource(strings = {"<a x=1/>", "<a x='1'y='2'/>", "<a x='<'/>", "<a x='1/>", "<a x/>", "<a x=/>", "<a ='1'/>",
            "<a x='1' / >", "<a 1x='1'/>", "<a x=\"1'/>"})
        void malformedAttributesAreRejected(String xml) {
            malformed(xml);
        }
    }

    @Nested
    class Structure {
        @Test
        void aMismatchedEndTagIsRejectedNamingBothTags() {
            MalformedXmlException e = malformed("<domain>\n  <name>x</nmae>\n</domain>");
            assertThat(e.getMessage()).contains("</nmae>").contains("<name>");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(10);
        }

        @Test
        void textAfterTheRootIsRejected() {
            MalformedXmlException e = malformed("<a/>\n  junk");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(3);
            malformed("<a></a>&amp;");
            malformed("<a></a>]]>");
        }

        @Test
        void twoRootsAreRejected() {
            MalformedXmlException e = malformed("<a/>\n<b/>");
            assertThat(e.getMessage()).contains("root");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n", "text", "<!-- only a comment -->", "<?pi only?>", "<", "<>", "</a>", "< a/>",
            "<a", "<a>", "<a></b>", "<a></a", "<a/", "<a><b></a></b>", "<a>text", "<a/>>", "<a></ a>", "<!x><a/>",
            "<a><!x></a>", "<a><!ELEMENT x></a>"})
        void malformedDocumentsAreRejected(String xml) {
            malformed(xml);
        }

        @Test
        void endTagsMayHaveTrailingWhitespace() {
            assertThat(parse("<a><b></b \n></a >")).isEqualTo(el("a", el("b")));
        }
    }

    @Nested
    class ForbiddenCharacters {
        @ParameterizedTest
        @ValueSource(chars = {'\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\uFFFE', '\uFFFF'})
        void forbiddenCharactersAreRejectedEverywhere(char c) {
            String s = String.valueOf(c);
            assertThat(malformed("<a>x" + s + "</a>").column()).isEqualTo(5);
            assertThat(malformed("<a v='x" + s + "'/>").column()).isEqualTo(8);
            malformed("<a><!--" + s + "--></a>");
            malformed("<a><![CDATA[" + s + "]]></a>");
            malformed("<a><?pi " + s + "?></a>");
            malformed("<a>&#" + (int) c + ";</a>");
            malformed("<a v='&#x" + Integer.toHexString(c) + ";'/>");
        }

        @Test
        void tabNewlineAndCarriageReturnAreAllowed() {
            assertThat(parse("<a v='\t'>\tx\n</a>").text()).isEqualTo("\tx\n");
        }
    }

    @Nested
    class Limits {
        private String nested(int depth) {
            return "<e>".repeat(depth) + "</e>".repeat(depth);
        }

        private String attributes(int count) {
            StringBuilder sb = new StringBuilder("<a");
            for (int i = 0; i < count; i++) {
                sb.append(" a").append(i).append("='").append(i).append('\'');
            }
            return sb.append("/>").toString();
        }

        @Test
        void nestingUpToTheLimitIsAccepted() {
            assertThat(parse(nested(XmlLimits.DEFAULT.maxDepth()))).isNotNull();
        }

        @Test
        void nestingDeeperThanTheLimitIsASecurityError() {
            XmlSecurityException e = catchThrowableOfType(XmlSecurityException.class,
                    () -> parse(nested(XmlLimits.DEFAULT.maxDepth() + 1)));
            assertThat(e).isNotNull();
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.column()).isEqualTo(3 * XmlLimits.DEFAULT.maxDepth() + 1);
            XmlParser shallow = new XmlParser(new XmlLimits(1000, 3, 10));
            assertThat(shallow.parse(nested(3))).isNotNull();
            assertThatThrownBy(() -> shallow.parse(nested(4))).isInstanceOf(XmlSecurityException.class);
        }

        @Test
        void veryDeepNestingIsRefusedWithoutStackOverflow() {
            assertThatThrownBy(() -> parse(nested(1_000_000))).isInstanceOf(XmlSecurityException.class);
        }

        @Test
        void attributesUpToTheLimitAreAccepted() {
            assertThat(parse(attributes(XmlLimits.DEFAULT.maxAttributes())).attributeCount())
                    .isEqualTo(XmlLimits.DEFAULT.maxAttributes());
        }

        @Test
        void moreAttributesThanTheLimitIsASecurityError() {
            assertThatThrownBy(() -> parse(attributes(XmlLimits.DEFAULT.maxAttributes() + 1)))
                    .isInstanceOf(XmlSecurityException.class);
            XmlParser few = new XmlParser(new XmlLimits(1000, 10, 2));
            assertThat(few.parse("<a x='1' y='2'><b z='1' w='2'/></a>")).isNotNull();
            assertThatThrownBy(() -> few.parse("<a x='1'><b z='1' w='2' v='3'/></a>")).isInstanceOf(XmlSecurityException.class);
        }

        @Test
        void documentsLargerThanTheLimitAreASecurityError() {
            XmlParser small = new XmlParser(XmlLimits.DEFAULT.withMaxChars(20));
            String fits = "<a>" + "x".repeat(13) + "</a>";
            String over = "<a>" + "x".repeat(14) + "</a>";
            assertThat(small.parse(fits).text()).hasSize(13);
            assertThat(small.parse(new StringReader(fits)).text()).hasSize(13);
            assertThatThrownBy(() -> small.parse(over)).isInstanceOf(XmlSecurityException.class);
            assertThatThrownBy(() -> small.parse(new StringReader(over))).isInstanceOf(XmlSecurityException.class);
        }

        @Test
        void limitsMustBePositive() {
            assertThatThrownBy(() -> new XmlLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new XmlLimits(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new XmlLimits(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aDoctypeIsASecurityError() {
            assertThatThrownBy(() -> parse("<!DOCTYPE a><a/>")).isInstanceOf(XmlSecurityException.class);
            assertThatThrownBy(() -> parse("<a><!DOCTYPE a></a>")).isInstanceOf(XmlSecurityException.class);
        }
    }

    @Nested
    class Whitespace {
        @Test
        void whitespaceBetweenElementsIsDropped() {
            assertThat(parse("<a>\n  <b/>\n\t<c> <d/> </c>\n</a>").children()).containsExactly(el("b"), el("c", el("d")));
        }

        @Test
        void anElementWhoseOnlyContentIsWhitespaceKeepsIt() {
            assertThat(parse("<a>  \n\t</a>").children()).containsExactly(text("  \n\t"));
            assertThat(parse("<a><b> </b></a>").children()).containsExactly(el("b", text(" ")));
        }

        @Test
        void whitespaceAroundAnOnlyCommentIsDropped() {
            assertThat(parse("<a> <!--c--> </a>").children()).containsExactly(new XmlComment("c"));
        }

        @Test
        void whitespaceInsideTextIsKept() {
            assertThat(parse("<a>  x \n y  </a>").text()).isEqualTo("  x \n y  ");
            assertThat(parse("<p>Hello <b>big</b> world</p>").children())
                    .containsExactly(text("Hello "), el("b", text("big")), text(" world"));
        }

        @Test
        void crlfLineEndsAreNormalisedInText() {
            assertThat(parse("<a>x\r\ny\rz</a>").text()).isEqualTo("x\ny\nz");
            assertThat(parse("<a>&amp;\r\n</a>").text()).isEqualTo("&\n");
        }

        @Test
        void crlfDocumentsGiveTheSameTreeAsLfDocuments() {
            String lf = "<domain type='kvm'>\n  <name>vm</name>\n  <devices>\n    <disk/>\n  </devices>\n</domain>\n";
            XmlElement crlf = parse(lf.replace("\n", "\r\n"));
            assertThat(crlf).isEqualTo(parse(lf));
            assertThat(crlf.childCount()).isEqualTo(2);
            assertThat(parse(lf.replace("\n", "\r"))).isEqualTo(parse(lf));
            assertThat(parse("<a>\r\n</a>").text()).isEqualTo("\n");
        }
    }

    @Nested
    class Positions {
        @Test
        void elementsRecordTheirStartTag() {
            XmlElement root = parse("<a>\n  <b/>\n\n      <c\n x='1'/></a>");
            assertThat(root.line()).isEqualTo(1);
            assertThat(root.column()).isEqualTo(1);
            List<XmlElement> children = root.elements();
            assertThat(children.get(0).line()).isEqualTo(2);
            assertThat(children.get(0).column()).isEqualTo(3);
            assertThat(children.get(1).line()).isEqualTo(4);
            assertThat(children.get(1).column()).isEqualTo(7);
        }

        @Test
        void errorsOnMultiLineInputHaveTheirLineAndColumn() {
            String doc = "<a>\n  <b>\n    <c x='1' x='2'/>\n  </b>\n</a>";
            MalformedXmlException e = malformed(doc);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(14);
        }

        @Test
        void errorsWithCrlfLineEndsHaveTheirLineAndColumn() {
            String doc = "<a>\n  <b>\n    <c x='1' x='2'/>\n  </b>\n</a>".replace("\n", "\r\n");
            MalformedXmlException e = malformed(doc);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(14);
            MalformedXmlException late = malformed("<a>\r\n<b>\r\n</c>\r\n</a>");
            assertThat(late.line()).isEqualTo(3);
            assertThat(late.column()).isEqualTo(1);
        }

        @Test
        void errorsWithCarriageReturnLineEndsHaveTheirLineAndColumn() {
            MalformedXmlException e = malformed("<a>\r<b>\r  &bad;</b></a>");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(3);
        }

        @Test
        void elementPositionsWithCrlfLineEnds() {
            XmlElement root = parse("<a>\r\n  <b/>\r\n  <c/>\r\n</a>");
            assertThat(root.elements()).extracting(XmlElement::line).containsExactly(2, 3);
            assertThat(root.elements()).extracting(XmlElement::column).containsExactly(3, 3);
        }

        @Test
        void errorsAfterAnEarlierErrorPathStillCountLines() {
            // a mismatched end tag asks for the line of an earlier offset first
            MalformedXmlException e = malformed("<a>\n<b>\n\n</x>");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.column()).isEqualTo(1);
            assertThat(e.getMessage()).contains("opened at line 2");
        }

        @Test
        void truncationIsReportedAtTheEnd() {
            MalformedXmlException e = malformed("<a>\n  <b>\n  text");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(7);
            assertThat(e.getMessage()).contains("<b>");
        }

        @Test
        void theReasonIsTheMessageWithoutThePosition() {
            MalformedXmlException e = malformed("<a>&x;</a>");
            assertThat(e.getMessage()).isEqualTo("line 1, column 4: " + e.reason());
        }
    }
}
