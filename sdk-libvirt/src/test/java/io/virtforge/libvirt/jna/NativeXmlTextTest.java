package io.virtforge.libvirt.jna;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import io.virtforge.xml.XmlDocument;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/** The native copy of a document is the JDK's UTF-8 of the writer's text, NUL-terminated, whatever its size. */
class NativeXmlTextTest {

    private static XmlDocument document(String text, String attribute) {
        return XmlDocument.of(XmlElement.builder("domain").attribute("a", attribute)
                .add(XmlElement.builder("description").text(text).build()).build());
    }

    /** The C string at {@code p}: bytes up to the first NUL, and the NUL. */
    private static byte[] cString(Pointer p) {
        int n = 0;
        while (p.getByte(n) != 0) {
            n++;
        }
        return p.getByteArray(0, n);
    }

    private static byte[] jdkUtf8(XmlDocument doc) {
        return XmlWriter.toXml(doc).getBytes(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<String> xmlText() {
        // every code point XML allows, astral ones as surrogate pairs; the ranges weighted alike
        Arbitrary<Integer> cp = Arbitraries.oneOf(Arbitraries.integers().between(0x20, 0x7F),
                Arbitraries.integers().between(0x80, 0x7FF), Arbitraries.integers().between(0x800, 0xD7FF),
                Arbitraries.integers().between(0xE000, 0xFFFD), Arbitraries.integers().between(0x10000, 0x10FFFF),
                Arbitraries.of(0x9, 0xA, 0xD));
        return cp.list().ofMaxSize(200).map(l -> {
            StringBuilder sb = new StringBuilder();
            l.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    @Property(tries = 2000)
    void isTheJdksUtf8OfTheWritersText(@ForAll("xmlText") String text, @ForAll("xmlText") String attribute) {
        XmlDocument doc = document(text, attribute);
        assertThat(NativeXmlText.with(doc, NativeXmlTextTest::cString)).isEqualTo(jdkUtf8(doc));
    }

    @Example
    void aDocumentWrittenDuringACallGetsItsOwnBuffer() {
        XmlDocument outer = document("outer é", "1");
        XmlDocument inner = document("inner 中文", "2");
        byte[][] seen = NativeXmlText.with(outer, p -> new byte[][] {
            NativeXmlText.with(inner, NativeXmlTextTest::cString), cString(p)});
        assertThat(seen[0]).isEqualTo(jdkUtf8(inner));
        assertThat(seen[1]).as("the outer text after the inner call").isEqualTo(jdkUtf8(outer));
    }

    @Example
    void documentsLargerThanTheKeptBufferAndSmallOnesAfter() {
        char[] big = new char[700_000];
        Arrays.fill(big, 'é'); // 1.4 MB of UTF-8: past what a thread keeps
        XmlDocument large = document(new String(big), "x");
        assertThat(NativeXmlText.with(large, NativeXmlTextTest::cString)).isEqualTo(jdkUtf8(large));
        XmlDocument small = document("after", "y");
        assertThat(NativeXmlText.with(small, NativeXmlTextTest::cString)).isEqualTo(jdkUtf8(small));
    }
}
