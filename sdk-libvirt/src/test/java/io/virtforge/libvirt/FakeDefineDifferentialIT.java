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

    /** What one side said of one document: accepted, or refused with libvirt's code and message. */
    record Answer(boolean accepted, String why) {
        static final Answer OK = new Answer(true, "");

        static Answer refused(String why) {
            return new Answer(false, why.replaceAll("\\s+", " "));
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
        List<String> disagreements = new ArrayList<>();
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
                if (qemu.accepted() == ours.accepted()) {
                    agree++;
                    bothAccept += qemu.accepted() ? 1 : 0;
                } else {
                    disagreements.add(file.getFileName() + "\n  qemu: " + qemu + "\n  fake: " + ours);
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
        report.append("\ndisagreements:\n").append(String.join("\n", disagreements)).append('\n');
        write(corpus, report.toString());
        System.out.println(summary);
        assertThat(agree).as(summary).isEqualTo(files.size());
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
                d.undefine();
            } finally {
                d.free();
            }
            return Answer.OK;
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
            d.undefine();
            return Answer.OK;
        } catch (VirtException e) {
            return Answer.refused(e.code() + ": " + e.libvirtMessage());
        }
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
