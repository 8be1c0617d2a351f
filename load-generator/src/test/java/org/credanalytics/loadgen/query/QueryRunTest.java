package org.credanalytics.loadgen.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.credanalytics.loadgen.Json;
import org.credanalytics.loadgen.ingest.IngestRun;
import org.junit.jupiter.api.Test;

class QueryRunTest {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @Test
    void reportsLatencyAndStatusesPerEndpoint() throws Exception {
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().toString();
                paths.add(path);
                // The platform endpoints do not exist yet in this fake: their 404s must show up as errors.
                int status = path.startsWith("/v1/platform/") ? 404 : 200;
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        try {
            QuerySettings settings = new QuerySettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    400, Duration.ofMillis(500), Duration.ofMillis(250), 4, 100, 1.1, 1, "k", "UTC", Duration.ofSeconds(2),
                    QueryMix.REALISTIC);
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            QueryReport report = new QueryRun(settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                    IngestRun.defaultClient()).run();

            // 100 warm-up requests reach the server but not the report.
            assertThat(report.sent()).isEqualTo(200);
            assertThat(paths).hasSize(300);
            assertThat(report.endpoints()).containsOnlyKeys("activity", "summary", "geo", "credential-types",
                    "platform-institutions", "platform-geo");
            EndpointReport platform = report.endpoints().get("platform-institutions");
            assertThat(platform.ok()).isZero();
            assertThat(platform.statuses()).containsOnlyKeys("404");
            long platformErrors = platform.errors() + report.endpoints().get("platform-geo").errors();
            assertThat(report.errors()).isEqualTo(platformErrors);
            assertThat(report.ok()).isEqualTo(200 - platformErrors);
            assertThat(report.endpoints().get("activity").latencyMs().max()).isPositive();
            assertThat(Json.MAPPER.valueToTree(report).get("endpoints").get("summary").has("latency_ms")).isTrue();
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
