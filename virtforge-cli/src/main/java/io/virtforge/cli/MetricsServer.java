package io.virtforge.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.virtforge.monitor.ScrapeGate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The exporter's HTTP side, on the JDK's {@code com.sun.net.httpserver}: {@code GET /metrics} answers a scrape
 * through the {@link ScrapeGate} (one scrape at a time, bounded wait), in the format the {@code Accept} header asks
 * for (Prometheus' text format by default, OpenMetrics on request), written by Prometheus' Java client. Two request
 * threads: a third scraper waits in the queue instead of costing a thread.
 */
final class MetricsServer implements AutoCloseable {
    private static final int REQUEST_THREADS = 2;
    private final HttpServer server;
    private final ExecutorService threads;
    private final ScrapeGate gate;
    private final ExpositionFormats formats = ExpositionFormats.init();

    private MetricsServer(HttpServer server, ExecutorService threads, ScrapeGate gate) {
        this.server = server;
        this.threads = threads;
        this.gate = gate;
    }

    /** Starts serving on an address (port 0 picks a free one). */
    static MetricsServer start(InetSocketAddress address, ScrapeGate gate) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService threads = Executors.newFixedThreadPool(REQUEST_THREADS, r -> {
            Thread t = new Thread(r, "virtforge-exporter-http");
            t.setDaemon(true);
            return t;
        });
        MetricsServer metrics = new MetricsServer(server, threads, gate);
        server.createContext("/", metrics::handle);
        server.setExecutor(threads);
        server.start();
        return metrics;
    }

    /** Where it listens. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                reply(exchange, 405, "text/plain; charset=utf-8", "only GET\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/metrics")) {
                metrics(exchange);
            } else if (path.equals("/")) {
                reply(exchange, 200, "text/html; charset=utf-8",
                        "<html><body><a href=\"/metrics\">/metrics</a></body></html>\n".getBytes(StandardCharsets.UTF_8));
            } else {
                reply(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        var scrape = gate.scrape();
        MetricSnapshots snapshots = PrometheusSnapshots.of(scrape, Duration.ofNanos(System.nanoTime() - start));
        ExpositionFormatWriter writer = formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writer.write(body, snapshots);
        reply(exchange, 200, writer.getContentType(), body.toByteArray());
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
