package org.credanalytics.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (the {@code prometheus} binary of Debian's package, or {@code $PROMETHEUS_BIN})
 * on 127.0.0.1 and a free port, with its own storage in a temporary directory, running the
 * repository's prometheus/prometheus.yml retargeted at one local service, scraping and evaluating
 * its rule files (copied next to the config, as docker-compose.yml mounts them) every second.
 */
final class PrometheusServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private final Process process;
    private final Path log;
    private final String base;
    private final String job;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path log, int port, String job) {
        this.process = process;
        this.log = log;
        this.base = "http://127.0.0.1:" + port;
        this.job = job;
    }

    /** Starts Prometheus scraping {@code target} (host:port) and waits until it is ready. */
    static PrometheusServer start(Path dir, String target) throws IOException, InterruptedException {
        ObjectNode config = (ObjectNode) RepoFiles.yaml("prometheus/prometheus.yml");
        ((ObjectNode) config.get("global")).put("scrape_interval", "1s").put("scrape_timeout", "1s")
                .put("evaluation_interval", "1s");
        for (JsonNode ruleFile : config.path("rule_files")) {
            Files.copy(RepoFiles.path("prometheus").resolve(ruleFile.asText()), dir.resolve(ruleFile.asText()));
        }
        ObjectNode scrape = (ObjectNode) config.get("scrape_configs").get(0);
        ArrayNode targets = ((ObjectNode) scrape.get("static_configs").get(0)).putArray("targets");
        targets.add(target);
        Path configFile = dir.resolve("prometheus.yml");
        RepoFiles.YAML.writeValue(configFile.toFile(), config);

        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary(), "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, log, port, scrape.get("job_name").asText());
        server.awaitReady();
        return server;
    }

    private static String binary() {
        String configured = System.getenv("PROMETHEUS_BIN");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "prometheus"))) {
                return Path.of(dir, "prometheus").toString();
            }
        }
        throw new IllegalStateException("no prometheus binary on PATH: install the Debian package 'prometheus'"
                + " (.ci/run does) or set PROMETHEUS_BIN");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("prometheus not ready after " + STARTUP + ":\n" + log());
    }

    /** Successful scrapes of the service so far. */
    long scrapes() {
        JsonNode result = query("sum_over_time(up{job=\"" + job + "\"}[1h])").path("data").path("result");
        return result.isEmpty() ? 0 : (long) Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    /** Waits until at least {@code count} scrapes succeeded; fails with the target's last error after a minute. */
    void awaitScrapes(long count) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (scrapes() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fewer than " + count + " successful scrapes; targets: "
                        + get("/api/v1/targets").body() + "\n" + log());
            }
            Thread.sleep(200);
        }
    }

    /** The loaded alerting and recording rules ({@code /api/v1/rules}): groups, each rule's health and state. */
    JsonNode rules() {
        return json(get("/api/v1/rules"));
    }

    /** An instant query through the HTTP API: the whole JSON answer, also when it is an error. */
    JsonNode query(String expression) {
        return json(get("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8)));
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return RepoFiles.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String log() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
