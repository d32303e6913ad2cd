package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The shaded {@code virtforge.jar} carries the command line and what it runs on (the SDK, libvirt-java, the fake
 * host of sdk-fake), never a test framework: no JUnit, AssertJ, jqwik or (test-only) Jackson class. Runs in the {@code verify} phase
 * (the pom's {@code shaded-jar-check} execution gives it the jar's path); in the {@code test} phase there is no jar
 * yet and it is skipped.
 */
class ShadedJarCheck {
    private static final List<String> FORBIDDEN = List.of("org/junit/", "org/assertj/", "net/jqwik/", "org/opentest4j/",
            "com/fasterxml/jackson/");

    @Test
    void theRunnableJarHoldsNoTestFramework() throws IOException {
        String property = System.getProperty("virtforge.shadedJar");
        assumeTrue(property != null, "runs in the verify phase, on the packaged jar");
        Path jar = Path.of(property);
        assertThat(jar).as("the shaded jar (mvn package builds it)").isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertThat(names).as("what the command line runs")
                    .contains("io/virtforge/cli/Virtforge.class", "io/virtforge/fake/FakeConnectionProvider.class",
                            "io/virtforge/fake/libvirt/FakeVirtConnection.class",
                            "io/virtforge/libvirt/LibvirtConnection.class", "picocli/CommandLine.class",
                            "io/virtforge/monitor/MonitorCollector.class",
                            "io/prometheus/metrics/expositionformats/ExpositionFormats.class",
                            "io/prometheus/metrics/model/snapshots/MetricSnapshots.class");
            assertThat(names.stream().filter(n -> n.endsWith(".class"))
                    .filter(n -> FORBIDDEN.stream().anyMatch(n::startsWith)).toList())
                    .as("test framework classes in %s", jar.getFileName()).isEmpty();
            assertThat(new String(file.getInputStream(file.getEntry(
                    "META-INF/services/io.virtforge.connect.ConnectionProvider")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8))
                    .contains("io.virtforge.fake.FakeConnectionProvider");
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.virtforge.cli.Virtforge");
        }
        assertThat(Files.size(jar)).isPositive();
    }
}
