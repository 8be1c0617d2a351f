package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.credanalytics.query.QueryResponses.Activity;
import org.credanalytics.query.QueryResponses.ActivityPoint;
import org.credanalytics.query.QueryResponses.AnswerHeader;
import org.credanalytics.query.QueryResponses.Geo;
import org.credanalytics.query.QueryResponses.Location;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The shared header is unwrapped: on the wire its fields are the answer's own, also in {@code previous}. */
@Tag("fast")
class QueryResponsesTest {
    /** As the application configures it. */
    private static final ObjectMapper MAPPER = Jackson.newObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant AS_OF = Instant.parse("2026-03-07T12:00:00Z");
    private static final AnswerHeader HEADER = new AnswerHeader(7, LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-03-08"), "UTC", AS_OF);

    @Test
    void theHeaderFieldsAreTopLevelFieldsOfTheAnswer() throws JsonProcessingException {
        Geo geo = new Geo(HEADER, List.of(new Location("DE", 5, 4)), null);

        assertThat(MAPPER.writeValueAsString(geo)).isEqualTo("{\"institution_id\":7,\"from\":\"2026-03-01\","
                + "\"to\":\"2026-03-08\",\"tz\":\"UTC\",\"as_of\":\"2026-03-07T12:00:00Z\","
                + "\"locations\":[{\"location\":\"DE\",\"credentials_issued\":5,\"unique_recipients\":4}]}");
    }

    @Test
    void aComparedAnswerKeepsItsHeaderAndThePreviousAnswerHasItsOwn() {
        ActivityPoint point = new ActivityPoint(LocalDate.parse("2026-03-01"), 3, 3, null, 6, 1, 2, Map.of());
        Activity before = new Activity(new AnswerHeader(7, LocalDate.parse("2026-02-22"), LocalDate.parse("2026-03-01"),
                "UTC", AS_OF), "week", List.of(point), null);
        Activity now = new Activity(HEADER, "week", List.of(point), null);

        JsonNode json = MAPPER.valueToTree(Compare.PREVIOUS_PERIOD.attach(now, new QueryRange(
                LocalDate.parse("2026-02-22"), LocalDate.parse("2026-03-01"), ZoneOffset.UTC), before));

        assertThat(fieldNames(json)).containsExactlyInAnyOrder("institution_id", "granularity", "tz", "as_of", "from", "to",
                "points", "comparison");
        JsonNode previous = json.get("comparison").get("previous");
        assertThat(fieldNames(previous)).containsExactlyInAnyOrder("institution_id", "granularity", "tz", "as_of", "from",
                "to", "points");
        assertThat(previous.get("from").asText()).isEqualTo("2026-02-22");
        assertThat(json.get("from").asText()).isEqualTo("2026-03-01");
        assertThat(json.get("comparison").get("change_percent").get("credentials_issued").asDouble()).isZero();
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
