package org.credanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad-input case gets a 4xx naming the event and field, and nothing of the request is stored. */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class BadInputTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create();
    static final Instant AT = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    static final String VALID = Events.issued("ok-1", 1, AT);

    private Http http;

    @BeforeEach
    void connect() {
        http = new Http(APP.getLocalPort());
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(TestDatabase.get().count("SELECT count(*) FROM analytics_events")).isZero();
    }

    static Stream<Arguments> invalidSecondEvent() {
        return Stream.of(
                Arguments.of("wrong type for institution_id", event("\"institution_id\": \"42\""), "institution_id"),
                Arguments.of("fractional institution_id", event("\"institution_id\": 4.5"), "institution_id"),
                Arguments.of("negative institution_id", event("\"institution_id\": -3"), "institution_id"),
                Arguments.of("institution_id beyond bigint", event("\"institution_id\": 99999999999999999999"), "institution_id"),
                Arguments.of("missing event_type", "{\"institution_id\": 1, \"occurred_at\": \"" + AT + "\"}", "event_type"),
                Arguments.of("missing institution_id", "{\"event_type\": \"credential_issued\", \"occurred_at\": \"" + AT + "\"}", "institution_id"),
                Arguments.of("missing occurred_at", "{\"event_type\": \"credential_issued\", \"institution_id\": 1}", "occurred_at"),
                Arguments.of("bad event_type", event("\"event_type\": \"Credential Issued\""), "event_type"),
                Arguments.of("event_type not a string", event("\"event_type\": 12"), "event_type"),
                Arguments.of("bad timestamp", event("\"occurred_at\": \"2026-13-45T10:00:00Z\""), "occurred_at"),
                Arguments.of("timestamp without offset", event("\"occurred_at\": \"2026-03-01T10:15:00\""), "occurred_at"),
                Arguments.of("timestamp as a number", event("\"occurred_at\": 1767225600"), "occurred_at"),
                Arguments.of("more than a day in the future",
                        event("\"occurred_at\": \"" + Instant.now().plus(25, ChronoUnit.HOURS) + "\""), "occurred_at"),
                Arguments.of("event_id too long", event("\"event_id\": \"" + "x".repeat(129) + "\""), "event_id"),
                Arguments.of("event_id not a string", event("\"event_id\": 17"), "event_id"),
                Arguments.of("metadata not an object", event("\"metadata\": [1, 2]"), "metadata"),
                Arguments.of("metadata over 16 KiB",
                        event("\"metadata\": {\"note\": \"" + "y".repeat(17 * 1024) + "\"}"), "metadata"),
                Arguments.of("NUL character in metadata", event("\"metadata\": {\"a\": \"x\\u0000y\"}"), "metadata"),
                Arguments.of("lone surrogate in event_id", event("\"event_id\": \"a\\ud800b\""), "event_id"),
                Arguments.of("unknown field", event("\"ocurred_at\": \"" + AT + "\""), "ocurred_at"),
                Arguments.of("negative processing time", event("\"metadata\": {\"processing_time_ms\": -5}"),
                        "metadata.processing_time_ms"),
                Arguments.of("absurd processing time", event("\"metadata\": {\"processing_time_ms\": 1e308}"),
                        "metadata.processing_time_ms"),
                Arguments.of("processing time over 30 days", event("\"metadata\": {\"processing_time_ms\": 2592000001}"),
                        "metadata.processing_time_ms"),
                Arguments.of("processing time as text", event("\"metadata\": {\"processing_time_ms\": \"fast\"}"),
                        "metadata.processing_time_ms"),
                Arguments.of("processing time as a boolean", event("\"metadata\": {\"processing_time_ms\": true}"),
                        "metadata.processing_time_ms"));
    }

    /** A valid event with one field replaced or added. */
    private static String event(String field) {
        String name = field.substring(0, field.indexOf(':'));
        String base = "{\"event_id\": \"bad-1\", \"event_type\": \"credential_issued\", \"institution_id\": 1, \"occurred_at\": \"" + AT + "\"}";
        String replaced = base.replaceFirst(java.util.regex.Pattern.quote(name) + ": (\"[^\"]*\"|[0-9]+)", java.util.regex.Matcher.quoteReplacement(field));
        return replaced.equals(base) ? base.replace("}", ", " + field + "}") : replaced;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSecondEvent")
    void rejectsTheWholeBatchAndNamesTheEventAndField(String description, String invalid, String field) {
        Http.Reply reply = http.post("/v1/events/batch", "application/json", Events.array(VALID, invalid));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        JsonNode error = reply.json().get("errors").get(0);
        assertThat(reply.json().get("code").asInt()).isEqualTo(400);
        assertThat(error.get("index").asInt()).isEqualTo(1);
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("message").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSecondEvent")
    void rejectsTheSameEventsSentAlone(String description, String invalid, String field) {
        Http.Reply reply = http.post("/v1/events", "application/json", invalid);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
    }

    @Test
    void reportsEveryInvalidEvent() {
        Http.Reply reply = http.post("/v1/events/batch", "application/json",
                Events.array(event("\"institution_id\": 0"), VALID, event("\"occurred_at\": \"yesterday\"")));

        assertThat(reply.json().get("errors")).extracting(e -> e.get("index").asInt() + ":" + e.get("field").asText())
                .containsExactly("0:institution_id", "2:occurred_at");
    }

    @Test
    void rejectsMalformedJsonWithTheIndexReached() {
        Http.Reply reply = http.post("/v1/events/batch", "application/json", "[" + VALID + ", {\"event_id\": ");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).startsWith("malformed JSON");
        assertThat(reply.json().get("errors").get(0).get("index").asInt()).isEqualTo(1);
    }

    @Test
    void rejectsMalformedNdjsonLine() {
        Http.Reply reply = http.post("/v1/events/batch", "application/x-ndjson",
                VALID.replace("\n", " ") + "\n{not json}\n");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("index").asInt()).isEqualTo(1);
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] body = ("[" + VALID + ", {\"event_id\": \"\u0000\"}]").getBytes(StandardCharsets.UTF_8);
        byte[] broken = new String(body, StandardCharsets.UTF_8).replace("\u0000", "_").getBytes(StandardCharsets.UTF_8);
        int at = new String(broken, StandardCharsets.UTF_8).lastIndexOf('_');
        broken[at] = (byte) 0xC3; // a lead byte followed by '"': not UTF-8

        assertThat(http.post("/v1/events/batch", "application/json", broken).status()).isEqualTo(400);
    }

    @Test
    void rejectsDuplicateKeysInAnEvent() {
        String twice = "{\"event_type\": \"credential_issued\", \"institution_id\": 1, \"institution_id\": 2, \"occurred_at\": \"" + AT + "\"}";

        assertThat(http.post("/v1/events", "application/json", twice).status()).isEqualTo(400);
    }

    @Test
    void rejectsANonArrayBatch() {
        assertThat(http.post("/v1/events/batch", "application/json", VALID).status()).isEqualTo(400);
    }

    @Test
    void rejectsAnEmptyBatch() {
        Http.Reply reply = http.post("/v1/events/batch", "application/json", "[]");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).contains("no events");
    }

    @Test
    void rejectsTooManyEvents() {
        Http.Reply reply = http.post("/v1/events/batch", "application/json", Events.batch("many", 10_001, 1, AT));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("message").asText()).contains("at most 10000");
    }

    @Test
    void rejectsAnOversizedBody() {
        String huge = "[" + VALID + ", {\"pad\": \"" + "z".repeat(16 * 1024 * 1024) + "\"}]";

        Http.Reply reply = http.post("/v1/events/batch", "application/json", huge);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("code").asInt()).isEqualTo(413);
    }

    @Test
    void rejectsAnUnsupportedContentType() {
        Http.Reply reply = http.post("/v1/events/batch", "text/plain", Events.array(VALID));

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("Content-Type");
    }

    @Test
    void rejectsAMissingContentType() {
        assertThat(http.post("/v1/events", null, VALID).status()).isEqualTo(415);
    }

    @Test
    void rejectsNdjsonOnTheSingleEventEndpoint() {
        assertThat(http.post("/v1/events", "application/x-ndjson", VALID.replace("\n", " ")).status()).isEqualTo(415);
    }

    @Test
    void rejectsAForeignCharset() {
        assertThat(http.post("/v1/events", "application/json; charset=iso-8859-1", VALID).status()).isEqualTo(415);
    }
}
