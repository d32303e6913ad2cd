package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.GuestSupport;
import io.virtforge.connect.VirtDomain;
import io.virtforge.connect.VirtException;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainType;
import io.virtforge.model.DomainXml;
import io.virtforge.testing.Corpus;
import io.virtforge.testing.CorpusTally;
import io.virtforge.testing.LibvirtCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The fake's define against the QEMU driver's, document by document (issue 19): for every file of each libvirt
 * corpus's {@code tests/qemuxml2argvdata}, {@code qemu:///system} (the tests' private libvirtd, QEMU 7.2) defines
 * it or refuses it, and the fake, offering the same guests (domain types and machine types read from the
 * daemon), must do the same. The counts, and every disagreement with both answers, are written to
 * {@code target/fake-define-differential-libvirt-VERSION.txt}.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class FakeDefineDifferentialIT {
    private static final DomainXml XML = DomainXml.defaults();
    private static final String FOLDER = "qemuxml2argvdata";

    @TestFactory
    Stream<DynamicNode> theFakeDefinesWhatQemuDefinesAndRefusesWhatItRefuses() {
        return CorpusTally.perCorpus(corpus -> Stream.of(DynamicTest.dynamicTest(FOLDER, () -> compare(corpus))));
    }

    /** What one side said of one document: accepted (with the definition kept), or refused with libvirt's code and message. */
    record Answer(boolean accepted, String why, String kept) {
        static Answer ok(String kept) {
            return new Answer(true, "", kept);
        }

        static Answer refused(String why) {
            return new Answer(false, why.replaceAll("\\s+", " "), "");
        }

        @Override
        public String toString() {
            return accepted ? "defined" : "refused: " + why;
        }
    }

    private void compare(LibvirtCorpus corpus) throws Exception {
        Hosts.assumeTestLibvirtd();
        Hosts.assumeRoot();
        String uri = Hosts.qemuUri();
        List<Path> files = corpus.xmlFiles(FOLDER);
        Map<String, String> disagreements = new TreeMap<>();
        List<String> elementDifferences = new ArrayList<>();
        Map<String, Integer> refusedByQemu = new TreeMap<>();
        int agree = 0;
        int bothAccept = 0;
        Connect raw = Hosts.quiet(new Connect(uri));
        try (LibvirtConnection real = LibvirtConnection.open(uri); FakeVirtConnection fake = mirror(real)) {
            for (Path file : files) {
                String text = Corpus.read(file);
                Answer qemu = qemuDefine(raw, text);
                Answer ours = fakeDefine(fake, text);
                if (!qemu.accepted()) {
                    refusedByQemu.merge(firstWords(qemu.why()), 1, Integer::sum);
                }
                String key = corpus.name() + "/" + FOLDER + "/" + file.getFileName();
                if (qemu.accepted() == ours.accepted()) {
                    agree++;
                    bothAccept += qemu.accepted() ? 1 : 0;
                    if (qemu.accepted()) {
                        keptDifferently(text, qemu.kept(), ours.kept()).ifPresent(d -> elementDifferences.add(key + ": " + d));
                    }
                } else {
                    disagreements.put(key, (qemu.accepted() ? "QEMU defines it, the fake refuses: " + ours.why()
                            : "QEMU refuses it (" + qemu.why() + "), the fake defines it"));
                }
            }
        } finally {
            raw.close();
        }
        String summary = "fake define vs " + uri + " over " + corpus.name() + "/tests/" + FOLDER + ": " + files.size()
                + " files, " + agree + " agree (" + bothAccept + " defined by both, " + (agree - bothAccept)
                + " refused by both), " + disagreements.size() + " disagree";
        StringBuilder report = new StringBuilder(summary).append("\n\nrefused by QEMU, by message:\n");
        refusedByQemu.forEach((m, n) -> report.append("  ").append(n).append(" x ").append(m).append('\n'));
        report.append("\ndisagreements:\n");
        disagreements.forEach((k, v) -> report.append(k).append("\t").append(v).append('\n'));
        report.append("\nelements kept differently:\n").append(String.join("\n", elementDifferences)).append('\n');
        write(corpus, report.toString());
        System.out.println(summary + "; elements kept differently in " + elementDifferences.size());
        Map<String, String> known = KnownDifferences.of(corpus.name());
        assertThat(disagreements.keySet()).as("%s; every disagreement not in %s:", summary, KnownDifferences.FILE)
                .containsExactlyInAnyOrderElementsOf(known.keySet());
        assertThat(elementDifferences).as("elements under <domain> and <devices> kept by one side only").isEmpty();
    }

    /** A fake host that offers the guests the daemon offers, so that machine and type checks can agree. */
    private static FakeVirtConnection mirror(LibvirtConnection real) {
        FakeVirtConnection.Builder b = FakeVirtConnection.builder(real.topology()).uri("fake:///differential")
                .withoutDomainType(DomainType.KVM).withoutDomainType(DomainType.QEMU);
        for (String arch : ARCHES) {
            for (DomainType type : List.of(DomainType.QEMU, DomainType.KVM)) {
                real.guestSupport(type, arch).filter(GuestSupport::offered).ifPresent(b::guest);
            }
        }
        return b.build();
    }

    /** The architectures libvirt's corpus has guests of. */
    private static final List<String> ARCHES = List.of("x86_64", "i686", "aarch64", "armv7l", "armv6l", "ppc64",
            "ppc64le", "ppc", "s390x", "riscv64", "mips", "mipsel", "sparc", "loongarch64");

    private static Answer qemuDefine(Connect raw, String text) {
        try {
            org.libvirt.Domain d = raw.domainDefineXML(text);
            try {
                String kept = d.getXMLDesc(0);
                d.undefine();
                return Answer.ok(kept);
            } finally {
                d.free();
            }
        } catch (LibvirtException e) {
            return Answer.refused(e.getError().getCode() + ": " + e.getError().getMessage());
        }
    }

    private static Answer fakeDefine(FakeVirtConnection fake, String text) {
        Domain model;
        try {
            model = XML.parse(text);
        } catch (RuntimeException e) {
            return Answer.refused("the SDK's parser: " + e.getMessage());
        }
        try {
            VirtDomain d = fake.define(model, DefineOptions.unchecked());
            String kept = XML.write(d.definition());
            d.undefine();
            return Answer.ok(kept);
        } catch (VirtException e) {
            return Answer.refused(e.code() + ": " + e.libvirtMessage());
        }
    }

    /** The JDK's parser, built once (the comparison reads three documents per file both sides define). */
    private static final javax.xml.parsers.DocumentBuilderFactory DOM = javax.xml.parsers.DocumentBuilderFactory.newInstance();

    /**
     * Which element names of the document, directly under {@code <domain>} or {@code <devices>}, one side kept and
     * the other dropped; empty when both kept the same ones.
     */
    static java.util.Optional<String> keptDifferently(String original, String byQemu, String byFake) {
        List<String> differences = new ArrayList<>();
        for (String level : List.of("domain", "devices")) {
            java.util.Set<String> given = children(original, level);
            java.util.Set<String> qemu = children(byQemu, level);
            java.util.Set<String> fake = children(byFake, level);
            for (String name : given) {
                if (qemu.contains(name) != fake.contains(name)) {
                    differences.add("<" + level + "><" + name + "> kept by " + (qemu.contains(name) ? "QEMU" : "the fake")
                            + " only");
                }
            }
        }
        return differences.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(", ", differences));
    }

    /** The names of the elements directly under the first {@code <level>} element of a document. */
    private static java.util.Set<String> children(String xml, String level) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        try {
            var doc = DOM.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
            org.w3c.dom.Element root = doc.getDocumentElement();
            org.w3c.dom.Element parent = level.equals("domain") ? root : first(root, level);
            if (parent == null) {
                return names;
            }
            for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof org.w3c.dom.Element e) {
                    String tag = e.getTagName(); // a namespace's element under any prefix: libvirt writes its own
                    names.add(tag.contains(":") ? "ns:" + tag.substring(tag.indexOf(':') + 1) : tag);
                }
            }
            return names;
        } catch (Exception e) {
            throw new IllegalStateException("the JDK cannot parse a document libvirt took: " + e.getMessage(), e);
        }
    }

    private static org.w3c.dom.Element first(org.w3c.dom.Element root, String name) {
        for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String firstWords(String message) {
        String m = message.replaceAll("'[^']*'", "'…'").replaceAll("\\s+", " ");
        return m.length() > 90 ? m.substring(0, 90) : m;
    }

    private static void write(LibvirtCorpus corpus, String report) throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("fake-define-differential-" + corpus.name() + ".txt"), report);
        }
    }
}
