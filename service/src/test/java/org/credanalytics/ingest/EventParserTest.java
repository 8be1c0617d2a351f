package org.credanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.credanalytics.api.ApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class EventParserTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private final EventParser parser = new EventParser(EventJson.mapper(),
            new EventValidator(EventJson.mapper(), 16 * 1024, Duration.ofDays(1), Duration.ofDays(30)), 3,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String event(String id, String occurredAt) {
        return "{\"event_id\":\"" + id + "\",\"event_type\":\"credential_issued\",\"institution_id\":1,\"occurred_at\":\"" + occurredAt + "\"}";
    }

    @Test
    void ndjsonSkipsBlankLinesAndAcceptsCrlf() {
        List<Event> events = parser.parseNdjson(utf8(event("a", "2026-03-01T10:00:00+02:00") + "\r\n\r\n  \n" + event("b", "2026-03-01T10:00:00Z")));

        assertThat(events).extracting(Event::eventId).containsExactly("a", "b");
        assertThat(events.get(0).occurredAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
    }

    @Test
    void timestampsAreKeptToTheMicrosecond() {
        List<Event> events = parser.parseSingle(utf8(event("a", "2026-03-01T10:00:00.123456789Z")));

        assertThat(events.get(0).occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
    }

    @Test
    void aDayAheadIsAcceptedButNotMore() {
        assertThat(parser.parseSingle(utf8(event("a", "2026-03-11T12:00:00Z")))).hasSize(1);
        assertThatThrownBy(() -> parser.parseSingle(utf8(event("a", "2026-03-11T12:00:01Z"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("occurred_at"));
    }

    @Test
    void eventsOlderThanTheRawRetentionAreRefusedNamingOccurredAt() {
        assertThat(parser.parseSingle(utf8(event("a", "2026-02-08T12:00:00Z")))).as("30 days ago").hasSize(1);
        assertThatThrownBy(() -> parser.parseSingle(utf8(event("a", "2026-02-08T11:59:59Z"))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("occurred_at");
                    assertThat(e.errors().get(0).message()).contains("30 day(s)").contains("retention.rawEvents");
                });
    }

    @Test
    void processingTimesFromZeroToThirtyDaysAreAcceptedButNotBeyond() {
        for (String ms : List.of("0", "12.5", "950", "2592000000", "null")) {
            String withTime = event("a", "2026-03-01T10:00:00Z").replace("}", ",\"metadata\":{\"processing_time_ms\":" + ms + "}}");
            assertThat(parser.parseSingle(utf8(withTime))).as(ms).hasSize(1);
        }
        for (String ms : List.of("-0.5", "2592000000.5", "1e308", "\"950\"", "[1]")) {
            String withTime = event("a", "2026-03-01T10:00:00Z").replace("}", ",\"metadata\":{\"processing_time_ms\":" + ms + "}}");
            assertThatThrownBy(() -> parser.parseSingle(utf8(withTime))).as(ms).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.errors().get(0).field()).isEqualTo("metadata.processing_time_ms"));
        }
    }

    @Test
    void countsEventsAgainstTheLimitBeforeDecodingTheRest() {
        String four = "[" + String.join(",", event("a", "2026-03-01T10:00:00Z"), event("b", "2026-03-01T10:00:00Z"),
                event("c", "2026-03-01T10:00:00Z"), event("d", "2026-03-01T10:00:00Z")) + "]";

        assertThatThrownBy(() -> parser.parseJsonArray(utf8(four)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void rejectsContentAfterTheArray() {
        assertThatThrownBy(() -> parser.parseJsonArray(utf8("[" + event("a", "2026-03-01T10:00:00Z") + "] []")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        String deep = "{\"x\":".repeat(40) + "1" + "}".repeat(40);
        String body = "{\"event_type\":\"credential_issued\",\"institution_id\":1,\"occurred_at\":\"2026-03-01T10:00:00Z\",\"metadata\":" + deep + "}";

        assertThatThrownBy(() -> parser.parseSingle(utf8(body)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).startsWith("malformed JSON"));
    }

    @Test
    void rejectsNumbersJsonbCannotHold() {
        String body = "{\"event_type\":\"credential_issued\",\"institution_id\":1,\"occurred_at\":\"2026-03-01T10:00:00Z\",\"metadata\":{\"n\":1e999}}";

        assertThatThrownBy(() -> parser.parseSingle(utf8(body)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("metadata"));
    }
}
