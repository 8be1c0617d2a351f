package org.credanalytics.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.TestDatabase;
import org.credanalytics.testing.TestKeys;

/**
 * Drives a running service through every path the dashboards watch: ingest (accepted, duplicate
 * and rejected events), every query endpoint (and one bad request), a completed rollup step and
 * a fresh shard snapshot.
 * Every request carries the suite's admin key.
 */
final class ServiceTraffic {
    static final List<String> QUERY_PATHS = List.of(
            "/v1/institutions/%d/activity?from=%s&to=%s&granularity=day",
            "/v1/institutions/%d/summary?from=%s&to=%s",
            "/v1/institutions/%d/geo?from=%s&to=%s",
            "/v1/institutions/%d/credential-types?from=%s&to=%s&limit=10",
            "/v1/platform/institutions?from=%2$s&to=%3$s&limit=20",
            "/v1/platform/geo?from=%2$s&to=%3$s");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ServiceTraffic(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Events of three institutions an hour ago, queries for them, and a rollup step that includes them. */
    void drive(String prefix) throws InterruptedException {
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        for (long institution = 1; institution <= 3; institution++) {
            String batch = Events.batch(prefix + "-" + institution, 50, institution, at);
            assertThat(send(post("/v1/events/batch", batch)).statusCode()).isEqualTo(200);
            assertThat(send(post("/v1/events/batch", batch)).statusCode()).as("duplicates").isEqualTo(200);
        }
        assertThat(send(post("/v1/events", "{\"event_type\": \"credential_issued\"}")).statusCode()).isEqualTo(400);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String path : QUERY_PATHS) {
            for (long institution = 1; institution <= 3; institution++) {
                String uri = path.formatted(institution, today.minusDays(7), today.plusDays(1));
                assertThat(send(get(uri)).statusCode()).as(uri).isEqualTo(200);
            }
        }
        assertThat(send(get("/v1/institutions/1/summary?from=2026-03-01&to=2026-04-01&tz=Nowhere/Void")).statusCode())
                .isEqualTo(400);
        awaitRollupCaughtUp();
        // A fresh shard snapshot, so that the tenant gauges include these institutions.
        HttpResponse<String> shards = send(get("/v1/cluster/shards?refresh=true"));
        assertThat(shards.statusCode()).as(shards.body()).isEqualTo(200);
        assertThat(shards.body()).contains("\"top_tenants\":[{");
    }

    /** Waits until the rollup job's progress covers every stored event (the job runs every 200 ms in these tests). */
    static void awaitRollupCaughtUp() throws InterruptedException {
        TestDatabase db = TestDatabase.get();
        long newest = db.count("SELECT COALESCE(max(id), 0) FROM analytics_events");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (db.count("SELECT COALESCE(max(last_id), 0) FROM rollup_progress WHERE name = 'events'") < newest) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the rollup job did not reach event id " + newest + " within 60 s");
            }
            Thread.sleep(100);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TestKeys.ADMIN);
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest post(String path, String json) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
