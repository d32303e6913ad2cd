package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.virtforge.connect.DomainState;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtConnection;
import io.virtforge.monitor.DriftAudit;
import io.virtforge.monitor.DriftThresholds;
import io.virtforge.monitor.MonitorCollector;
import io.virtforge.monitor.MonitorScraper;
import io.virtforge.monitor.ScrapeGate;
import io.virtforge.connect.VirtConnections;
import io.virtforge.connect.VirtDomain;
import io.virtforge.testkit.junit.RequiresLibvirt;
import io.virtforge.testkit.junit.TestLibvirtd;
import io.virtforge.topology.HugePagePool;
import io.virtforge.value.CpuSet;
import io.virtforge.value.PageSize;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line against the private test libvirtd ({@link TestLibvirtd}, started by {@code scripts/run-tests.sh};
 * never the machine's own {@code qemu:///system}) with the tiny TCG test guest of
 * {@code scripts/build-test-guest.sh}: create-optimized-vm makes a 2-vCPU guest of 128 MiB huge pages with a
 * 16 MiB qcow2 disk made by qemu-img, vm-monitor watches it, and a failed start on the real host undoes
 * everything. The build machine has one NUMA node and two CPUs: the plan takes both for the vCPUs, with no
 * housekeeping CPUs ({@code --reserved none}). Skipped, with the reason, without the test libvirtd, the guest or
 * root. Every path the daemon reads or writes (images, serial log, guest) is outside the folders its mount
 * namespace replaces, so the daemon and this JVM see the same files.
 */
@RequiresLibvirt(uri = RequiresLibvirt.TEST_LIBVIRTD)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RealHostIT {
    private static final Logger LOG = LoggerFactory.getLogger(RealHostIT.class);
    /** Set when the class runs: {@link RequiresLibvirt} skips it without a test daemon. */
    private static final String URI = TestLibvirtd.uri().orElse(null);
    /**
     * Locked guest memory needs libvirtd to raise RLIMIT_MEMLOCK; where it may not (a container without
     * CAP_SYS_RESOURCE, as on the build machine), the guest runs unlocked.
     */
    private static final String LOCK = memlockUnlimited() ? "--lock-memory" : "--no-lock-memory";
    private static final Path GUEST = Path.of(System.getProperty("virtforge.guest", "/var/lib/virtforge/guest"));

    @TempDir
    Path images;
    VirtConnection connection;
    String name;
    long poolBefore;

    @BeforeEach
    void host() {
        assumeTrue(Files.isReadable(GUEST.resolve("vmlinuz")) && Files.isReadable(GUEST.resolve("initramfs.cpio.gz")),
                () -> "test guest missing in " + GUEST + " (run scripts/build-test-guest.sh)");
        assumeTrue("root".equals(System.getProperty("user.name")), "changing huge page pools needs root");
        connection = VirtConnections.open(URI);
        assumeTrue(connection.topology().node(0).flatMap(n -> n.pool(PageSize.MIB_2)).isPresent(),
                "node 0 has no 2 MiB huge page pool (scripts/run-tests.sh reserves one)");
        name = "vf-cli-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 10_000;
        poolBefore = pool();
    }

    @AfterEach
    void cleanUp() {
        if (connection == null) {
            return;
        }
        if (name == null) { // skipped before the test began
            connection.close();
            return;
        }
        try {
            connection.lookup(name).ifPresent(vm -> {
                if (vm.state().isActive()) {
                    vm.destroy();
                }
                vm.undefine();
            });
            if (pool() != poolBefore) {
                connection.setPagePool(0, PageSize.MIB_2, poolBefore);
            }
            assertThat(pool()).as("the 2 MiB pool is as it was").isEqualTo(poolBefore);
        } finally {
            connection.close();
        }
    }

    private long pool() {
        return connection.topology().node(0).flatMap(n -> n.pool(PageSize.MIB_2)).map(HugePagePool::total).orElse(0L);
    }

    @Test
    void createsMonitorsAndRemovesATinyTcgGuest() throws Exception {
        long t0 = System.nanoTime();
        Path disk = images.resolve(name + ".qcow2");
        Path serial = images.resolve("serial.log");

        CliRun create = createStayingGuest(serial);
        long created = System.nanoTime();
        LOG.info("create-optimized-vm took {} ms:\n{}", (created - t0) / 1_000_000, create.err());

        assertThat(create.exitCode()).as(create.toString()).isZero();
        Object json = create.json();
        assertThat(MiniJson.<String>get(json, "state")).isEqualTo("running");
        assertThat(MiniJson.<String>get(json, "disk", "made")).isEqualTo("qemu-img");
        assertThat(MiniJson.<List<?>>get(json, "vcpus")).hasSize(2);
        VirtDomain vm = connection.domain(name);
        assertThat(vm.state()).isEqualTo(DomainState.RUNNING);
        assertThat(vm.vcpuPins()).isEqualTo(Map.of(0, CpuSet.of(0), 1, CpuSet.of(1)));
        assertThat(vm.emulatorPin()).isEqualTo(CpuSet.range(0, 1));
        assertThat(vm.iothreadPins()).isEqualTo(Map.of(1, CpuSet.range(0, 1)));
        assertThat(connection.hostState().heldHugePages(0, PageSize.MIB_2)).isEqualTo(64);
        byte[] magic = new byte[4];
        try (var in = Files.newInputStream(disk)) {
            assertThat(in.read(magic)).isEqualTo(4);
        }
        assertThat(magic).as("a qcow2 image").containsExactly('Q', 'F', 'I', 0xfb);
        awaitSerial(serial, "VIRTFORGE-GUEST cpus=2", Duration.ofSeconds(60));
        LOG.info("the guest booted {} ms after create-optimized-vm returned", (System.nanoTime() - created) / 1_000_000);

        long m0 = System.nanoTime();
        CliRun monitor = CliRun.of("vm-monitor", name, "--connect", URI, "--interval", "1", "--count", "2", "--json");
        LOG.info("vm-monitor (2 intervals of 1 s) took {} ms", (System.nanoTime() - m0) / 1_000_000);
        assertThat(monitor.exitCode()).as(monitor.toString()).isZero();
        List<Object> lines = MiniJson.lines(monitor.out());
        assertThat(lines).hasSize(2);
        for (Object line : lines) {
            assertThat(MiniJson.<Long>get(line, "cpu", "timeNs")).as("CPU time grew").isPositive();
            assertThat(MiniJson.<List<Map<String, Object>>>get(line, "disks")).extracting(d -> d.get("target"))
                    .containsExactly("sda");
            assertThat(MiniJson.<List<?>>get(line, "nics")).isEmpty();
            assertThat(MiniJson.<Long>get(line, "cpu", "vcpus")).isEqualTo(2L);
        }

        stopsOnSigint();

        vm.destroy();
        vm.undefine();
        assertThat(connection.lookup(name)).isEmpty();
        LOG.info("the whole real-host round took {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** create-optimized-vm's tiny TCG guest with {@code virtforge.stay}: it keeps running until destroyed. */
    private CliRun createStayingGuest(Path serial) {
        return CliRun.of("create-optimized-vm", name, "2", "128MiB", "16MiB", "0", "--connect", URI,
                "--type", "qemu", "--images", images.toString(), "--kernel", GUEST.resolve("vmlinuz").toString(),
                "--initrd", GUEST.resolve("initramfs.cpio.gz").toString(), "--cmdline", "console=ttyS0 virtforge.stay",
                "--serial-log", serial.toString(), "--network", "none", "--reserved", "none", "--json",
                LOCK);
    }

    /**
     * The exporter (in this JVM) over the private libvirtd, scraped every second by a real Prometheus: the guest's
     * vCPU time rises in Prometheus, its QEMU process's memory per host node is there, and a live re-pin shows
     * as a PIN_DRIFT gauge of 1. promtool accepts what the exporter serves from a real host.
     */
    @Test
    void aRealPrometheusScrapesTheExporterWhileTheGuestRuns() throws Exception {
        Path serial = images.resolve("serial.log");
        CliRun create = createStayingGuest(serial);
        assertThat(create.exitCode()).as(create.toString()).isZero();
        awaitSerial(serial, "VIRTFORGE-GUEST cpus=2", Duration.ofSeconds(60));
        VirtDomain vm = connection.domain(name);
        MonitorScraper scraper = new MonitorScraper(MonitorCollector.of(connection, HostAccess.sysfs(connection)),
                new DriftAudit(DriftThresholds.DEFAULTS));
        String guest = "domain=\"" + name + "\"";
        try (ScrapeGate gate = new ScrapeGate(scraper::scrape, Duration.ofSeconds(10));
                MetricsServer exporter = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), gate);
                PrivatePrometheus prometheus = PrivatePrometheus.start("127.0.0.1:" + exporter.address().getPort())) {
            String exposition = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + exporter.address().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Promtool.Result lint = Promtool.checkMetrics(exposition);
            assertThat(lint.exitCode()).as(lint.output()).isZero();
            assertThat(exposition).contains("virtforge_domain_vcpu_wait_seconds_total{" + guest + ",vcpu=\"1\"}");

            List<Map<String, Object>> rising = prometheus.await("increase(virtforge_domain_vcpu_seconds_total{"
                    + guest + "}[30s]) > 0", r -> !r.isEmpty(), Duration.ofSeconds(60));
            LOG.info("vCPU time rising in Prometheus: {}", rising);
            assertThat(rising).as("a vCPU's time rose between Prometheus' scrapes").isNotEmpty();
            List<Map<String, Object>> memory = prometheus.await("virtforge_domain_memory_node_bytes{" + guest + "}",
                    r -> !r.isEmpty(), Duration.ofSeconds(30));
            LOG.info("memory per node in Prometheus: {}", memory);
            assertThat(memory).as("the QEMU process's memory per host node").isNotEmpty()
                    .allSatisfy(s -> assertThat(PrivatePrometheus.value(s)).isPositive());
            assertThat(prometheus.query("virtforge_domain_memory_hugepages_node_bytes{" + guest + ",node=\"0\"}"))
                    .as("the guest's 2 MiB pages, seen in its QEMU process's numa_maps").singleElement()
                    .satisfies(s -> assertThat(PrivatePrometheus.value(s)).isGreaterThanOrEqualTo(2 << 20));
            // the placement holds; whether the vCPUs' CPUs are shared or they wait for them depends on this machine's
            // load (on a 2-CPU build machine they are: the emulator and every other process run there too)
            assertThat(prometheus.query("virtforge_drift_findings{" + guest
                    + ",code=~\"MEMORY_OFF_NODE|HUGEPAGES_NOT_USED|PIN_DRIFT\"} > 0")).as("the placement holds").isEmpty();
            LOG.info("CPU drift on this machine: {}", prometheus.query("virtforge_drift_findings{" + guest
                    + ",code=~\"VCPU_STEAL|DEDICATED_CPU_SHARED\"}"));
            assertThat(prometheus.query("virtforge_drift_findings{" + guest + "}")).as("one series per code").hasSize(5);

            vm.pinVcpu(1, CpuSet.of(0), Scope.LIVE);
            List<Map<String, Object>> drift = prometheus.await("virtforge_drift_findings{" + guest
                    + ",code=\"PIN_DRIFT\"} == 1", r -> !r.isEmpty(), Duration.ofSeconds(30));
            assertThat(drift).as("the live re-pin is PIN_DRIFT").hasSize(1);
        }
        vm.destroy();
        vm.undefine();
    }

    /** vm-monitor as a process of its own (the packaged jar), stopped as Ctrl-C stops it: exit 0. */
    private void stopsOnSigint() throws Exception {
        Path jar = Path.of("target", "virtforge.jar");
        if (!Files.exists(jar)) {
            LOG.warn("{} is not built: the Ctrl-C check is left out", jar.toAbsolutePath());
            return;
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "vm-monitor", name, "--connect", URI, "--interval", "1").redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.add(line);
                if (line.contains("disk  sda")) {
                    break; // a report is out: the loop runs
                }
            }
            // a child started from a shell without job control may inherit SIGINT as ignored; the JVM keeps it so
            String signal = sigintIgnored(p.pid()) ? "TERM" : "INT";
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("stopped by SIG" + signal).isTrue();
            r.lines().forEach(output::add);
            LOG.info("vm-monitor stopped by SIG{}, exit {}:\n{}", signal, p.exitValue(), String.join("\n", output));
            assertThat(p.exitValue()).as(String.join("\n", output)).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean memlockUnlimited() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 24)) != 0; // CAP_SYS_RESOURCE
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: assume a normal host
        }
        return true;
    }

    private static boolean sigintIgnored(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    @Test
    void aFailedStartOnTheRealHostUndefinesDeletesTheDiskAndGivesThePagesBack() {
        // 4 pages more than are free, so the pool must grow first; a serial log in a folder that does not exist
        // makes QEMU fail at start, after the pages, the disk and the definition were made
        long free = connection.freePages(0, PageSize.MIB_2);
        String memory = ((free + 4) * 2) + "MiB";
        Path serial = images.resolve("no-such-folder").resolve("serial.log");

        CliRun run = CliRun.of("create-optimized-vm", name, "1", memory, "16MiB", "0", "--connect", URI, "--type",
                "qemu", "--images", images.toString(), "--kernel", GUEST.resolve("vmlinuz").toString(), "--initrd",
                GUEST.resolve("initramfs.cpio.gz").toString(), "--serial-log", serial.toString(), "--network", "none",
                "--reserved", "none", LOCK);
        LOG.info("failed create:\n{}", run);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("allocating 4 2MiB pages on node 0", "starting " + name + " failed",
                "undo: undefine " + name + " ... done", "undo: delete", "undo: give back the 4 2MiB pages of node 0 ... done");
        assertThat(connection.lookup(name)).isEmpty();
        assertThat(images.resolve(name + ".qcow2")).doesNotExist();
        assertThat(pool()).isEqualTo(poolBefore);
    }

    private static void awaitSerial(Path log, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' on the serial console in " + timeout + ": "
                + (Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "no log"));
    }
}
