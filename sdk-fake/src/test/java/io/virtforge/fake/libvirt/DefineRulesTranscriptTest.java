package io.virtforge.fake.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.VirtException;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fake's define against the real daemon's recorded answers: for each definition of the section "define-time
 * device rules" of {@code evidence/libvirt-9.0/transcript-issue19.txt} (one per rule the fake models from libvirt's
 * corpus, {@code evidence/libvirt-9.0/xml/d-*.xml}), the fake refuses it with the code, error domain and message
 * {@code qemu:///system} gave.
 */
class DefineRulesTranscriptTest {
    private static final Path EVIDENCE = Path.of("evidence", "libvirt-9.0");
    /** A probe line: {@code define n-d-NAME.xml ERR code=C domain=D level=2 msg="M"}. */
    private static final Pattern LINE = Pattern.compile("define n-(d-[a-z0-9-]+\\.xml)\\s+ERR code=(\\d+) domain=(\\d+) "
            + "level=2 msg=\"(.*)\"");

    @TestFactory
    Stream<DynamicTest> theFakeRefusesEachProbeAsQemuDid() throws IOException {
        List<String> lines = Files.readAllLines(EVIDENCE.resolve("transcript-issue19.txt"));
        int start = lines.indexOf("## qemu driver: define-time device rules (issue 19, the corpus differences)");
        assertThat(start).as("the transcript's section").isNotNegative();
        List<Matcher> probes = lines.subList(start + 1, lines.size()).stream().takeWhile(l -> !l.isBlank())
                .map(LINE::matcher).toList();
        assertThat(probes).as("the section's probes").hasSizeGreaterThan(30).allMatch(Matcher::matches);
        return probes.stream().map(m -> DynamicTest.dynamicTest(m.group(1), () -> {
            String xml = Files.readString(EVIDENCE.resolve("xml").resolve(m.group(1))).replace("@NAME@", "tk-probe");
            Domain d = DomainXml.defaults().parse(xml);
            try (FakeVirtConnection fake = Fixtures.get(Fixtures.TINY).connect()) {
                VirtException e = catchThrowableOfType(VirtException.class,
                        () -> fake.define(d, DefineOptions.unchecked()));
                assertThat(e).as("refused").isNotNull();
                assertThat(e.code()).as("code").isEqualTo(Integer.parseInt(m.group(2)));
                assertThat(e.errorDomain()).as("error domain").isEqualTo(Integer.parseInt(m.group(3)));
                assertThat(e.libvirtMessage()).as("message").isEqualTo(m.group(4));
            }
        }));
    }
}
