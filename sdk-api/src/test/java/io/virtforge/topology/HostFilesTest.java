package io.virtforge.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.model.DomainXml;
import io.virtforge.testing.SeedPrograms;
import io.virtforge.value.DataSize;
import io.virtforge.xml.XmlFileException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFilesTest {
    @TempDir
    Path dir;
    Path caps;

    @BeforeEach
    void capabilities() throws Exception {
        caps = Files.writeString(dir.resolve("caps.xml"),
                CapabilitiesXml.write(SyntheticHost.of(2, 1, 4, 2, DataSize.gib(16), 1024).build()));
    }

    private Path domain(String file, String name) throws Exception {
        return Files.writeString(dir.resolve(file), DomainXml.defaults().write(SeedPrograms.highPerfVm().name(name).build()));
    }

    @Test
    void theDomainsCountAsUsed() throws Exception {
        HostState state = HostFiles.state(caps, List.of(), List.of(domain("a.xml", "a")));
        assertThat(state.domains()).hasSize(1);
        assertThat(state.pinnedCpus().format()).isEqualTo("2-9");
        assertThat(state.topology().onlineCpus().format()).isEqualTo("0-15");
    }

    @Test
    void aDomainNameOrAFileTwiceIsRefusedRatherThanCountedTwice() throws Exception {
        Path a = domain("a.xml", "web");
        Path b = domain("b.xml", "web");
        assertThatThrownBy(() -> HostFiles.state(caps, List.of(), List.of(a, b))).isInstanceOf(XmlFileException.class)
                .hasMessage(b + ": domain 'web' is already in " + a + " (a host holds one domain of a name)")
                .extracting(e -> ((XmlFileException) e).path()).isEqualTo(b);
        assertThatThrownBy(() -> HostFiles.state(caps, List.of(), List.of(a, a))).isInstanceOf(XmlFileException.class)
                .hasMessage(a + " is given twice");
    }

    @Test
    void aFolderABinaryFileAndAMissingFileAreRefusedByName() throws Exception {
        assertThatThrownBy(() -> HostFiles.topology(dir, List.of())).isInstanceOf(XmlFileException.class)
                .hasMessage(dir + " is a folder, not a file");
        Path binary = Files.write(dir.resolve("bin.xml"), new byte[] {'<', 'a', 0, '/', '>'});
        assertThatThrownBy(() -> HostFiles.topology(caps, List.of(binary))).isInstanceOf(XmlFileException.class)
                .hasMessage(binary + " is a binary file, not XML");
        assertThatThrownBy(() -> HostFiles.domain(dir.resolve("none.xml"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aDocumentOfTheWrongKindNamesTheFileAndWhere() throws Exception {
        assertThatThrownBy(() -> HostFiles.topology(caps, List.of(caps))).isInstanceOf(XmlFileException.class)
                .hasMessageStartingWith(caps + ": line 1, column 1: ").hasMessageContaining("expected <device>")
                .satisfies(e -> assertThat(((XmlFileException) e).xmlError().orElseThrow().line()).isEqualTo(1));
    }
}
