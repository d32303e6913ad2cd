package io.virtforge.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.value.DataSize;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationOptionsTest {
    @Test
    void defaultsMoveLivePersistentlyWithoutLimits() {
        MigrationOptions o = MigrationOptions.builder().build();
        assertThat(o.persistOnDestination()).isTrue();
        assertThat(o.undefineSource()).isTrue();
        assertThat(o.autoConverge()).isFalse();
        assertThat(o.destinationXml()).isEmpty();
        assertThat(o.bandwidthPerSecond()).isEmpty();
        assertThat(o.maxDowntime()).isEmpty();
        assertThat(o.progressInterval()).isEqualTo(MigrationOptions.DEFAULT_PROGRESS_INTERVAL);
    }

    @Test
    void limitsLibvirtCannotTakeAreRefused() {
        assertThatThrownBy(() -> MigrationOptions.builder().bandwidthPerSecond(DataSize.kib(512)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MigrationOptions.builder().maxDowntime(Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MigrationOptions.builder().progress(p -> { }, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toBuilderKeepsEverything() {
        MigrationOptions o = MigrationOptions.builder().autoConverge(true).bandwidthPerSecond(DataSize.mib(10))
                .maxDowntime(Duration.ofMillis(50)).migrationUri("tcp://10.0.0.2").undefineSource(false).build();
        MigrationOptions copy = o.toBuilder().build();
        assertThat(copy).usingRecursiveComparison().isEqualTo(o);
    }

    @Test
    void jobStatisticsReadLibvirtsFields() {
        MigrationProgress p = MigrationProgress.fromJobStats(Map.of("data_total", 400L, "data_processed", 100L,
                "data_remaining", 300L, "memory_dirty_rate", 12L, "time_elapsed", 1500L, "downtime", 120L,
                "type", 2), false);
        assertThat(p.fraction()).hasValue(0.25);
        assertThat(p.dataRemaining()).hasValue(300);
        assertThat(p.memoryDirtyRate()).hasValue(12);
        assertThat(p.elapsed()).hasValue(Duration.ofMillis(1500));
        assertThat(p.downtime()).hasValue(Duration.ofMillis(120));
        assertThat(p.raw()).containsEntry("type", 2);
        assertThat(MigrationProgress.fromJobStats(Map.of(), true).fraction()).isEmpty();
    }
}
