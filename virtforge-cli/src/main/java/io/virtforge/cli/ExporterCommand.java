package io.virtforge.cli;

import io.virtforge.connect.VirtConnection;
import io.virtforge.monitor.DriftAudit;
import io.virtforge.monitor.DriftThresholds;
import io.virtforge.monitor.MonitorCollector;
import io.virtforge.monitor.MonitorScraper;
import io.virtforge.monitor.ScrapeGate;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code virtforge exporter}: a Prometheus exporter for a hypervisor's running domains and its host, with the
 * tuning-drift findings as gauges. Serves until the process is stopped (Ctrl-C, SIGTERM).
 */
@Command(name = "exporter", sortOptions = false,
        description = {"Serve Prometheus metrics of the running domains, the host and tuning drift on /metrics.",
                "Runs until stopped. Exit 2 on bad input, 1 when the address cannot be bound."})
final class ExporterCommand implements Callable<Integer> {
    private static final int MAX_TIMEOUT_SECONDS = 300;
    @Spec
    CommandSpec spec;
    @Mixin
    ConnectOption connect;
    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9177",
            description = "Where to serve (default ${DEFAULT-VALUE}; port 0 picks a free one, printed at start).")
    String listen;
    @Option(names = "--scrape-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long a scrape may wait for libvirt and the host (default ${DEFAULT-VALUE}); after it "
                    + "the answer is virtforge_scrape_success 0.")
    int scrapeTimeout;

    @Override
    public Integer call() throws InterruptedException {
        if (scrapeTimeout < 1 || scrapeTimeout > MAX_TIMEOUT_SECONDS) {
            throw CliException.badInput("--scrape-timeout must be 1 to " + MAX_TIMEOUT_SECONDS + " seconds");
        }
        InetSocketAddress address = ListenAddress.parse(listen);
        PrintWriter out = spec.commandLine().getOut();
        try (Connector.Lease lease = connect.open()) {
            VirtConnection c = lease.connection();
            MonitorScraper scraper = new MonitorScraper(MonitorCollector.of(c, HostAccess.sysfs(c)),
                    new DriftAudit(DriftThresholds.DEFAULTS));
            try (ScrapeGate gate = new ScrapeGate(scraper::scrape, Duration.ofSeconds(scrapeTimeout));
                    MetricsServer server = start(address, gate)) {
                InetSocketAddress bound = server.address();
                out.println("virtforge exporter: serving http://" + bound.getHostString() + ":" + bound.getPort()
                        + "/metrics for " + c.uri());
                out.flush();
                new CountDownLatch(1).await(); // until the process is stopped
                return Virtforge.OK;
            }
        }
    }

    private static MetricsServer start(InetSocketAddress address, ScrapeGate gate) {
        try {
            return MetricsServer.start(address, gate);
        } catch (IOException e) {
            throw CliException.problem("cannot serve on " + address + ": " + e.getMessage());
        }
    }
}
