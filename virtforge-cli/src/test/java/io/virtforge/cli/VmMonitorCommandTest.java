package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.value.DataSize;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class VmMonitorCommandTest {
    private static final long MB = 1_000_000;
    @TempDir
    Path images;
    FakeVirtConnection xeon;
    Instant start;

    @BeforeEach
    void host() {
        xeon = Fixtures.get(Fixtures.XEON_2S).connect();
        xeon.storage().addFolder(images.toString()); // the command line makes its images there for real
        start = xeon.clock().instant();
    }

    @AfterEach
    void seams() {
        VmMonitorCommand.interactive = () -> System.console() != null;
        VmMonitorCommand.hooks = VmMonitorCommand.StopHooks.RUNTIME;
    }

    /** The README's VM, made by the command line itself. */
    private void demo() {
        CliRun run = CliRun.on(xeon, "create-optimized-vm", "demo", "8", "16", "100", "0", "--images", images.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    private String nicOf(String domain, int index) {
        return xeon.domain(domain).live().devices().interfaces().get(index).targetDev().orElseThrow();
    }

    @Test
    void ratesAreWhatTheGuestsDoOverTheFakeClock() {
        demo();
        String vnet = nicOf("demo", 0);
        xeon.guests().diskRates("demo", "sda", 50 * MB, 20 * MB).nicRates("demo", vnet, 3 * MB, MB / 2);

        CliRun run = CliRun.on(xeon, "vm-monitor", "demo", "--count", "2", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<Object> lines = MiniJson.lines(run.out());
        assertThat(lines).hasSize(2);
        for (Object line : lines) {
            assertThat(MiniJson.<Long>get(line, "seconds")).isEqualTo(5L);
            assertThat(MiniJson.<Long>get(line, "cpu", "timeNs")).isEqualTo(8 * 5_000_000_000L);
            assertThat(MiniJson.<Long>get(line, "cpu", "percent")).isEqualTo(100L);
            assertThat(MiniJson.<Long>get(line, "cpu", "percentOfOneCpu")).isEqualTo(800L);
            assertThat(MiniJson.<String>get(line, "disks", 0, "target")).isEqualTo("sda");
            assertThat(MiniJson.<Long>get(line, "disks", 0, "readBytesPerSecond")).isEqualTo(50 * MB);
            assertThat(MiniJson.<Long>get(line, "disks", 0, "writeBytesPerSecond")).isEqualTo(20 * MB);
            assertThat(MiniJson.<Long>get(line, "disks", 0, "readMBps")).isEqualTo(50L);
            assertThat(MiniJson.<String>get(line, "nics", 0, "device")).isEqualTo(vnet);
            assertThat(MiniJson.<Long>get(line, "nics", 0, "rxBytesPerSecond")).isEqualTo(3 * MB);
            assertThat(MiniJson.<Double>get(line, "nics", 0, "txMBps")).isEqualTo(0.5);
            // huge-page memory has no balloon: the total is the current memory, used is unknown
            assertThat(MiniJson.<Long>get(line, "memory", "totalKib")).isEqualTo(16L * 1024 * 1024);
            assertThat(MiniJson.<Object>get(line, "memory", "usedKib")).isNull();
        }
        assertThat(MiniJson.<String>get(lines.get(1), "time")).isEqualTo(start.plusSeconds(10).toString());
        assertThat(xeon.clock().instant()).isEqualTo(start.plusSeconds(10));
        assertThat(run.err()).contains("disks: sda; NICs: " + vnet);
    }

    @Test
    void everyDiskAndNicOfTheDomainIsWatchedAndMemoryComesFromTheBalloon() {
        xeon.storage().add("/images/web.qcow2").add("/images/web-data.qcow2");
        xeon.define(DomainBuilder.named("web").vcpus(2).memory(DataSize.gib(4))
                .disk(d -> d.file("/images/web.qcow2")).disk(d -> d.file("/images/web-data.qcow2"))
                .nic(n -> n.network("default")).nic(n -> n.bridge("br0")).build()).start();
        String nic0 = nicOf("web", 0);
        String nic1 = nicOf("web", 1);
        xeon.guests().diskRates("web", "vdb", 7 * MB, 0).nicRates("web", nic1, 0, 2 * MB)
                .unusedMemory("web", DataSize.gib(1));

        CliRun run = CliRun.on(xeon, "vm-monitor", "web", "--interval", "2", "--count", "1", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Object line = MiniJson.parse(run.out().trim());
        assertThat(MiniJson.<List<Map<String, Object>>>get(line, "disks")).extracting(m -> m.get("target"))
                .containsExactly("vda", "vdb");
        assertThat(MiniJson.<Long>get(line, "disks", 0, "readBytesPerSecond")).isZero();
        assertThat(MiniJson.<Long>get(line, "disks", 1, "readBytesPerSecond")).isEqualTo(7 * MB);
        assertThat(MiniJson.<List<Map<String, Object>>>get(line, "nics")).extracting(m -> m.get("device"))
                .containsExactly(nic0, nic1);
        assertThat(MiniJson.<Long>get(line, "nics", 1, "txBytesPerSecond")).isEqualTo(2 * MB);
        assertThat(MiniJson.<Long>get(line, "memory", "totalKib")).isEqualTo(4L * 1024 * 1024);
        assertThat(MiniJson.<Long>get(line, "memory", "usedKib")).isEqualTo(3L * 1024 * 1024);
        assertThat(MiniJson.<Long>get(line, "cpu", "percentOfOneCpu")).isEqualTo(200L);
    }

    @Test
    void plainBlocksWhenPiped() {
        demo();
        xeon.guests().diskRates("demo", "sda", 50 * MB, 20 * MB);

        CliRun run = CliRun.on(xeon, "vm-monitor", "demo", "--count", "2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("\033[");
        assertThat(run.out().split("\n")).filteredOn(l -> l.contains("disk  sda")).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("50.00", "20.00"));
        assertThat(run.out()).contains("CPU      100.0% of 8 vCPUs  (800.0% of one CPU)",
                "16GiB (no balloon statistics: used unknown)");
    }

    @Test
    void redrawsTheTableInATerminalAndRestoresIt() {
        demo();
        VmMonitorCommand.interactive = () -> true;

        CliRun run = CliRun.on(xeon, "vm-monitor", "demo", "--count", "3");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith(VmMonitorCommand.Screen.HIDE_CURSOR + VmMonitorCommand.Screen.CLEAR_HOME)
                .endsWith(VmMonitorCommand.Screen.RESTORE);
        assertThat(run.out().split(java.util.regex.Pattern.quote(VmMonitorCommand.Screen.CLEAR_HOME), -1)).hasSize(4);
    }

    /** Records the Ctrl-C hook instead of registering it with the JVM. */
    private static final class RecordingHooks implements VmMonitorCommand.StopHooks {
        final AtomicReference<Thread> hook = new AtomicReference<>();
        final AtomicInteger exitCode = new AtomicInteger(-1);
        volatile boolean removed;

        @Override
        public void add(Thread h) {
            hook.set(h);
        }

        @Override
        public void remove(Thread h) {
            removed = true;
        }

        @Override
        public void exit(int code) {
            exitCode.set(code);
        }
    }

    @Test
    void ctrlCStopsTheLoopRestoresTheTerminalAndExitsZero() throws Exception {
        demo();
        RecordingHooks hooks = new RecordingHooks();
        VmMonitorCommand.hooks = hooks;
        VmMonitorCommand.interactive = () -> true;

        CompletableFuture<CliRun> monitor = CompletableFuture.supplyAsync(() -> CliRun.on(xeon, "vm-monitor", "demo",
                "--interval", "1"));
        while (xeon.clock().instant().isBefore(start.plusSeconds(3)) || hooks.hook.get() == null) {
            Thread.sleep(5);
        }
        hooks.hook.get().run(); // what the JVM does on SIGINT

        CliRun run = monitor.get(10, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(hooks.exitCode.get()).as("the hook ends the process with 0").isZero();
        assertThat(hooks.removed).isFalse();
        assertThat(run.out()).contains("disk  sda").endsWith(VmMonitorCommand.Screen.RESTORE);
    }

    @Test
    void theHookIsRemovedWhenTheCountIsReached() {
        demo();
        RecordingHooks hooks = new RecordingHooks();
        VmMonitorCommand.hooks = hooks;

        assertThat(CliRun.on(xeon, "vm-monitor", "demo", "--count", "1").exitCode()).isZero();
        assertThat(hooks.removed).isTrue();
        assertThat(hooks.exitCode.get()).isEqualTo(-1);
    }

    @Test
    void aVmThatStopsEndsTheMonitorWithExitOne() throws Exception {
        demo();
        CompletableFuture<CliRun> monitor = CompletableFuture.supplyAsync(() -> CliRun.on(xeon, "vm-monitor", "demo",
                "--interval", "1", "--count", "100000"));
        while (xeon.clock().instant().isBefore(start.plusSeconds(2))) {
            Thread.sleep(5);
        }
        xeon.guests().powerOff("demo");

        CliRun run = monitor.get(10, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("demo is no longer running");
    }

    @Test
    void refusesWhatCannotBeMonitored() {
        xeon.define(DomainBuilder.named("off").vcpus(1).memory(DataSize.gib(1)).build());
        CliRun off = CliRun.on(xeon, "vm-monitor", "off", "--count", "1");
        assertThat(off.exitCode()).isEqualTo(1);
        assertThat(off.err()).contains("off is not running (shutoff)");

        CliRun missing = CliRun.of("vm-monitor", "nope", "--count", "1");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no domain 'nope' on fake:///xeon-2s (a fake host starts empty");

        assertThat(CliRun.on(xeon, "vm-monitor", "off", "--interval", "0").exitCode()).isEqualTo(2);
        assertThat(CliRun.on(xeon, "vm-monitor", "off", "--count", "0").exitCode()).isEqualTo(2);
        assertThat(CliRun.on(xeon, "vm-monitor", "off", "--interval", "soon").exitCode()).isEqualTo(2);
        assertThat(Duration.between(start, xeon.clock().instant())).isZero();
    }

    @Test
    void reportsLessThanASecondApartHaveDistinctTimestamps() {
        xeon.define(DomainBuilder.named("one").vcpus(1).memory(DataSize.gib(1)).build()).start();

        CliRun run = CliRun.on(xeon, "vm-monitor", "one", "--interval", "0.5", "--count", "2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> stamps = run.out().lines().filter(l -> l.endsWith("  one")).toList();
        assertThat(stamps).hasSize(2).doesNotHaveDuplicates();
        assertThat(stamps.get(1)).startsWith(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(start.plusMillis(1000)));
        assertThat(run.out()).contains("of 1 vCPU  (");
    }
}
