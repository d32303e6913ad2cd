package io.virtforge.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Differential test against the JDK's parser (namespace-aware, DOCTYPE disallowed): libvirt's domain
 * XML and thousands of seeded mutations of it, as text and as bytes. Both parsers must accept the same
 * documents and, when they do, give the same tree (see {@link JdkXml#signature}). Deterministic: the
 * mutations come from fixed seeds.
 */
class XmlDifferentialTest {
    private static final int TEXT_MUTANTS = 6000;
    private static final int BYTE_MUTANTS = 2500;

    /**
     * Characters to insert. Non-ASCII ones are chosen so that the fifth edition's name characters, which
     * this parser applies, and the fourth edition's, which the JDK applies, classify them alike.
     */
    private static final String[] CHARS = {"<", ">", "&", "\"", "'", ":", ";", "#", "=", "/", "!", "?", "-", "]", "[",
        " ", "\t", "\r", "\n", "x", "1", ".", "_", "\u0001", "\u000B", "\u001F", "\u007F", "\u0085", "\uD800", "\uDC00",
        "\uDBFF", "\uFFFE", "\uFFFF", "\u00E9", "\u4E2D", "\u00B7", "\u0300", "\u037E", "\u00D7", "\u00A0", "\u2028",
        "\uDB80\uDC00", "\uDBFF\uDFFD"};
    /** Pieces of markup to insert. */
    private static final String[] SNIPPETS = {"<![CDATA[x]]>", "<![CDATA[]]>", "]]>", "&#x0000000041;", "&#65;", "&#0;",
        "&#xD800;", "&#x10FFFF;", "&#x110000;", "&#xFFFE;", "&#9;", "&#x;", "&#;", "&lt;", "&foo;", "&", "&#X41;",
        "<!--c-->", "<!--a--b-->", "<!---->", "<!--->", "<?pi data?>", "<?pi?>", "<?pi#x?>", "<?xml x?>", "<?XmL?>",
        "<?a:b c?>", "<p:a/>", "<a:b:c/>", " xmlns:p=''", " xmlns:p='urn:p'", " xmlns=''", " xmlns:xml='urn:x'",
        " xmlns:xmlns='urn:x'", " p:x='1'", " xml:lang='en'", " a='1' a='2'", "<x xmlns:p='u' xmlns:q='u' p:a='1' q:a='2'/>",
        "<!DOCTYPE d>", "<!ELEMENT>", "</>", "< a>", "<a >", "<a/ >", "<a b='<'/>", "<a b=\"'\"/>", "\r\n", "\uFEFF"};
    private static final String[] DECLARATIONS = {"<?xml version='1.0'?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<?xml version='1.0' standalone='yes'?>", "<?xml version='1.0' encoding='utf-8' standalone='no' ?>", "<?xml ?>",
        "<?xml version='2.0'?>", "<?xml version='1.0' standalone='maybe'?>", "<?xml encoding='UTF-8' version='1.0'?>",
        "<?xml version='1.0'encoding='UTF-8'?>", " <?xml version='1.0'?>", "<!-- header -->\n", "<?pi x?>\n"};
    /** Byte sequences that are not UTF-8 (or are, at the edges), for the byte path. */
    private static final byte[][] BYTES = {{(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80},
        {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {(byte) 0xC3, (byte) 0xA9}, {0},
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xEF, (byte) 0xBF, (byte) 0xBE}};
    private static final String[] BYTE_HEADS = {"", "<?xml version='1.0' encoding='UTF-8'?>", "<?xml version='1.0' encoding='ISO-8859-1'?>",
        "<?xml version='1.0' encoding='US-ASCII'?>", "<?xml-stylesheet encoding='ISO-8859-1'?>", "\uFEFF",
        "\uFEFF<?xml version='1.0' encoding='ISO-8859-1'?>"};

    /**
     * Refusals where the JDK is lenient and this parser follows the specifications on purpose: XML 1.1
     * (refused, see {@link XmlDeclaration}); Namespaces in XML's rules that PI targets have no colon and
     * that a name with a colon is prefix:local with both parts present (the JDK lets {@code <:a>} and
     * {@code <?a:b?>} through); and a UTF-8 byte order mark before a declaration of another encoding,
     * which XML 1.0 (4.3.3) makes a fatal error.
     */
    private static final List<String> BY_DESIGN = List.of("(only 1.0)", "processing instruction target may not contain ':'",
            "is not a qualified name", "the byte order mark says UTF-8 but");

    private static List<String> corpus() {
        List<Path> files = new ArrayList<>(Corpus.xmlFiles(Corpus.libvirt("qemuxml2argvdata")));
        Stream.of("qemuxml2xmloutdata", "genericxml2xmlindata", "domainschemadata").forEach(folder -> {
            if (Corpus.root().map(r -> r.resolve(Corpus.libvirt(folder)).toFile().isDirectory()).orElse(false)) {
                files.addAll(Corpus.xmlFiles(Corpus.libvirt(folder)));
            }
        });
        return files.stream().map(Corpus::read).toList();
    }

    /** Counts and the first disagreements of one run. */
    private static final class Tally {
        int tried;
        int bothAccept;
        int bothRefuse;
        int refusedByDesign;
        int fifthEditionNames;
        final List<String> disagreements = new ArrayList<>();

        void print(String what) {
            System.out.printf("%s: tried %d, agreed %d (both accept %d, both refuse %d), refused by design %d, "
                    + "accepted by the fifth edition's name characters (the JDK applies the fourth's) %d, disagreements %d%n",
                    what, tried, bothAccept + bothRefuse, bothAccept, bothRefuse, refusedByDesign, fifthEditionNames,
                    disagreements.size());
            disagreements.stream().limit(20).forEach(d -> System.out.println("  " + d));
        }
    }

    @Test
    void theCorpusAndItsMutationsGetTheJdksVerdictAndTree() {
        List<String> docs = corpus();
        Tally tally = new Tally();
        for (String doc : docs) {
            compareText(doc, tally);
        }
        Random random = new Random(20261205L);
        for (int i = 0; i < TEXT_MUTANTS; i++) {
            compareText(mutate(docs.get(random.nextInt(docs.size())), random), tally);
        }
        tally.print("differential, text: " + docs.size() + " corpus documents and " + TEXT_MUTANTS + " mutations");
        assertThat(tally.bothAccept).as("documents both accept").isGreaterThan(docs.size());
        assertThat(tally.bothRefuse).as("documents both refuse").isGreaterThan(TEXT_MUTANTS / 4);
        assertThat(tally.disagreements).isEmpty();
    }

    @Test
    void byteMutationsGetTheJdksVerdictAndTree() {
        List<String> docs = corpus();
        Tally tally = new Tally();
        Random random = new Random(5122026L);
        for (int i = 0; i < BYTE_MUTANTS; i++) {
            String doc = docs.get(random.nextInt(docs.size()));
            String head = BYTE_HEADS[random.nextInt(BYTE_HEADS.length)];
            byte[] bytes = (head + (random.nextInt(4) == 0 ? mutate(doc, random) : doc)).getBytes(StandardCharsets.UTF_8);
            int n = 1 + random.nextInt(2);
            for (int k = 0; k < n; k++) {
                bytes = insert(bytes, random.nextInt(bytes.length + 1), BYTES[random.nextInt(BYTES.length)]);
            }
            compareBytes(bytes, tally);
        }
        tally.print("differential, bytes: " + BYTE_MUTANTS + " mutations");
        assertThat(tally.bothRefuse).as("documents both refuse").isGreaterThan(BYTE_MUTANTS / 4);
        assertThat(tally.disagreements).isEmpty();
    }

    private static byte[] insert(byte[] b, int at, byte[] piece) {
        byte[] out = new byte[b.length + piece.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(b, at, out, at + piece.length, b.length - at);
        return out;
    }

    /** One to three random edits: insertions of characters or markup, deletions, swaps, truncation. */
    static String mutate(String doc, Random random) {
        StringBuilder sb = new StringBuilder(doc);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = markupBiasedPosition(sb, random);
            switch (random.nextInt(9)) {
                case 0, 1 -> sb.insert(at, CHARS[random.nextInt(CHARS.length)]);
                case 2 -> sb.insert(at, SNIPPETS[random.nextInt(SNIPPETS.length)]);
                case 3 -> sb.deleteCharAt(Math.min(at, sb.length() - 1));
                case 4 -> {
                    int other = random.nextInt(sb.length());
                    int here = Math.min(at, sb.length() - 1);
                    char c = sb.charAt(here);
                    sb.setCharAt(here, sb.charAt(other));
                    sb.setCharAt(other, c);
                }
                case 5 -> sb.setCharAt(Math.min(at, sb.length() - 1), CHARS[random.nextInt(CHARS.length)].charAt(0));
                case 6 -> sb.setLength(random.nextInt(sb.length()));
                case 7 -> sb.insert(0, DECLARATIONS[random.nextInt(DECLARATIONS.length)]);
                default -> sb.append(random.nextBoolean() ? "<!-- trailer -->" : SNIPPETS[random.nextInt(SNIPPETS.length)]);
            }
        }
        return sb.toString();
    }

    /** Half the edits land next to markup characters, where they matter most. */
    private static int markupBiasedPosition(StringBuilder sb, Random random) {
        int at = random.nextInt(sb.length() + 1);
        if (random.nextBoolean()) {
            for (int p = at; p < sb.length(); p++) {
                char c = sb.charAt(p);
                if (c == '<' || c == '>' || c == '=' || c == '\'' || c == '"' || c == '&') {
                    return p + random.nextInt(2);
                }
            }
        }
        return at;
    }

    private static void compareText(String doc, Tally tally) {
        XmlDocument sdk = null;
        XmlException refusal = null;
        try {
            sdk = XmlParser.defaults().parseDocument(doc);
        } catch (XmlException e) {
            refusal = e;
        }
        record(sdk, refusal, JdkXml.parse(doc), doc, tally);
    }

    private static void compareBytes(byte[] bytes, Tally tally) {
        XmlDocument sdk = null;
        XmlException refusal = null;
        try {
            sdk = XmlParser.defaults().parseDocument(new ByteArrayInputStream(bytes));
        } catch (XmlException e) {
            refusal = e;
        }
        record(sdk, refusal, JdkXml.parse(bytes), new String(bytes, StandardCharsets.ISO_8859_1), tally);
    }

    private static void record(XmlDocument sdk, XmlException refusal, Document jdk, String input, Tally tally) {
        tally.tried++;
        if (sdk == null && jdk == null) {
            tally.bothRefuse++;
        } else if (sdk != null && jdk != null) {
            String mine = JdkXml.signature(sdk);
            String theirs = JdkXml.signature(jdk);
            if (mine.equals(theirs)) {
                tally.bothAccept++;
            } else {
                tally.disagreements.add("trees differ for " + excerpt(input) + "\n    sdk " + excerpt(mine) + "\n    jdk " + excerpt(theirs));
            }
        } else if (sdk == null && BY_DESIGN.stream().anyMatch(refusal.reason()::contains)) {
            tally.refusedByDesign++;
        } else if (sdk != null && usesNewNameCharacters(sdk.root())) {
            tally.fifthEditionNames++;
        } else {
            tally.disagreements.add((sdk == null ? "SDK refuses (" + refusal.getMessage() + ")" : "SDK accepts")
                    + ", JDK " + (jdk == null ? "refuses (" + JdkXml.lastError() + ")" : "accepts") + ": " + excerpt(input));
        }
    }

    /** Non-ASCII characters the fourth and fifth editions both allow in names (the corpus's own names are ASCII). */
    private static final String NAME_CHARS_OF_BOTH_EDITIONS = "\u00E9\u4E2D\u00B7\u0300";

    /**
     * True when a name in the tree holds a non-ASCII character other than those both editions allow:
     * the fifth edition, which this parser applies, made most of Unicode (U+FEFF, U+1F600...) name
     * characters; the JDK still applies the fourth edition's tables and refuses them.
     */
    private static boolean usesNewNameCharacters(XmlElement e) {
        java.util.ArrayDeque<XmlElement> todo = new java.util.ArrayDeque<>(List.of(e));
        while (!todo.isEmpty()) {
            XmlElement x = todo.pop();
            List<String> names = new ArrayList<>(List.of(x.name()));
            x.attributes().forEach(a -> names.add(a.name()));
            for (String n : names) {
                if (n.chars().anyMatch(c -> c >= 0x80 && NAME_CHARS_OF_BOTH_EDITIONS.indexOf(c) < 0)) {
                    return true;
                }
            }
            todo.addAll(x.elements());
        }
        return false;
    }

    private static String excerpt(String s) {
        String e = s.length() > 300 ? s.substring(0, 300) + "..." : s;
        StringBuilder sb = new StringBuilder();
        e.chars().forEach(c -> sb.append(c < 0x20 || c >= 0x7F ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return sb.toString();
    }
}
