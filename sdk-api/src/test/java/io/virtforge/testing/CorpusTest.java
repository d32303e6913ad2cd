package io.virtforge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The corpus locator: which fetched corpus wins, overrides, CI behaviour, libvirt's negative cases. */
class CorpusTest {
    @TempDir
    Path dir;

    private Path corpus(String name, boolean complete) throws IOException {
        Path c = Files.createDirectories(dir.resolve(".corpus").resolve(name).resolve("tests"));
        if (complete) {
            Files.createFile(c.getParent().resolve(Corpus.COMPLETE_MARKER));
        }
        return c.getParent();
    }

    @Test
    void theNewestCompleteFetchedCorpusWinsByVersionNotByName() throws IOException {
        corpus("libvirt-9.0.0", true);
        Path ten = corpus("libvirt-10.1.0", true);
        corpus("libvirt-11.0.0", false);
        corpus("not-libvirt-99", true);
        assertThat(Corpus.newestComplete(dir.resolve(".corpus"))).contains(ten);
        assertThat(Corpus.newestComplete(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void theProjectRootPropertyAndTheLibvirtCorpusPropertyAreHonoured() throws IOException {
        Path nine = corpus("libvirt-9.0.0", true);
        Path other = corpus("libvirt-8.0.0", false);
        String root = System.getProperty(Corpus.ROOT_PROPERTY);
        String given = System.getProperty(Corpus.LIBVIRT_PROPERTY);
        try {
            System.setProperty(Corpus.ROOT_PROPERTY, dir.toString());
            System.clearProperty(Corpus.LIBVIRT_PROPERTY);
            assertThat(Corpus.projectRoot()).contains(dir.toAbsolutePath().normalize());
            if (System.getenv(Corpus.LIBVIRT_ENVIRONMENT) == null) {
                assertThat(Corpus.fetched()).map(LibvirtCorpus::dir).contains(nine);
            }
            System.setProperty(Corpus.LIBVIRT_PROPERTY, other.toString());
            LibvirtCorpus fetched = Corpus.fetched().orElseThrow();
            assertThat(fetched.dir()).isEqualTo(other);
            assertThat(fetched.name()).isEqualTo("libvirt-8.0.0");
            assertThat(fetched.schemas()).isEmpty();
        } finally {
            restore(Corpus.ROOT_PROPERTY, root);
            restore(Corpus.LIBVIRT_PROPERTY, given);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void aMissingCorpusSkipsOutsideCiAndFailsInCi() {
        assertThatThrownBy(() -> Corpus.missing(false, "why")).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("why");
        assertThatThrownBy(() -> Corpus.missing(true, "why")).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CI=true").hasMessageContaining("why");
    }

    @Test
    void bothLibvirtCorporaAreAlwaysListedAndAMissingOneSaysHowToGetIt() {
        assertThat(Corpus.libvirtCorpora()).hasSize(2);
        Corpus.Located fetched = Corpus.libvirtCorpora().get(1);
        if (fetched.corpus().isEmpty()) {
            assertThat(fetched.reason()).contains(Corpus.FETCH_HINT);
        } else {
            assertThat(fetched.require().tests()).isDirectory();
        }
    }

    @Test
    void negativeCasesAreTheFilesOnlyLibvirtsParseErrorTestsUse() throws IOException {
        Path tests = Files.createDirectories(dir.resolve("libvirt-1.0.0/tests"));
        Files.writeString(tests.resolve("qemuxml2argvtest.c"), """
                # define DO_TEST_PARSE_ERROR(name, ...) \\
                    DO_TEST_FULL(name, "", ARG_FLAGS, FLAG_EXPECT_PARSE_ERROR, ARG_END)
                    DO_TEST("plain", QEMU_CAPS_KVM);
                    DO_TEST_PARSE_ERROR("broken", NONE);
                    DO_TEST_CAPS_LATEST_PARSE_ERROR("broken-lately");
                    DO_TEST_CAPS_VER_PARSE_ERROR("fixed-lately", "4.0.0");
                    DO_TEST_CAPS_LATEST("fixed-lately");
                    DO_TEST_FULL("inline",
                                 ARG_FLAGS, FLAG_SKIP_LEGACY_CPUS | FLAG_EXPECT_PARSE_ERROR,
                                 ARG_END);
                    DO_TEST_CAPS_ARCH_LATEST_FAILURE("no-cmdline", "aarch64");
                    DO_TEST_FULL("no-cmdline-either", ARG_FLAGS, FLAG_EXPECT_FAILURE, ARG_END);
                """);
        LibvirtCorpus c = LibvirtCorpus.at(tests.getParent(), "test");
        assertThat(c.hasTestPrograms()).isTrue();
        assertThat(c.negativeCases("qemuxml2argvdata"))
                .containsExactlyInAnyOrder("broken.xml", "broken-lately.xml", "inline.xml");
        assertThat(c.negativeCases("qemuxml2xmloutdata")).isEmpty();
        assertThat(c.negativeCases("genericxml2xmlindata")).isEmpty();
    }
}
