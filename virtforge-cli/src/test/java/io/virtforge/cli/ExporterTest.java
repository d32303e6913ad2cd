package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeQemuProcesses;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.model.NumaMode;
import io.virtforge.monitor.DriftAudit;
import io.virtforge.monitor.DriftThresholds;
import io.virtforge.monitor.MonitorCollector;
import io.virtforge.monitor.MonitorScraper;
import io.virtforge.monitor.ScrapeGate;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.NodeSet;
import io.virtforge.value.PageSize;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exporter over a fake host: what /metrics says, in which format, and promtool's verdict on it. */
class ExporterTest {
    private final FakeVirtConnection xeon = Fixtures.get(Fixtures.XEON_2S).connect();
    private final HttpClient http = HttpClient.newHttpClient();
    private ScrapeGate gate;
    private MetricsServer server;

    @BeforeEach
    void serve() throws Exception {
        VirtDomain vm = xeon.define(DomainBuilder.named("vm").memory(DataSize.gib(1)).vcpus(2)
                .memoryOn(NumaMode.STRICT, NodeSet.of(1)).hugepages(PageSize.MIB_2)
                .pinVcpu(0, CpuSet.of(16)).pinVcpu(1, CpuSet.of(17)).build());
        vm.start();
        FakeQemuProcesses processes = new FakeQemuProcesses(xeon.sysfs().orElseThrow());
        processes.sync(xeon);
        processes.advanceHostCpu(16, 5_000_000_000L);
        vm.pinVcpu(1, CpuSet.of(20), Scope.LIVE);
        MonitorScraper scraper = new MonitorScraper(MonitorCollector.of(xeon, xeon.capability(
                io.virtforge.host.sysfs.Sysfs.class)), new DriftAudit(DriftThresholds.DEFAULTS));
        gate = new ScrapeGate(scraper::scrape, Duration.ofSeconds(30));
        server = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), gate);
    }

    @AfterEach
    void stop() {
        server.close();
        gate.close();
        xeon.close();
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path));
        if (accept != null) {
            r.header("Accept", accept);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsFollowPrometheusNamingAndCarryTheDriftFindings() throws Exception {
        HttpResponse<String> r = get("/metrics", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(r.body()).contains(
                "# TYPE virtforge_domain_cpu_seconds_total counter",
                "virtforge_domain_cpu_seconds_total{domain=\"vm\"} ",
                "virtforge_domain_vcpu_seconds_total{domain=\"vm\",vcpu=\"1\"} ",
                "virtforge_domain_memory_maximum_bytes{domain=\"vm\"} 1.073741824E9",
                "virtforge_domain_memory_hugepages_node_bytes{domain=\"vm\",node=\"1\"} 1.073741824E9",
                "virtforge_domain_vcpu_wait_seconds_total{domain=\"vm\",vcpu=\"0\"} 0.0",
                "virtforge_host_hugepages_free{node=\"1\",page_size=\"2097152\"} ",
                "virtforge_host_dedicated_cpu_busy_seconds_total{cpu=\"16\"} 5.0",
                "virtforge_drift_findings{code=\"PIN_DRIFT\",domain=\"vm\"} 1",
                "virtforge_drift_findings{code=\"MEMORY_OFF_NODE\",domain=\"vm\"} 0",
                "virtforge_domains_running 1",
                "virtforge_scrape_success 1");
    }

    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        Promtool.Result check = Promtool.checkMetrics(get("/metrics", null).body());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).as("lint problems").isBlank();
    }

    @Test
    void openMetricsOnRequest() throws Exception {
        HttpResponse<String> r = get("/metrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");

        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/openmetrics-text"));
        assertThat(r.body()).contains("# UNIT virtforge_domain_cpu_seconds seconds",
                "virtforge_domain_cpu_seconds_total{domain=\"vm\"} ").endsWith("# EOF\n");
    }

    @Test
    void theDomainsSeriesGoWhenItStops() throws Exception {
        assertThat(get("/metrics", null).body()).contains("domain=\"vm\"");
        xeon.domain("vm").destroy();
        assertThat(get("/metrics", null).body()).doesNotContain("domain=\"vm\"").contains("virtforge_domains_running 0");
        assertThat(get("/nothing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theCommandServesUntilStoppedAndRefusesABadAddress() throws Exception {
        assertThat(CliRun.of("exporter", "--listen", "no-port").exitCode()).isEqualTo(Virtforge.BAD_INPUT);
        assertThat(CliRun.of("exporter", "--scrape-timeout", "0").exitCode()).isEqualTo(Virtforge.BAD_INPUT);
        CliProcess p = CliProcess.start(Map.of(), "exporter", "--listen", "127.0.0.1:0");
        try {
            Pattern serving = Pattern.compile("serving (http://\\S+/metrics) for fake:///xeon-2s");
            Matcher m = serving.matcher("");
            for (int i = 0; i < 600 && !m.find(); i++) {
                Thread.sleep(100);
                m = serving.matcher(p.outSoFar());
            }
            assertThat(m.find(0)).as("the exporter says where it serves; stderr: %s", p.errSoFar()).isTrue();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(m.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("virtforge_domains_running 0", "virtforge_scrape_success 1");
        } finally {
            p.interrupt();
            p.await();
        }
    }

    @Test
    void aScrapeThatOutlivesItsTimeoutAnswersScrapeSuccessZero() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (ScrapeGate stuck = new ScrapeGate(() -> {
            try {
                release.await(); // a libvirt call that does not come back
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("released");
        }, Duration.ofMillis(200)); MetricsServer slow = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), stuck)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + slow.address().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("virtforge_scrape_success 0").doesNotContain("virtforge_domain");
        } finally {
            release.countDown();
        }
    }
}
