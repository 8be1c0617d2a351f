package org.credanalytics.loadgen.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.credanalytics.loadgen.Scenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class EventGeneratorTest {
    private static final long NOW = OffsetDateTime.parse("2026-03-01T10:15:00Z").toInstant().toEpochMilli();
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,49}");
    private static final long DAY = 86_400_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void generatedEventsFollowTheIngestRules() throws IOException {
        List<Event> events = generate(Scenario.STEADY, 1, 20_000);
        JsonNode array = MAPPER.readTree(new EventEncoder().jsonArray(events));
        Set<String> issued = new HashSet<>();

        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            JsonNode json = array.get(i);
            assertThat(json.properties()).extracting(Map.Entry::getKey)
                    .containsExactlyInAnyOrder("event_id", "event_type", "institution_id", "occurred_at", "metadata");
            assertThat(json.get("event_id").asText()).startsWith("run-7-").hasSizeLessThanOrEqualTo(128)
                    .isEqualTo("run-7-" + event.sequence());
            assertThat(json.get("event_type").asText()).matches(EVENT_TYPE);
            assertThat(json.get("institution_id").isIntegralNumber()).isTrue();
            assertThat(json.get("institution_id").asLong()).isBetween(1L, 1000L);
            long occurredAt = OffsetDateTime.parse(json.get("occurred_at").asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant().toEpochMilli();
            assertThat(occurredAt).isBetween(NOW - 5 * 60_000, NOW);
            JsonNode metadata = json.get("metadata");
            assertThat(metadata.isObject()).isTrue();
            assertThat(MAPPER.writeValueAsBytes(metadata).length).isLessThan(16 * 1024);
            assertThat(metadata.get("credential_type").asText()).isIn(Catalog.CREDENTIAL_TYPES.values());
            assertThat(metadata.get("recipient_location").asText()).isIn(Catalog.COUNTRIES.values());
            switch (event.kind()) {
                case ISSUED -> {
                    assertThat(metadata.get("processing_time_ms").asInt()).isPositive();
                    issued.add(event.eventId());
                }
                case VIEWED -> {
                    assertThat(metadata.get("viewer_id").asText()).startsWith("v-");
                    assertThat(issued).contains(metadata.get("credential_id").asText());
                }
                case SHARED -> assertThat(issued).contains(metadata.get("credential_id").asText());
            }
        }
    }

    @Test
    void sixtyPercentAreIssuedThirtyViewedTenShared() {
        Map<EventKind, Integer> counts = new EnumMap<>(EventKind.class);
        for (Event event : generate(Scenario.STEADY, 1, 100_000)) {
            counts.merge(event.kind(), 1, Integer::sum);
        }
        assertThat(counts.get(EventKind.ISSUED) / 100_000.0).isCloseTo(0.6, within(0.01));
        assertThat(counts.get(EventKind.VIEWED) / 100_000.0).isCloseTo(0.3, within(0.01));
        assertThat(counts.get(EventKind.SHARED) / 100_000.0).isCloseTo(0.1, within(0.01));
    }

    @Test
    void recipientsRecurWithinAnInstitution() {
        Map<String, Integer> recipients = new HashMap<>();
        for (Event event : generate(Scenario.STEADY, 1, 50_000)) {
            if (event.kind() == EventKind.ISSUED) {
                recipients.merge(event.metadata().recipientId(), 1, Integer::sum);
            }
        }
        long issuances = recipients.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(recipients.size()).isLessThan((int) (issuances * 0.9));
    }

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedDoesNot() {
        EventEncoder encoder = new EventEncoder();
        byte[] first = encoder.jsonArray(generate(Scenario.LATE, 3, 5_000));
        byte[] again = encoder.jsonArray(generate(Scenario.LATE, 3, 5_000));
        byte[] other = encoder.jsonArray(generate(Scenario.LATE, 4, 5_000));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void hotTenantTakesHalfOfTheEvents() {
        int n = 100_000;
        long hot = generate(Scenario.HOT_TENANT, 1, n).stream().filter(e -> e.institutionId() == 1000).count();
        assertThat(hot / (double) n).isCloseTo(0.5, within(0.02));
    }

    @Test
    void steadyFollowsZipfWithoutAHotTenant() {
        int n = 100_000;
        List<Event> events = generate(Scenario.STEADY, 1, n);
        long top = events.stream().filter(e -> e.institutionId() == 1).count();
        long last = events.stream().filter(e -> e.institutionId() == 1000).count();
        assertThat(top / (double) n).isCloseTo(new ZipfSampler(1000, 1.1).probability(1), within(0.01));
        assertThat(last).isLessThan(n / 1000);
    }

    @Test
    void lateScenarioMakesFivePercentOfEventsOneToTwentyFiveDaysOld() {
        int n = 100_000;
        int late = 0;
        for (Event event : generate(Scenario.LATE, 1, n)) {
            long age = NOW - event.occurredAtMillis();
            if (age >= DAY) {
                assertThat(age).isLessThanOrEqualTo(25 * DAY);
                late++;
            } else {
                assertThat(age).isLessThanOrEqualTo(5 * 60_000);
            }
        }
        assertThat(late / (double) n).isCloseTo(0.05, within(0.005));
    }

    @Test
    void atClockReadingsEventsOccurExactlyWhenTheClockSays() {
        long[] next = {NOW - 365 * DAY};
        EventGenerator generator = EventGenerator.atClockReadings(
                new GeneratorSettings("hist-1", 1, 1000, 1.1, Scenario.STEADY), () -> next[0] += 1_000);

        for (int i = 1; i <= 1_000; i++) {
            assertThat(generator.next().occurredAtMillis()).isEqualTo(NOW - 365 * DAY + i * 1_000L);
        }
    }

    static List<Event> generate(Scenario scenario, long seed, int count) {
        EventGenerator generator = new EventGenerator(new GeneratorSettings("run-7", seed, 1000, 1.1, scenario), () -> NOW);
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(generator.next());
        }
        return events;
    }
}
