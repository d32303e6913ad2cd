package io.virtforge.samples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples are code the build compiles: every {@code java} block of README.md stands, line for
 * line (indentation and end-of-line comments aside), in {@link ReadmeExamples} between a README-BEGIN and a
 * README-END mark, or, for the testkit example, in order in {@code OfflineControlPlaneTest}. A README edit that
 * is not made in the code too (or the reverse) fails here.
 */
class ReadmeExamplesTest {
    private static final Path PROJECT = projectRoot();
    private static final Path EXAMPLES = PROJECT.resolve("samples/src/test/java/io/virtforge/samples/readme/ReadmeExamples.java");
    private static final Path TESTKIT_EXAMPLE = PROJECT.resolve(
            "samples/src/test/java/io/virtforge/samples/OfflineControlPlaneTest.java");

    @Test
    void everyJavaBlockOfTheReadmeIsCompiledCode() throws IOException {
        List<List<String>> blocks = blocks(Files.readAllLines(PROJECT.resolve("README.md")), "```java", "```");
        List<List<String>> compiled = blocks(Files.readAllLines(EXAMPLES), "// README-BEGIN", "// README-END");
        List<String> testkitExample = normalised(Files.readAllLines(TESTKIT_EXAMPLE));

        assertThat(blocks).as("java blocks in README.md").hasSizeGreaterThanOrEqualTo(5);
        int inExamples = 0;
        for (List<String> block : blocks) {
            List<String> lines = normalised(block);
            if (compiled.stream().map(ReadmeExamplesTest::normalised).anyMatch(lines::equals)) {
                inExamples++;
            } else {
                assertThat(isInOrderIn(lines, testkitExample))
                        .as("this README block is neither in ReadmeExamples nor, in order, in OfflineControlPlaneTest:%n%s",
                                String.join("\n", block))
                        .isTrue();
            }
        }
        assertThat(inExamples).as("README blocks found in ReadmeExamples").isEqualTo(compiled.size());
    }

    @Test
    void theDomainModelExampleEditsAFileAsItSays(@TempDir Path dir) throws IOException {
        Domain vm = DomainBuilder.named("demo").vcpus(2).memory(DataSize.gib(4)).pinVcpu(0, CpuSet.of(1))
                .pinVcpu(1, CpuSet.of(2)).build();
        Path file = Files.writeString(dir.resolve("demo.xml"), "<!-- kept -->\n" + DomainXml.defaults().write(vm));

        String out = ReadmeExamples.theDomainModel(file);

        Domain tuned = DomainXml.defaults().parse(out);
        assertThat(tuned.memory()).hasValue(DataSize.gib(16));
        assertThat(tuned.cputune().orElseThrow().vcpuPin(0).orElseThrow().cpuset()).isEqualTo(CpuSet.of(4));
        assertThat(out).startsWith("<!-- kept -->");
    }

    /** The lines between each start mark and the next end mark. */
    private static List<List<String>> blocks(List<String> lines, String start, String end) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            String t = line.trim();
            if (current == null && t.equals(start)) {
                current = new ArrayList<>();
            } else if (current != null && t.equals(end)) {
                blocks.add(current);
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** Without indentation, end-of-line comments and blank lines. */
    private static List<String> normalised(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            int comment = t.indexOf(" //");
            if (comment >= 0) {
                t = t.substring(0, comment).strip();
            }
            if (!t.isEmpty() && !t.startsWith("//")) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean isInOrderIn(List<String> excerpt, List<String> file) {
        int at = 0;
        for (String line : excerpt) {
            at = file.subList(at, file.size()).indexOf(line);
            if (at < 0) {
                return false;
            }
            at++;
        }
        return true;
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("ARCHITECTURE.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root with README.md above " + Path.of("").toAbsolutePath());
    }
}
