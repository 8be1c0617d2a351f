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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
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
            assertThat(report.endpoints()).containsOnlyKeys("activity", "summary", "summary-compared", "geo",
                    "credential-types", "funnel", "platform-institutions", "platform-geo");
            assertThat(report.endpoints().get("summary-compared").sent()).as("not in the realistic mix").isZero();
            assertThat(report.endpoints().get("funnel").sent()).isPositive();
            EndpointReport platform = report.endpoints().get("platform-institutions");
            assertThat(platform.ok()).isZero();
            assertThat(platform.statuses()).containsOnlyKeys("404");
            long platformErrors = platform.errors() + report.endpoints().get("platform-geo").errors();
            assertThat(report.errors()).isEqualTo(platformErrors);
            assertThat(report.ok()).isEqualTo(200 - platformErrors);
            assertThat(report.endpoints().get("activity").latencyMs().max()).isPositive();
            assertThat(Json.MAPPER.valueToTree(report).get("endpoints").get("summary").has("latency_ms")).isTrue();
            assertThat(report.notModified()).isZero();
            assertThat(paths).allSatisfy(path -> assertThat(path).doesNotContain("format="));
        } finally {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Test
    void revalidatesEachPathWithItsLastTagAndCountsThe304sAsSuccesses() throws Exception {
        try (FakeDashboardService service = new FakeDashboardService(4)) {
            // One request in flight at a time, so that each one leaves after the previous answer for its path.
            QueryMix mix = new QueryMix(List.of(Endpoint.FUNNEL, Endpoint.SUMMARY_COMPARED), 7, null, ResponseFormat.CSV);
            QuerySettings settings = new QuerySettings(service.uri(), 200, Duration.ofMillis(600), Duration.ZERO, 1, 3,
                    1.1, 1, "k", "UTC", Duration.ofSeconds(2), mix, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            QueryReport report = new QueryRun(settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                    IngestRun.defaultClient()).run();

            String log = out.toString(StandardCharsets.UTF_8);
            assertThat(service.requests).hasSize(120);
            assertThat(service.requests).allSatisfy(seen -> {
                assertThat(seen.pathAndQuery()).endsWith("&format=csv");
                assertThat(seen.accept()).isEqualTo("text/csv");
                assertThat(seen.ifNoneMatch()).as(seen.pathAndQuery()).isEqualTo(seen.lastTagGiven());
            });
            long paths = service.requests.stream().map(FakeDashboardService.Seen::pathAndQuery).distinct().count();
            assertThat(service.requests.stream().filter(seen -> seen.ifNoneMatch() == null)).hasSize((int) paths);
            assertThat(report.sent()).isEqualTo(120);
            assertThat(report.errors()).as(log).isZero();
            assertThat(report.ok()).isEqualTo(120);
            assertThat(report.notModified()).isEqualTo(service.count(304)).isGreaterThan(60);
            EndpointReport funnel = report.endpoints().get("funnel");
            EndpointReport compared = report.endpoints().get("summary-compared");
            assertThat(funnel.notModified() + compared.notModified()).isEqualTo(report.notModified());
            assertThat(funnel.statuses()).containsOnlyKeys("200", "304").containsEntry("304", funnel.notModified());
            assertThat(compared.ok()).isEqualTo(compared.sent()).isPositive();
            assertThat(compared.latencyMs().max()).isPositive();
            assertThat(Json.MAPPER.valueToTree(report).get("endpoints").get("funnel").get("not_modified").asLong())
                    .isEqualTo(funnel.notModified());
            assertThat(Json.MAPPER.valueToTree(report).get("not_modified").asLong()).isEqualTo(report.notModified());
            assertThat(log).contains(", csv, revalidating").contains("revalidation: " + report.notModified() + " of 120");
        }
    }

    @Test
    void withoutRevalidationNoTagIsSentAndJsonIsAskedFor() throws Exception {
        try (FakeDashboardService service = new FakeDashboardService(4)) {
            QueryMix mix = new QueryMix(List.of(Endpoint.FUNNEL), 7, null);
            QuerySettings settings = new QuerySettings(service.uri(), 200, Duration.ofMillis(250), Duration.ZERO, 2, 1,
                    1.1, 1, "k", "UTC", Duration.ofSeconds(2), mix);

            QueryReport report = new QueryRun(settings, new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8), IngestRun.defaultClient()).run();

            assertThat(service.requests).isNotEmpty().allSatisfy(seen -> {
                assertThat(seen.ifNoneMatch()).isNull();
                assertThat(seen.accept()).isEqualTo("application/json");
            });
            assertThat(report.ok()).isEqualTo(report.sent()).isEqualTo(service.requests.size());
            assertThat(report.notModified()).isZero();
        }
    }

    @Test
    void a304ThatNoRequestAskedForIsAnError() {
        EndpointStats stats = new EndpointStats();

        stats.record(304, true, false, 1_000_000);
        stats.record(304, true, true, 1_000_000);
        stats.record(200, true, false, 1_000_000);

        EndpointReport report = stats.report();
        assertThat(report.ok()).isEqualTo(2);
        assertThat(report.errors()).isEqualTo(1);
        assertThat(report.notModified()).isEqualTo(1);
        assertThat(report.statuses()).containsEntry("304", 2L).containsEntry("200", 1L);
    }
}
