package org.credanalytics.loadgen.gen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.credanalytics.loadgen.Scenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class EventEncoderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:00Z");

    @Test
    void jsonArrayCarriesEveryEventInOrder() throws IOException {
        List<Event> events = EventGeneratorTest.generate(Scenario.STEADY, 1, 300);

        JsonNode array = MAPPER.readTree(new EventEncoder().jsonArray(events));

        assertThat(array.size()).isEqualTo(300);
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            JsonNode json = array.get(i);
            assertThat(json.get("event_id").asText()).isEqualTo(event.eventId());
            assertThat(json.get("event_type").asText()).isEqualTo(event.kind().wireName());
            assertThat(json.get("institution_id").asLong()).isEqualTo(event.institutionId());
            assertThat(Instant.parse(json.get("occurred_at").asText()).toEpochMilli()).isEqualTo(event.occurredAtMillis());
        }
    }

    @Test
    void ndjsonHasOneEventPerLine() throws IOException {
        List<Event> events = EventGeneratorTest.generate(Scenario.STEADY, 1, 50);

        String body = new String(new EventEncoder().ndjson(events), StandardCharsets.UTF_8);

        String[] lines = body.split("\n");
        assertThat(body).endsWith("}\n");
        assertThat(lines).hasSize(50);
        for (int i = 0; i < lines.length; i++) {
            assertThat(MAPPER.readTree(lines[i]).get("event_id").asText()).isEqualTo(events.get(i).eventId());
        }
    }

    @Test
    void csvRowsFollowTheCopyColumnOrder() throws IOException {
        List<Event> events = EventGeneratorTest.generate(Scenario.STEADY, 1, 200);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvEventWriter csv = new CsvEventWriter(new EventEncoder(), out);
        for (Event event : events) {
            csv.write(event);
        }

        String[] rows = out.toString(StandardCharsets.UTF_8).split("\n");

        assertThat(rows).hasSize(200);
        for (int i = 0; i < rows.length; i++) {
            Event event = events.get(i);
            List<String> columns = parseCsv(rows[i]);
            assertThat(columns).hasSize(5);
            assertThat(columns.get(0)).isEqualTo(event.eventId());
            assertThat(columns.get(1)).isEqualTo(event.kind().wireName());
            assertThat(columns.get(2)).isEqualTo(Long.toString(event.institutionId()));
            assertThat(OffsetDateTime.parse(columns.get(3)).toInstant().toEpochMilli()).isEqualTo(event.occurredAtMillis());
            JsonNode metadata = MAPPER.readTree(columns.get(4));
            assertThat(metadata.get("credential_type").asText()).isEqualTo(event.metadata().credentialType());
        }
    }

    @Test
    void everyDefectBreaksAnIngestRule() throws IOException {
        Event valid = EventGeneratorTest.generate(Scenario.STEADY, 1, 1).get(0);
        assertThat(IngestRules.problem(encode(valid), NOW)).isNull();

        for (Defect defect : Defect.invalid()) {
            assertThat(IngestRules.problem(encode(valid.withDefect(defect)), NOW)).as(defect.name()).isNotNull();
        }
    }

    @Test
    void timestampsMatchJavaTimeFormatting() {
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        IsoTimestamps timestamps = new IsoTimestamps();
        SplittableRandom random = new SplittableRandom(3);
        long base = NOW.toEpochMilli();
        for (int i = 0; i < 10_000; i++) {
            // Mostly nearby instants (the cached path), sometimes anywhere from 1970 to 2100.
            long millis = i % 10 == 0 ? random.nextLong(4_102_444_800_000L) : base + random.nextLong(5_000);
            assertThat(timestamps.formatToString(millis)).isEqualTo(reference.format(Instant.ofEpochMilli(millis)));
        }
    }

    private static JsonNode encode(Event event) throws IOException {
        return MAPPER.readTree(new EventEncoder().jsonArray(List.of(event))).get(0);
    }

    private static List<String> parseCsv(String row) {
        List<String> columns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                columns.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        columns.add(current.toString());
        return columns;
    }
}
