package org.credanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class IngestApiTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create();
    static final Instant AT = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private final TestDatabase db = TestDatabase.get();
    private Http http;

    @BeforeEach
    void connect() {
        http = new Http(APP.getLocalPort());
    }

    @Test
    void singleEventIsStoredWithEveryField() {
        Http.Reply reply = http.post("/v1/events", "application/json", Events.issued("c-991", 42, AT));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(reply.json().get("duplicates").asInt()).isZero();
        Map<String, Object> row = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT event_id, event_type, institution_id, issued_at, metadata->>'credential_type' AS credential_type,
                       (metadata->>'processing_time_ms')::int AS processing_time_ms, created_at IS NOT NULL AS has_created_at
                FROM analytics_events""").mapToMap().one());
        assertThat(row).containsEntry("event_id", "c-991").containsEntry("event_type", "credential_issued")
                .containsEntry("institution_id", 42L).containsEntry("credential_type", "First Aid")
                .containsEntry("processing_time_ms", 950).containsEntry("has_created_at", true);
        assertThat(((java.time.OffsetDateTime) db.jdbi().withHandle(h -> h.createQuery(
                "SELECT issued_at FROM analytics_events").mapTo(java.time.OffsetDateTime.class).one())).toInstant())
                .isEqualTo(AT);
    }

    @Test
    void batchAsJsonArrayIsStored() {
        Http.Reply reply = http.post("/v1/events/batch", "application/json", Events.batch("b", 500, 7, AT));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("accepted").asInt()).isEqualTo(500);
        assertThat(db.count("SELECT count(*) FROM analytics_events WHERE institution_id = 7")).isEqualTo(500);
    }

    @Test
    void batchAsNdjsonIsStored() {
        String ndjson = Events.issued("n-1", 7, AT).replace("\n", " ") + "\r\n\n"
                + Events.issued("n-2", 8, AT).replace("\n", " ") + "\n";

        Http.Reply reply = http.post("/v1/events/batch", "application/x-ndjson", ndjson);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(2);
    }

    @Test
    void metadataKeepsExtraKeysAndIsOptional() {
        String withExtra = """
                {"event_type": "credential_viewed", "institution_id": 3, "occurred_at": "%s",
                 "metadata": {"viewer_id": "v-1", "custom": {"nested": [1, 2.5, true, null]}}}""".formatted(AT);
        String bare = """
                {"event_type": "credential_shared", "institution_id": 3, "occurred_at": "%s"}""".formatted(AT);

        assertThat(http.post("/v1/events/batch", "application/json", Events.array(withExtra, bare)).status()).isEqualTo(200);

        assertThat(db.count("SELECT count(*) FROM analytics_events WHERE metadata #> '{custom,nested}' = '[1, 2.5, true, null]'::jsonb"))
                .isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM analytics_events WHERE metadata IS NULL AND event_id IS NULL")).isEqualTo(1);
    }

    @Test
    void retriedBatchIsStoredOnce() {
        String batch = Events.batch("r", 300, 9, AT);
        http.post("/v1/events/batch", "application/json", batch);

        Http.Reply retry = http.post("/v1/events/batch", "application/json", batch);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("accepted").asInt()).isZero();
        assertThat(retry.json().get("duplicates").asInt()).isEqualTo(300);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(300);
    }

    @Test
    void sameBatchSentConcurrentlyIsStoredOnce() {
        byte[] batch = Events.batch("c", 400, 11, AT).getBytes(StandardCharsets.UTF_8);

        List<JsonNode> replies = IntStream.range(0, 12)
                .mapToObj(i -> http.postAsync("/v1/events/batch", "application/json", batch))
                .toList().stream().map(CompletableFuture::join)
                .peek(reply -> assertThat(reply.status()).isEqualTo(200))
                .map(Http.Reply::json).toList();

        assertThat(replies.stream().mapToInt(r -> r.get("accepted").asInt()).sum()).isEqualTo(400);
        assertThat(replies.stream().mapToInt(r -> r.get("duplicates").asInt()).sum()).isEqualTo(11 * 400);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(400);
    }

    @Test
    void partlyRetriedBatchStoresOnlyTheNewEvents() {
        http.post("/v1/events/batch", "application/json", Events.batch("p", 10, 5, AT));
        String mixed = Events.array(Events.issued("p-3", 5, AT), Events.issued("p-new", 5, AT), Events.issued("p-new", 5, AT));

        Http.Reply reply = http.post("/v1/events/batch", "application/json", mixed);

        assertThat(reply.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(reply.json().get("duplicates").asInt()).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(11);
    }

    @Test
    void sameEventIdInAnotherInstitutionIsNotADuplicate() {
        Http.Reply reply = http.post("/v1/events/batch", "application/json",
                Events.array(Events.issued("x-1", 1, AT), Events.issued("x-1", 2, AT)));

        assertThat(reply.json().get("accepted").asInt()).isEqualTo(2);
    }

    @Test
    void eventsWithoutIdAreNeverDeduplicated() {
        String anonymous = """
                {"event_type": "credential_viewed", "institution_id": 4, "occurred_at": "%s"}""".formatted(AT);

        http.post("/v1/events", "application/json", anonymous);
        http.post("/v1/events", "application/json", anonymous);

        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(2);
    }
}
