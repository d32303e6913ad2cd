package io.virtforge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema reader on small grammars: what counts as optional, per element path. */
class RngAttributesTest {
    private static final String HEAD = "<grammar xmlns='http://relaxng.org/ns/structure/1.0'>";

    @TempDir
    Path dir;

    @Test
    void optionalZeroOrMoreAndMissingChoiceBranchesMakeAnAttributeOptional() throws Exception {
        RngAttributes g = grammar(HEAD + "<start><element name='domain'>"
                + "<attribute name='type'/>"
                + "<optional><attribute name='id'/></optional>"
                + "<zeroOrMore><element name='disk'><attribute name='dev'/></element></zeroOrMore>"
                + "<choice><group><attribute name='a'/><attribute name='b'/></group><attribute name='a'/></choice>"
                + "</element></start></grammar>");
        assertThat(g.optionalAt("/domain")).containsExactly("b", "id");
        assertThat(g.optionalAt("/domain/disk")).isEmpty();
        assertThat(g.optionalAt("/nowhere")).isEmpty();
    }

    @Test
    void theSameNameUnderDifferentParentsIsTwoPaths() throws Exception {
        RngAttributes g = grammar(HEAD + "<start><element name='domain'>"
                + "<element name='disk'><ref name='driver'/></element>"
                + "<element name='hostdev'><element name='driver'><attribute name='name'/></element></element>"
                + "</element></start>"
                + "<define name='driver'><element name='driver'><optional><attribute name='name'/></optional>"
                + "</element></define></grammar>");
        assertThat(g.optionalAt("/domain/disk/driver")).containsExactly("name");
        assertThat(g.optionalAt("/domain/hostdev/driver")).isEmpty();
    }

    @Test
    void includesCombinedDefinesAndNotAllowedBranches() throws Exception {
        Files.writeString(dir.resolve("common.rng"), HEAD
                + "<define name='extra'><notAllowed/></define>"
                + "<define name='source'><element name='source'><attribute name='file'/>"
                + "<choice><ref name='extra'/><attribute name='dev'/></choice></element></define></grammar>");
        RngAttributes g = grammar(HEAD + "<include href='common.rng'/>"
                + "<define name='extra' combine='choice'><optional><attribute name='startupPolicy'/></optional>"
                + "</define><start><element name='disk'><ref name='source'/></element></start></grammar>");
        // the notAllowed branch drops out; the override adds a branch without 'dev'
        assertThat(g.optionalAt("/disk/source")).containsExactly("dev", "startupPolicy");
    }

    @Test
    void recursiveElementsStopAtTheDepthLimit() throws Exception {
        RngAttributes g = grammar(HEAD + "<start><ref name='chain'/></start><define name='chain'>"
                + "<element name='backingStore'><optional><attribute name='index'/></optional>"
                + "<optional><ref name='chain'/></optional></element></define></grammar>");
        assertThat(g.optionalAt("/backingStore/backingStore/backingStore")).containsExactly("index");
        assertThat(g.all()).hasSize(RngAttributes.MAX_DEPTH);
    }

    @Test
    void attributesRestrictedToValuesAreEnumerationsWithTheUnionOfTheirValues() throws Exception {
        RngAttributes g = grammar(HEAD + "<start><element name='controller'>"
                + "<choice><group><attribute name='type'><value>usb</value></attribute>"
                + "<optional><attribute name='model'><ref name='usbModels'/></attribute></optional></group>"
                + "<group><attribute name='type'><value>pci</value></attribute>"
                + "<attribute name='model'><choice><value>pci-root</value><value>pcie-root</value></choice></attribute>"
                + "</group></choice>"
                + "<optional><attribute name='index'><data type='unsignedInt'/></attribute></optional>"
                + "<optional><attribute name='mixed'><choice><value>auto</value><data type='int'/></choice></attribute>"
                + "</optional></element></start>"
                + "<define name='usbModels'><choice><value>ehci</value><value>qemu-xhci</value></choice></define>"
                + "</grammar>");
        assertThat(g.enumeratedAt("/controller")).containsOnly(
                org.assertj.core.api.Assertions.entry("type", java.util.Set.of("pci", "usb")),
                org.assertj.core.api.Assertions.entry("model", java.util.Set.of("ehci", "pci-root", "pcie-root", "qemu-xhci")));
        assertThat(g.optionalAt("/controller")).containsExactly("index", "mixed", "model");
    }

    private RngAttributes grammar(String text) throws Exception {
        Path file = dir.resolve("main.rng");
        Files.writeString(file, text);
        return RngAttributes.read(file);
    }
}
