package org.credanalytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.retention.PartitionMaintenance;
import org.credanalytics.retention.RetentionConfiguration;
import org.credanalytics.retention.RetentionMetrics;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.StoredEvents;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /v1/admin/recompute} through the real server: it rebuilds one institution's rollups
 * from the raw events after a correction, leaves the others alone, refuses ranges whose raw events
 * expired or bad parameters with a 400 naming the parameter, and runs alongside ingest and the
 * rollup job without double counting, readers seeing old or new totals, never a mix. Fixed seeds.
 */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class RecomputeApiTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("rollup.interval", "100ms"));

    private final TestDatabase db = TestDatabase.get();
    private final StoredEvents stored = new StoredEvents(db.jdbi());
    private final Instant now = Instant.now();
    private final LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    private Http http;

    @BeforeEach
    void connect() {
        http = new Http(APP.getLocalPort());
    }

    @Test
    void rebuildsOneInstitutionsRollupsFromTheRawEventsAfterACorrection() throws Exception {
        ingest(new Random(1), "c", 3_000, 5, 2, now.minus(Duration.ofDays(4)), now);
        stored.awaitRollupCaughtUp();
        LocalDate corrected = today.minusDays(2);
        // An operator removes one day's events of institution 5, which were sent by mistake.
        long removed = db.count("""
                WITH d AS (DELETE FROM analytics_events WHERE institution_id = 5
                           AND issued_at >= ? AND issued_at < ? RETURNING 1)
                SELECT count(*) FROM d""", corrected.atStartOfDay().atOffset(ZoneOffset.UTC),
                corrected.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        assertThat(removed).isPositive();
        long institution6Before = issued(6);

        Http.Reply reply = http.post("/v1/admin/recompute?institution_id=5&from=" + corrected + "&to=" + corrected.plusDays(1),
                "application/json", "");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("institution_id").asLong()).isEqualTo(5);
        assertThat(reply.json().get("rows_written").asLong()).isPositive();
        stored.assertRollupsEqualRawAggregates();
        assertThat(issued(5)).isEqualTo(db.count(
                "SELECT count(*) FROM analytics_events WHERE institution_id = 5 AND event_type = 'credential_issued'"));
        assertThat(issued(6)).isEqualTo(institution6Before);
    }

    @Test
    void runsAlongsideIngestAndTheRollupJobWithoutDoubleCountingAndReadersNeverSeeAMix() throws Exception {
        ingest(new Random(2), "base", 2_000, 9, 1, now.minus(Duration.ofDays(2)), now);
        stored.awaitRollupCaughtUp();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong acknowledged = new AtomicLong(2_000);
        CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> {
            Random random = new Random(3);
            for (int batch = 0; running.get(); batch++) {
                int status = http.post("/v1/events/batch", "application/json", Events.mixed(random, "live" + batch, 200,
                        9, 1, now.minus(Duration.ofDays(2)), now)).status();
                assertThat(status).isEqualTo(200);
                acknowledged.addAndGet(200);
            }
        });
        List<Long> totals = new ArrayList<>();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                totals.add(events(9));
            }
        });
        for (int i = 0; i < 15; i++) {
            Http.Reply reply = http.post("/v1/admin/recompute?institution_id=9&from=" + today.minusDays(3) + "&to="
                    + today.plusDays(1), "application/json", "");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        }
        running.set(false);
        ingest.join();
        reader.join();
        stored.awaitRollupCaughtUp();

        assertThat(totals).as("each answer counts every event acknowledged before it: never fewer than the last")
                .isSortedAccordingTo(Long::compare);
        assertThat(events(9)).isEqualTo(acknowledged.get());
        stored.assertRollupsEqualRawAggregates();
    }

    @Test
    void refusesARangeWhoseRawEventsExpiredAndAcceptsDaysThatNeverHadAPartition() throws Exception {
        // A young database: the days before its first partition never held events, so nothing expired.
        Http.Reply young = http.post("/v1/admin/recompute?institution_id=5&from=" + today.minusDays(7) + "&to=" + today,
                "application/json", "");
        assertThat(young.status()).as(young.body()).isEqualTo(200);

        LocalDate expiredDay = today.minusDays(20);
        db.createPartitions(expiredDay.atStartOfDay().toInstant(ZoneOffset.UTC),
                expiredDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        List<String> dropped = new ArrayList<>();
        new PartitionMaintenance(db.jdbi(), new RetentionConfiguration(), db.isCitus(),
                new RetentionMetrics(new SimpleMeterRegistry()), Clock.systemUTC())
                .dropEndedBefore(expiredDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), dropped, new ArrayList<>());
        assertThat(dropped).contains("analytics_events_p" + expiredDay.toString().replace("-", ""));

        Http.Reply reply = http.post("/v1/admin/recompute?institution_id=5&from=" + expiredDay + "&to=" + today,
                "application/json", "");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("from");
        assertThat(reply.json().get("message").asText()).contains("expired");
        Http.Reply after = http.post("/v1/admin/recompute?institution_id=5&from=" + expiredDay.plusDays(1) + "&to=" + today,
                "application/json", "");
        assertThat(after.status()).as("from the end of the newest dropped partition on: " + after.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "institution_id=0&from=2026-01-01&to=2026-01-02 | institution_id",
            "from=2026-01-01&to=2026-01-02 | institution_id",
            "institution_id=5&to=2026-01-02 | from",
            "institution_id=5&from=2026-01-02&to=2026-01-01 | to",
            "institution_id=5&from=2026-01-01&to=yesterday | to"})
    void badParametersGetA400NamingThem(String query, String field) {
        Http.Reply reply = http.post("/v1/admin/recompute?" + query, "application/json", "");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
    }

    private void ingest(Random random, String prefix, int count, long firstInstitution, int institutions, Instant from,
                        Instant to) {
        for (int sent = 0; sent < count; sent += 500) {
            assertThat(http.post("/v1/events/batch", "application/json", Events.mixed(random, prefix + sent, 500,
                    firstInstitution, institutions, from, to)).status()).isEqualTo(200);
        }
    }

    private long issued(long institution) {
        return summary(institution).get("credentials_issued").asLong();
    }

    private long events(long institution) {
        JsonNode events = summary(institution).get("events");
        long total = 0;
        for (JsonNode count : events) {
            total += count.asLong();
        }
        return total;
    }

    private JsonNode summary(long institution) {
        return http.get("/v1/institutions/" + institution + "/summary?from=" + today.minusDays(30) + "&to="
                + today.plusDays(1)).json();
    }
}
