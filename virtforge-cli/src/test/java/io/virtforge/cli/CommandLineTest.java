package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
    @ParameterizedTest
    @ValueSource(strings = {"create-optimized-vm", "vm-monitor", "gpu-passthrough", "numa-compare", "audit", "host",
        "plan", "fleet"})
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

    @Test
    void aWrongCommandLineGetsOneLineAndWhereToLookNotTheWholeUsage() {
        CliRun run = CliRun.of("create-optimized-vm", "vm", "2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("virtforge: missing required parameters: 'MEMORY_GB', 'DISK_GB', 'NUMA_NODE'\n"
                + "try 'virtforge create-optimized-vm --help'\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anOptionLikeParameterIsNamedAsTheProblem() {
        CliRun run = CliRun.of("create-optimized-vm", "-x", "2", "2", "10", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("virtforge: '-x' is not an option of virtforge create-optimized-vm")
                .doesNotContain("NUMA_NODE");
    }

    @Test
    void underJsonEveryErrorIsOneJsonObjectOnStdout() {
        for (String[] args : new String[][] {{"create-optimized-vm", "vm", "0", "2", "10", "0", "--json"},
            {"create-optimized-vm", "bad/name", "2", "2", "10", "0", "--json"},
            {"create-optimized-vm", "vm", "--json"}, {"numa-compare", "--vcpus", "1", "--json"},
            {"host", "--sysfs-root", "/nonexistent", "--json"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.out().strip()).as(run.toString()).doesNotContain("\n");
            assertThat(MiniJson.<Boolean>get(run.json(), "ok")).isFalse();
            assertThat(MiniJson.<String>get(run.json(), "error")).isNotBlank();
        }
    }

    @Test
    void aBadValueIsNamedByItsLabel() {
        CliRun run = CliRun.of("create-optimized-vm", "vm", "2x", "2", "10", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("virtforge: VCPUS: '2x' is not a whole number\n");
        assertThat(CliRun.of("numa-compare", "--vcpus", "x").err()).startsWith("virtforge: --vcpus: 'x' is not a whole number");
    }
}
