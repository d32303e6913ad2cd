package io.virtforge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** Mutant generation: one per (path, optional attribute), the tree restored after each. */
class AttributeMutantsTest {
    @TempDir
    Path dir;

    @Test
    void oneMutantPerPathAndOptionalAttributeAndTheTreeIsRestored() throws Exception {
        Path rng = dir.resolve("g.rng");
        Files.writeString(rng, "<grammar xmlns='http://relaxng.org/ns/structure/1.0'><start><element name='domain'>"
                + "<attribute name='type'/><zeroOrMore><element name='pin'><attribute name='vcpu'/>"
                + "<optional><attribute name='cpuset'/></optional></element></zeroOrMore></element></start></grammar>");
        AttributeMutants mutants = new AttributeMutants(RngAttributes.read(rng));
        String xml = "<domain type='kvm'><pin vcpu='0' cpuset='1'/><pin vcpu='1' cpuset='2&amp;'/><!-- c --></domain>";
        Element root = DomTrees.parse(xml);
        List<String> seen = new ArrayList<>();
        int n = mutants.removals(root, m -> seen.add(m.where() + " " + m.xml()));
        assertThat(n).isEqualTo(1);
        assertThat(seen).containsExactly("/domain/pin/@cpuset <domain type=\"kvm\"><pin vcpu=\"0\"/>"
                + "<pin cpuset=\"2&amp;\" vcpu=\"1\"/><!-- c --></domain>");
        assertThat(DomTrees.difference(root, DomTrees.parse(xml))).isNull();
    }

    @Test
    void unknownValuesGoToEnumerationsButNotToSwitches() throws Exception {
        Path rng = dir.resolve("g.rng");
        Files.writeString(rng, "<grammar xmlns='http://relaxng.org/ns/structure/1.0'><start><element name='cpu'>"
                + "<attribute name='mode'><choice><value>custom</value><value>host-model</value></choice></attribute>"
                + "<attribute name='migratable'><choice><value>on</value><value>off</value></choice></attribute>"
                + "<element name='cache'><attribute name='level'><choice><value>1</value><value>3</value></choice>"
                + "</attribute></element></element></start></grammar>");
        AttributeMutants mutants = new AttributeMutants(RngAttributes.read(rng));
        List<String> seen = new ArrayList<>();
        mutants.unknownValues(DomTrees.parse("<cpu mode='custom' migratable='on'><cache level='3'/></cpu>"),
                m -> seen.add(m.where() + " " + m.change() + ": " + m.xml()));
        assertThat(seen).containsExactly(
                "/cpu/@mode with mode='x-virtforge-future': <cpu migratable=\"on\" mode=\"x-virtforge-future\">"
                        + "<cache level=\"3\"/></cpu>",
                "/cpu/cache/@level with level='4': <cpu migratable=\"on\" mode=\"custom\"><cache level=\"4\"/></cpu>");
    }
}
