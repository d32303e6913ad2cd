package io.virtforge.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
    @ParameterizedTest
    @ValueSource(strings = {"create-optimized-vm", "vm-monitor", "gpu-passthrough", "numa-compare", "audit", "host",
        "plan"})
    void everyCommandHasHelpAndIsListed(String command) {
        CliRun help = CliRun.of(command, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: virtforge " + command).contains("Exit ");
        assertThat(CliRun.of("--help").out()).contains("  " + command + " ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"create-optimized-vm", "vm-monitor", "gpu-passthrough", "numa-compare", "audit", "host"})
    void everyHypervisorCommandTakesConnect(String command) {
        assertThat(CliRun.of(command, "--help").out()).contains("--connect=URI", "fake:///xeon-2s");
    }
}
