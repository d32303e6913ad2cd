package io.virtforge.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class XmlWriterTest {
    private static XmlElement parse(String xml) {
        return XmlParser.defaults().parse(xml);
    }

    @Test
    void writesAsLibvirtFormats() {
        XmlElement e = XmlElement.builder("domain").attribute("type", "kvm")
                .add(XmlElement.builder("name").text("vm").build())
                .add(XmlElement.builder("devices")
                        .add(XmlElement.builder("disk").attribute("type", "file").attribute("device", "disk").build())
                        .build())
                .build();
        assertThat(XmlWriter.toXml(e)).isEqualTo("""
                <domain type='kvm'>
                  <name>vm</name>
                  <devices>
                    <disk type='file' device='disk'/>
                  </devices>
                </domain>
                """);
        assertThat(e.toString()).isEqualTo(XmlWriter.toXml(e));
    }

    @Test
    void allWriteMethodsAgree() {
        XmlElement e = parse("<a x='1'><b>t</b><!--c--></a>");
        StringBuilder sb = new StringBuilder("prefix:");
        XmlWriter.write(e, sb);
        StringWriter w = new StringWriter();
        XmlWriter.write(e, w);
        assertThat(sb.toString()).isEqualTo("prefix:" + XmlWriter.toXml(e));
        assertThat(w.toString()).isEqualTo(XmlWriter.toXml(e));
    }

    @Test
    void attributeValuesAreEscapedSoThatTheyReadBackUnchanged() {
        String value = "a<b>c&d'e\"f\ng\th\ri  j&amp;k\u00e9\uD83D\uDE00";
        XmlElement e = XmlElement.builder("a").attribute("v", value).build();
        String xml = XmlWriter.toXml(e);
        assertThat(xml).isEqualTo("<a v='a&lt;b>c&amp;d&apos;e\"f&#10;g&#9;h&#13;i  j&amp;amp;k\u00e9\uD83D\uDE00'/>\n");
        assertThat(parse(xml)).isEqualTo(e);
        assertThat(parse(xml).attribute("v")).hasValue(value);
    }

    @Test
    void textIsEscapedSoThatItReadsBackUnchanged() {
        String text = "a<b>c&d'e\"f\ng\th\r\ni ]]> &lt;";
        XmlElement e = XmlElement.builder("a").text(text).build();
        String xml = XmlWriter.toXml(e);
        assertThat(xml).isEqualTo("<a>a&lt;b&gt;c&amp;d'e\"f\ng\th&#13;\ni ]]&gt; &amp;lt;</a>\n");
        assertThat(parse(xml).text()).isEqualTo(text);
    }

    @Test
    void mixedContentIsWrittenInlineUnchanged() {
        String mixed = "<description>Hello <b>big</b>, <i>wide <u>world</u></i>!\n  second line</description>";
        XmlElement e = parse("<domain>\n  " + mixed + "\n</domain>");
        assertThat(XmlWriter.toXml(e)).isEqualTo("<domain>\n  " + mixed + "\n</domain>\n");
        assertThat(parse(XmlWriter.toXml(e))).isEqualTo(e);
    }

    @Test
    void whitespaceOnlyTextBetweenTwoElementsIsFormattingEvenInMixedContent() {
        // the parser's documented normalisation: such text is not kept, so the writer cannot restore it
        XmlElement e = parse("<p>Hello <b>big</b> <i>world</i></p>");
        assertThat(XmlWriter.toXml(e)).isEqualTo("<p>Hello <b>big</b><i>world</i></p>\n");
    }

    @Test
    void anElementWhoseContentIsWhitespaceKeepsItExactly() {
        XmlElement e = parse("<a><b>  \n </b></a>");
        assertThat(XmlWriter.toXml(e)).isEqualTo("<a>\n  <b>  \n </b>\n</a>\n");
    }

    @Test
    void commentsAndProcessingInstructionsAreWrittenOnTheirOwnLines() {
        XmlElement e = parse("<a><!-- note --><?pi data?><?empty?><b/></a>");
        assertThat(XmlWriter.toXml(e)).isEqualTo("<a>\n  <!-- note -->\n  <?pi data?>\n  <?empty?>\n  <b/>\n</a>\n");
        assertThat(parse(XmlWriter.toXml(e))).isEqualTo(e);
    }

    @Test
    void commentsInMixedContentStayInline() {
        XmlElement e = parse("<a>x<!--c-->y<?p d?></a>");
        assertThat(XmlWriter.toXml(e)).isEqualTo("<a>x<!--c-->y<?p d?></a>\n");
    }

    @Test
    void namespacedContentIsKeptAsWritten() {
        String xml = "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>\n"
                + "  <qemu:commandline>\n    <qemu:arg value='-newarg'/>\n  </qemu:commandline>\n</domain>\n";
        assertThat(XmlWriter.toXml(parse(xml))).isEqualTo(xml);
    }

    @Test
    void writingIsIdempotentThroughParsing() {
        String messy = "<?xml version='1.0'?>\r\n<!-- top -->\r\n<domain   type=\"kvm\"\r\n  id = '1'>"
                + "<name>x</name>\t<memory unit=\"KiB\">1024</memory><devices><disk><source file=\"/a&amp;b\"/></disk>"
                + "\r\n</devices>\r\n<metadata><![CDATA[<raw>]]></metadata></domain>\r\n";
        String once = XmlWriter.toXml(parse(messy));
        assertThat(parse(once)).isEqualTo(parse(messy));
        assertThat(XmlWriter.toXml(parse(once))).isEqualTo(once);
        assertThat(once).doesNotContain("\r").doesNotContain("<?xml").doesNotContain("top");
    }
}
