package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Prometheus scraping one target, through {@code scripts/private-prometheus.sh} (its own folder, a loopback
 * port); closing it stops the server and removes its folder, also when the test failed. Queries go to its HTTP API.
 */
final class PrivatePrometheus implements AutoCloseable {
    private final Path script;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrivatePrometheus(Path script, String url) {
        this.script = script;
        this.url = url;
    }

    /** Starts a private server scraping {@code target} ({@code HOST:PORT}) every second; skips without Prometheus. */
    static PrivatePrometheus start(String target) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prometheus")), "Debian's prometheus package is not installed");
        Path script = Path.of(System.getProperty("virtforge.root", ".."), "scripts", "private-prometheus.sh");
        assumeTrue(Files.isExecutable(script), () -> script + " not found (-Dvirtforge.root)");
        Process p = new ProcessBuilder(script.toString(), "start", target).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("private-prometheus.sh start ends").isTrue();
        PrivatePrometheus prometheus = new PrivatePrometheus(script, out);
        if (p.exitValue() != 0) {
            prometheus.close();
            throw new AssertionError("private-prometheus.sh start failed (exit " + p.exitValue() + ")");
        }
        return prometheus;
    }

    /** The result vector of an instant query: each series' labels and value. */
    List<Map<String, Object>> query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Object json = MiniJson.parse(r.body());
        assertThat(MiniJson.<String>get(json, "status")).isEqualTo("success");
        return MiniJson.get(json, "data", "result");
    }

    /** Queries until the result satisfies {@code done}, at most {@code timeout}; returns the last result. */
    List<Map<String, Object>> await(String promql, Predicate<List<Map<String, Object>>> done, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> result = query(promql);
        while (!done.test(result) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            result = query(promql);
        }
        return result;
    }

    /** A sample's value ({@code "value": [time, "text"]}). */
    static double value(Map<String, Object> series) {
        return Double.parseDouble((String) ((List<?>) series.get("value")).get(1));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(script.toString(), "stop").inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("private-prometheus.sh stop ends").isTrue();
    }
}
