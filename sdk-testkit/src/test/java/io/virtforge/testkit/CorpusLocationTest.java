package io.virtforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusLocationTest {
    @TempDir
    Path dir;

    @Test
    void thePropertyIsTriedFirstAndTheReasonSaysHowToSetIt() {
        String before = System.getProperty(CorpusLocation.PROPERTY);
        try {
            System.setProperty(CorpusLocation.PROPERTY, dir.toString());
            assertThat(CorpusLocation.candidates().get(0)).isEqualTo(dir.toAbsolutePath().normalize());
            assertThat(CorpusLocation.find()).contains(dir.toAbsolutePath().normalize());
            assertThat(CorpusLocation.missingReason()).contains("-Dvirtforge.corpus=", "VIRTFORGE_CORPUS");
        } finally {
            if (before == null) {
                System.clearProperty(CorpusLocation.PROPERTY);
            } else {
                System.setProperty(CorpusLocation.PROPERTY, before);
            }
        }
    }
}
