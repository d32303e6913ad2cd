package io.virtforge.xml;

import io.virtforge.model.DomainXml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.virtforge.model.Domain;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile input through the domain codec: it must refuse, quickly, with a typed error, reading nothing else. */
class HostileXmlTest {
    private static final DomainXml CODEC = DomainXml.defaults();

    /** A small valid domain, with typed values of each kind the model checks. */
    static final String DOMAIN = """
            <domain type='kvm'>
              <name>vm1</name>
              <memory unit='KiB'>1048576</memory>
              <vcpu placement='static'>2</vcpu>
              <cputune>
                <vcpupin vcpu='0' cpuset='2'/>
                <vcpupin vcpu='1' cpuset='3-4'/>
              </cputune>
              <os>
                <type arch='x86_64' machine='q35'>hvm</type>
              </os>
              <devices>
                <hostdev mode='subsystem' type='pci' managed='yes'>
                  <source>
                    <address domain='0x0000' bus='0x3b' slot='0x00' function='0x0'/>
                  </source>
                </hostdev>
                <interface type='network'>
                  <mac address='52:54:00:35:f5:54'/>
                  <source network='default'/>
                </interface>
              </devices>
            </domain>
            """;

    @Test
    void theBaseDocumentIsValid() {
        Domain d = CODEC.parse(DOMAIN);
        assertThat(d.memory()).isPresent();
        assertThat(CODEC.parse(CODEC.write(d)).xml()).isEqualTo(d.xml());
    }

    // ---- DTDs and entities

    @Test
    void billionLaughsIsRefused() {
        StringBuilder dtd = new StringBuilder("<?xml version='1.0'?>\n<!DOCTYPE domain [\n  <!ENTITY lol0 'lol'>\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append("  <!ENTITY lol").append(i).append(" '").append(("&lol" + (i - 1) + ";").repeat(10)).append("'>\n");
        }
        String xml = dtd + "]>\n<domain type='kvm'><name>&lol9;</name></domain>";
        XmlSecurityException e = catchThrowableOfType(XmlSecurityException.class, () -> CODEC.parse(xml));
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.getMessage()).doesNotContain("lollol");
    }

    @Test
    void anExternalEntityIsRefusedAndTheFileIsNeverRead(@TempDir Path dir) throws Exception {
        String canary = "CANARY-" + UUID.randomUUID();
        Path secret = Files.writeString(dir.resolve("secret.txt"), canary);
        String xml = "<?xml version='1.0'?>\n<!DOCTYPE domain [ <!ENTITY xxe SYSTEM '" + secret.toUri() + "'> ]>\n"
                + "<domain type='kvm'><name>&xxe;</name><description>&xxe;</description></domain>";
        Throwable t = catchThrowable(() -> CODEC.parse(xml));
        assertThat(t).isInstanceOf(XmlSecurityException.class);
        assertThat(t.getMessage()).doesNotContain(canary);
        assertThat(String.valueOf(t.getCause())).doesNotContain(canary);
        for (StackTraceElement s : t.getStackTrace()) {
            assertThat(s.toString()).doesNotContain(canary);
        }
        // and through the stream and reader entry points too
        Throwable s = catchThrowable(() -> CODEC.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        assertThat(s).isInstanceOf(XmlSecurityException.class);
        assertThat(s.getMessage()).doesNotContain(canary);
        assertThat(catchThrowable(() -> CODEC.parse(new java.io.StringReader(xml)))).isInstanceOf(XmlSecurityException.class);
        assertThat(catchThrowable(() -> CODEC.inspect(xml))).isInstanceOf(XmlSecurityException.class);
        assertThat(catchThrowable(() -> CODEC.parseDevice("<!DOCTYPE d [<!ENTITY x SYSTEM '" + secret.toUri()
                + "'>]><disk>&x;</disk>"))).isInstanceOf(XmlSecurityException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<!DOCTYPE domain SYSTEM 'file:///etc/passwd'><domain type='kvm'/>",
        "<!DOCTYPE domain SYSTEM 'http://127.0.0.1:1/evil.dtd'><domain type='kvm'/>",
        "<!DOCTYPE domain PUBLIC '-//EVIL//DTD//EN' 'http://127.0.0.1:1/evil.dtd'><domain type='kvm'/>",
        "<!DOCTYPE domain [ <!ENTITY % p SYSTEM 'http://127.0.0.1:1/p.dtd'> %p; ]><domain type='kvm'/>",
        "<!DOCTYPE domain [ <!ENTITY % p SYSTEM 'file:///etc/hostname'> <!ENTITY % q \"<!ENTITY x '%p;'>\"> %q; ]>"
            + "<domain type='kvm'><name>&x;</name></domain>",
        "<!DOCTYPE domain><domain type='kvm'/>",
        "<!doctype domain><domain type='kvm'/>",
        "<?xml version='1.0'?><!-- c --><!DOCTYPE domain><domain type='kvm'/>",
        "\uFEFF<!DOCTYPE domain><domain type='kvm'/>",
    })
    void anyDoctypeIsRefused(String xml) {
        assertThatThrownBy(() -> CODEC.parse(xml)).isInstanceOf(XmlSecurityException.class);
    }

    @Test
    void anUndeclaredEntityWithoutADoctypeIsMalformed() {
        MalformedXmlException e = catchThrowableOfType(MalformedXmlException.class,
                () -> CODEC.parse("<domain type='kvm'>\n  <name>&xxe;</name>\n</domain>"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(9);
    }

    // ---- size

    /** An endless document, made on demand: a domain whose name never ends. Counts what is read. */
    static final class EndlessDocument extends InputStream {
        private final byte[] head = "<domain type='kvm'><name>".getBytes(StandardCharsets.US_ASCII);
        private final long length;
        long read;

        EndlessDocument(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            if (read >= length) {
                return -1;
            }
            return read < head.length ? head[(int) read++] : 'a' + (int) (read++ % 26);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - read);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }

    private static final long HUNDRED_MB = 100L * 1000 * 1000;
    private static final int ONE_BUFFER = 64 * 1024; // generous: the parser reads 8 KiB at a time

    @Test
    void aHundredMegabyteStreamIsRefusedSoonAfterTheLimit() {
        EndlessDocument in = new EndlessDocument(HUNDRED_MB);
        assertThatThrownBy(() -> CODEC.parse(in)).isInstanceOf(XmlSecurityException.class);
        long byteLimit = 4L * XmlLimits.DEFAULT.maxChars(); // at most 4 bytes per character
        assertThat(in.read).isGreaterThan(XmlLimits.DEFAULT.maxChars()).isLessThanOrEqualTo(byteLimit + ONE_BUFFER);
    }

    @Test
    void aSmallerLimitStopsReadingSooner() {
        int maxChars = 100_000;
        EndlessDocument in = new EndlessDocument(HUNDRED_MB);
        assertThatThrownBy(() -> DomainXml.withLimits(XmlLimits.DEFAULT.withMaxChars(maxChars)).parse(in))
                .isInstanceOf(XmlSecurityException.class);
        assertThat(in.read).isLessThanOrEqualTo(4L * maxChars + ONE_BUFFER);
    }

    @Test
    void aHundredMegabyteReaderIsRefusedSoonAfterTheLimit() {
        EndlessDocument bytes = new EndlessDocument(HUNDRED_MB);
        java.io.Reader reader = new java.io.InputStreamReader(bytes, StandardCharsets.US_ASCII);
        int maxChars = 1_000_000;
        assertThatThrownBy(() -> DomainXml.withLimits(XmlLimits.DEFAULT.withMaxChars(maxChars)).parse(reader))
                .isInstanceOf(XmlSecurityException.class);
        assertThat(bytes.read).isLessThanOrEqualTo(2L * maxChars + ONE_BUFFER);
    }

    @Test
    void aDocumentWithinTheLimitIsRead() {
        byte[] doc = DOMAIN.getBytes(StandardCharsets.UTF_8);
        Domain d = DomainXml.withLimits(XmlLimits.DEFAULT.withMaxChars(DOMAIN.length())).parse(new ByteArrayInputStream(doc));
        assertThat(d.xml()).isEqualTo(CODEC.parse(DOMAIN).xml());
        assertThatThrownBy(() -> DomainXml.withLimits(XmlLimits.DEFAULT.withMaxChars(DOMAIN.length() - 1)).parse(DOMAIN))
                .isInstanceOf(XmlSecurityException.class);
    }

    @Test
    void deepNestingAndManyAttributesAreRefused() {
        String deep = "<domain type='kvm'><metadata>" + "<x>".repeat(300) + "</x>".repeat(300) + "</metadata></domain>";
        assertThatThrownBy(() -> CODEC.parse(deep)).isInstanceOf(XmlSecurityException.class);
        StringBuilder attrs = new StringBuilder("<domain type='kvm'");
        for (int i = 0; i < 300; i++) {
            attrs.append(" a").append(i).append("='x'");
        }
        String many = attrs.append("/>").toString();
        assertThatThrownBy(() -> CODEC.parse(many)).isInstanceOf(XmlSecurityException.class);
    }

    // ---- truncation

    @Test
    void everyTruncationIsMalformedAndNeverAResult() {
        for (int cut = 0; cut < DOMAIN.stripTrailing().length(); cut++) {
            String prefix = DOMAIN.substring(0, cut);
            Throwable t = catchThrowable(() -> CODEC.parse(prefix));
            assertThat(t).as("document cut at %d: ...%s", cut, prefix.substring(Math.max(0, cut - 20)))
                    .isInstanceOf(MalformedXmlException.class);
            XmlException x = (XmlException) t;
            assertThat(x.line()).as("line of the error at cut %d", cut).isPositive();
        }
    }

    @Test
    void truncationIsReportedAtTheEndOfTheInput() {
        String prefix = DOMAIN.substring(0, DOMAIN.indexOf("<os>"));
        MalformedXmlException e = catchThrowableOfType(MalformedXmlException.class, () -> CODEC.parse(prefix));
        assertThat(e.line()).isEqualTo(prefix.split("\n", -1).length);
        assertThat(e.getMessage()).contains("<domain>");
    }

    // ---- well-formed but not a domain

    @Test
    void theWrongRootElementNamesTheExpectedRoot() {
        XmlModelException e = catchThrowableOfType(XmlModelException.class,
                () -> CODEC.parse("<network>\n  <name>default</name>\n</network>"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("<domain>").contains("<network>");
        assertThat(e.path()).isEqualTo("/network");
        assertThat(e.line()).isEqualTo(1);
    }

    private static XmlModelException modelError(String from, String to) {
        assertThat(DOMAIN).contains(from);
        String xml = DOMAIN.replace(from, to);
        XmlModelException e = catchThrowableOfType(XmlModelException.class, () -> CODEC.parse(xml));
        assertThat(e).as("must be rejected: %s", to).isNotNull();
        return e;
    }

    private static int lineOf(String needle) {
        return DOMAIN.substring(0, DOMAIN.indexOf(needle)).split("\n", -1).length;
    }

    @Test
    void memoryBeyond8EiBIsAnOverflowNotAWrap() {
        XmlModelException e = modelError(">1048576<", ">99999999999999999999<");
        assertThat(e.path()).startsWith("/domain/memory");
        assertThat(e.line()).isEqualTo(lineOf("<memory"));
        assertThat(e.getCause()).isNotNull();
        XmlModelException scaled = modelError("<memory unit='KiB'>1048576<", "<memory unit='EiB'>8<");
        assertThat(scaled.path()).startsWith("/domain/memory");
        XmlModelException unit = modelError("<memory unit='KiB'>", "<memory unit='KiBytes'>");
        assertThat(unit.path()).isEqualTo("/domain/memory/@unit");
    }

    @Test
    void aVcpupinCpusetOutOfRangeNamesTheAttribute() {
        XmlModelException e = modelError("cpuset='3-4'", "cpuset='0-99999'");
        assertThat(e.path()).contains("/domain/cputune/vcpupin").contains("@cpuset");
        assertThat(e.path()).isEqualTo("/domain/cputune/vcpupin[2]/@cpuset");
        assertThat(e.line()).isEqualTo(lineOf("<vcpupin vcpu='1'"));
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.getMessage()).contains("0-99999");
    }

    @Test
    void aNegativeVcpuCountIsRejected() {
        XmlModelException e = modelError(">2</vcpu>", ">-1</vcpu>");
        assertThat(e.path()).startsWith("/domain/vcpu");
        assertThat(e.line()).isEqualTo(lineOf("<vcpu"));
    }

    @Test
    void aPciSlotOutOfRangeNamesTheAddress() {
        XmlModelException e = modelError("slot='0x00'", "slot='0x20'");
        assertThat(e.path()).contains("/domain/devices/hostdev/source/address").contains("@slot");
        assertThat(e.line()).isEqualTo(lineOf("<address"));
        XmlModelException domain = modelError("domain='0x0000'", "domain='0xffffffff'");
        assertThat(domain.path()).contains("/domain/devices/hostdev/source/address");
    }

    @Test
    void aMalformedMacAddressIsRejected() {
        XmlModelException e = modelError("52:54:00:35:f5:54", "52:54:00:35:f5:5g");
        assertThat(e.path()).contains("/domain/devices/interface/mac");
        assertThat(e.line()).isEqualTo(lineOf("<mac"));
    }

    // ---- garbage

    /** Parses, and lets only a result or an XML exception out. */
    private static void parseOrXmlException(byte[] bytes) {
        try {
            Domain d = CODEC.parse(new ByteArrayInputStream(bytes));
            assertThat(d).isNotNull();
            CODEC.write(d); // what was accepted can be written
        } catch (XmlException expected) {
            assertThat(expected.getMessage()).isNotNull();
        }
    }

    private static void parseOrXmlException(String xml) {
        try {
            Domain d = CODEC.parse(xml);
            assertThat(d).isNotNull();
            assertThat(CODEC.parse(CODEC.write(d)).xml()).isEqualTo(d.xml());
            Statistics.label("outcome").collect("Domain");
        } catch (XmlException expected) {
            assertThat(expected.getMessage()).isNotNull();
            Statistics.label("outcome").collect(expected.getClass().getSimpleName());
        }
        try {
            CODEC.inspect(xml);
        } catch (XmlException expected) {
            assertThat(expected.getMessage()).isNotNull();
        }
    }

    @Property(tries = 2000)
    void randomBytesGiveADomainOrAnXmlException(@ForAll("garbage") byte[] bytes) {
        parseOrXmlException(bytes);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> withHeader = raw.map(b -> {
            byte[] head = "<?xml version='1.0' encoding='UTF-16'?>".getBytes(StandardCharsets.US_ASCII);
            byte[] r = new byte[head.length + b.length];
            System.arraycopy(head, 0, r, 0, head.length);
            System.arraycopy(b, 0, r, head.length, b.length);
            return r;
        });
        Arbitrary<byte[]> withBom = raw.map(b -> {
            byte[] r = new byte[b.length + 2];
            r[0] = (byte) 0xFE;
            r[1] = (byte) 0xFF;
            System.arraycopy(b, 0, r, 2, b.length);
            return r;
        });
        Arbitrary<byte[]> mutatedBytes = mutations().map(s -> s.getBytes(StandardCharsets.UTF_8)).map(b -> b)
                .flatMap(b -> Arbitraries.integers().between(0, b.length - 1).list().ofMaxSize(5).map(idx -> {
                    byte[] r = b.clone();
                    for (int i : idx) {
                        r[i] = (byte) (r[i] ^ (1 << (i % 8)));
                    }
                    return r;
                }));
        return Arbitraries.frequencyOf(Tuple.of(3, raw), Tuple.of(1, withHeader), Tuple.of(1, withBom),
                Tuple.of(3, mutatedBytes));
    }

    @Property(tries = 3000)
    void mutatedDocumentsGiveADomainOrAnXmlException(@ForAll("mutations") String xml) {
        parseOrXmlException(xml);
    }

    /** Tokens that make typed values wrong in interesting ways, and markup fragments. */
    private static final String[] TOKENS = {"", "-1", "0", "+1", "99999999999999999999", "9223372036854775808", "0x20",
        "0x", "0xffffffff", "08", "abc", " ", "1.5", "\uff11", "\u0663", "0-99999", "^2-3", "3-1", "1,", ",", "^", "yes",
        "on", "maybe", "KiB", "EiB", "bytes", "kib", "x", "'", "\"", "<", ">", "&", "&amp;", "&#0;", "&#x1F600;", "/>",
        "</domain>", "<domain>", "<!--", "-->", "<![CDATA[", "]]>", "<?pi?>", "=", "\n", "\t", "\u0000", "\uFFFE",
        "<vcpupin vcpu='0' cpuset='1'/>", "<address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x7'/>",
        "<memory unit='GiB'>16</memory>", "<vcpu>4</vcpu>", "<page size='2048' unit='KiB' nodeset='0'/>",
        "<cell id='0' cpus='0-3' memory='1' unit='GiB'/>", "<numatune><memory mode='strict' nodeset='0-1'/></numatune>",
        "<memoryBacking><hugepages><page size='1' unit='G'/></hugepages></memoryBacking>", "<emulatorpin cpuset='0'/>",
        "<iothreadpin iothread='1' cpuset='1'/>", "<vcpusched vcpus='0' scheduler='fifo' priority='1'/>",
        "<topology sockets='1' cores='2' threads='1'/>", "<disk type='file'><target dev='vda'/></disk>",
        "<mac address='52:54:00:00:00:01'/>", "<controller type='pci' index='0' model='pcie-root'/>"};

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<int[]> span = Combinators.combine(Arbitraries.integers().between(0, DOMAIN.length()),
                Arbitraries.integers().between(0, 20)).as((at, len) -> new int[] {at, Math.min(DOMAIN.length(), at + len)});
        Arbitrary<Mutation> replace = Combinators.combine(span, Arbitraries.of(TOKENS))
                .as((s, token) -> doc -> splice(doc, s[0], s[1], token));
        Arbitrary<Mutation> replaceValue = Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.of(TOKENS))
                .as((n, token) -> doc -> replaceNthValue(doc, n, token));
        Arbitrary<Mutation> replaceText = Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.of(TOKENS))
                .as((n, token) -> doc -> replaceNthText(doc, n, token));
        Arbitrary<Mutation> duplicate = span.map(s -> doc -> splice(doc, s[1], s[1], DOMAIN.substring(s[0], s[1])));
        Arbitrary<Mutation> one = Arbitraries.frequencyOf(Tuple.of(2, replace), Tuple.of(4, replaceValue),
                Tuple.of(2, replaceText), Tuple.of(1, duplicate));
        return one.list().ofMinSize(1).ofMaxSize(4).map(ms -> {
            String doc = DOMAIN;
            for (Mutation m : ms) {
                doc = m.apply(doc);
            }
            return doc;
        });
    }

    interface Mutation {
        String apply(String doc);
    }

    private static String splice(String doc, int from, int to, String token) {
        int a = Math.min(from, doc.length());
        int b = Math.max(a, Math.min(to, doc.length()));
        return doc.substring(0, a) + token + doc.substring(b);
    }

    /** Replaces the value of the n-th attribute (counting quotes after '='), wrapping around. */
    private static String replaceNthValue(String doc, int n, String token) {
        int count = 0;
        for (int i = doc.indexOf("='"); i >= 0; i = doc.indexOf("='", i + 1)) {
            count++;
        }
        if (count == 0) {
            return doc;
        }
        int at = -1;
        for (int k = 0; k <= n % count; k++) {
            at = doc.indexOf("='", at + 1);
        }
        int end = doc.indexOf('\'', at + 2);
        return end < 0 ? doc : doc.substring(0, at + 2) + escape(token) + doc.substring(end);
    }

    /** Replaces the n-th text content ({@code >text<} with no markup inside), wrapping around. */
    private static String replaceNthText(String doc, int n, String token) {
        java.util.List<int[]> spans = new java.util.ArrayList<>();
        for (int i = doc.indexOf('>'); i >= 0; i = doc.indexOf('>', i + 1)) {
            int lt = doc.indexOf('<', i);
            if (lt > i + 1 && !doc.substring(i + 1, lt).isBlank()) {
                spans.add(new int[] {i + 1, lt});
            }
        }
        if (spans.isEmpty()) {
            return doc;
        }
        int[] s = spans.get(n % spans.size());
        return doc.substring(0, s[0]) + escape(token) + doc.substring(s[1]);
    }

    /** The token as well-formed character data (forbidden characters stay, to be refused), so that the model sees it. */
    private static String escape(String token) {
        return token.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;");
    }
}
