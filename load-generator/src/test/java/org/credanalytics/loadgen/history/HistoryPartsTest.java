package org.credanalytics.loadgen.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.credanalytics.loadgen.gen.GenerateCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What would be sent: the parts decoded as the service would decode them. */
@Tag("fast")
class HistoryPartsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] ARGS = {"--until", "2026-03-01T00:00:00Z", "--days", "60", "--events", "10050",
        "--part-events", "2000", "--seed", "5"};

    @Test
    void splitsTheHistoryIntoFullPartsAndARemainderOfContiguousEvents() {
        HistoryParts parts = HistoryEventsTest.settings(ARGS).newParts();
        List<Part> made = new ArrayList<>();
        while (parts.hasNext()) {
            made.add(parts.next());
        }

        assertThat(made).extracting(Part::number).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(made).extracting(Part::events).containsExactly(2000, 2000, 2000, 2000, 2000, 50);
        assertThat(made).extracting(Part::firstSequence).containsExactly(0L, 2000L, 4000L, 6000L, 8000L, 10000L);
        long sequence = 0;
        for (Part part : made) {
            List<JsonNode> lines = decode(part);
            assertThat(lines).hasSize(part.events());
            for (JsonNode event : lines) {
                assertThat(event.get("event_id").asText()).isEqualTo("hist-5-" + sequence++);
                assertThat(event.properties()).extracting(java.util.Map.Entry::getKey)
                        .containsExactly("event_id", "event_type", "institution_id", "occurred_at", "metadata");
            }
            assertThat(Instant.parse(lines.get(0).get("occurred_at").asText()).toEpochMilli()).isEqualTo(part.firstMillis());
            assertThat(Instant.parse(lines.get(lines.size() - 1).get("occurred_at").asText()).toEpochMilli())
                    .isEqualTo(part.lastMillis());
            assertThat(part.gzipNdjson().length).isLessThan((int) part.rawBytes() / 3);
        }
        assertThatThrownBy(parts::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void thePartsTogetherAreExactlyTheNdjsonOfTheWholeHistory() throws IOException {
        HistorySettings settings = HistoryEventsTest.settings(ARGS);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        GenerateCommand.write(settings.newEvents(), settings.events(), GenerateCommand.Format.NDJSON, whole);

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        HistoryParts parts = settings.newParts();
        long rawBytes = 0;
        while (parts.hasNext()) {
            Part part = parts.next();
            byte[] ndjson = gunzip(part.gzipNdjson());
            assertThat(ndjson).hasSize((int) part.rawBytes()).endsWith((byte) '\n');
            joined.write(ndjson);
            rawBytes += part.rawBytes();
        }

        assertThat(joined.toByteArray()).isEqualTo(whole.toByteArray());
        assertThat(rawBytes).isEqualTo(whole.size());
    }

    @Test
    void anEmptyHistoryIsOneEmptyPartSoThatTheImportStillExists() {
        HistoryParts parts = HistoryEventsTest.settings("--until", "2026-03-01T00:00:00Z", "--events", "0").newParts();

        Part only = parts.next();

        assertThat(only.events()).isZero();
        assertThat(gunzip(only.gzipNdjson())).isEmpty();
        assertThat(parts.hasNext()).isFalse();
    }

    @Test
    void refusesAPartOverTheBodyLimitBeforeSendingIt() {
        HistoryParts parts = HistoryEventsTest.settings("--until", "2026-03-01T00:00:00Z", "--events", "1000",
                "--part-events", "1000", "--max-part-mib", "0").newParts();

        assertThatThrownBy(parts::next).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("part 1").hasMessageContaining("--part-events");
    }

    static List<JsonNode> decode(Part part) {
        String text = new String(gunzip(part.gzipNdjson()), StandardCharsets.UTF_8);
        List<JsonNode> events = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                try {
                    events.add(MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return events;
    }

    static byte[] gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
