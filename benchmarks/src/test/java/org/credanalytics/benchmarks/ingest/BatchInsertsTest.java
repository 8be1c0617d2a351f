package org.credanalytics.benchmarks.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.credanalytics.benchmarks.BenchmarkDatabase;
import org.credanalytics.benchmarks.SampleEvents;
import org.credanalytics.ingest.Event;
import org.credanalytics.ingest.EventJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every write method must store exactly what binary COPY stores, or its numbers mean nothing. */
class BatchInsertsTest {
    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static BenchmarkDatabase database;
    private static BatchInserts inserts;

    @BeforeAll
    static void startDatabase() throws Exception {
        database = BenchmarkDatabase.start();
        // the edge cases' days, and the sample events' 30 days before NOW
        for (String day : new String[] {"1900-01-01", "1969-07-20"}) {
            database.createPartitions(LocalDate.parse(day), LocalDate.parse(day));
        }
        database.createPartitions(LocalDate.parse("2026-02-07"), LocalDate.parse("2026-03-11"));
        inserts = new BatchInserts(database.connect(BatchInserts.driverProperties()));
    }

    @AfterAll
    static void stopDatabase() throws SQLException {
        try {
            inserts.close();
        } finally {
            database.close();
        }
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        database.truncateAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"binaryCopy", "textCopy", "jdbcBatch", "unnest"})
    void storesEveryValueUnchanged(String method) throws Exception {
        List<Event> events = new ArrayList<>(awkwardEvents());
        events.addAll(SampleEvents.events(300, 7, NOW));

        long rows = switch (method) {
            case "binaryCopy" -> inserts.binaryCopy(events);
            case "textCopy" -> inserts.textCopy(events);
            case "jdbcBatch" -> inserts.jdbcBatch(events);
            case "unnest" -> inserts.unnest(events);
            default -> throw new IllegalArgumentException(method);
        };

        assertThat(rows).isEqualTo(events.size());
        assertThat(storedRows()).containsExactlyInAnyOrderElementsOf(events.stream().map(BatchInsertsTest::expected).toList());
    }

    /** Values that break naive escaping in one format or another. */
    private static List<Event> awkwardEvents() throws Exception {
        String metadata = "{\"note\":\"tab\\there, newline\\nthere, cr\\r, backslash \\\\, quote \\\", \\\\N, \\\\.\","
                + "\"name\":\"Zoë 😀\",\"nested\":{\"list\":[1,\"two\",null,true]}}";
        byte[] json = MAPPER.writeValueAsBytes(MAPPER.readTree(metadata));
        return List.of(
                new Event("tab\there", "credential_issued", 1, Instant.parse("2026-03-01T10:15:00.123456Z"), json),
                new Event("new\nline\rcr", "credential_issued", 1, Instant.parse("1969-07-20T20:17:40Z"), json),
                new Event("back\\slash \\N \\.", "credential_viewed", 2, Instant.parse("1900-01-01T00:00:00Z"), null),
                new Event("\\.", "credential_viewed", 2, Instant.parse("2026-03-01T10:15:00Z"), json),
                new Event(null, "credential_shared", Long.MAX_VALUE, Instant.parse("2026-03-01T10:15:00.000001Z"), json),
                new Event("quote\" é 😀 {a,b}", "credential_revoked", 3, Instant.parse("2026-03-01T10:15:00Z"), json));
    }

    private record Row(String eventId, String eventType, long institutionId, Instant issuedAt, JsonNode metadata) {
    }

    private static Row expected(Event event) {
        try {
            JsonNode metadata = event.metadataJson() == null ? null : MAPPER.readTree(event.metadataJson());
            return new Row(event.eventId(), event.eventType(), event.institutionId(), event.occurredAt(), metadata);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Row> storedRows() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT event_id, event_type, institution_id, issued_at, metadata::text FROM analytics_events")) {
            while (rs.next()) {
                String metadata = rs.getString(5);
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(),
                        metadata == null ? null : MAPPER.readTree(metadata.getBytes(StandardCharsets.UTF_8))));
            }
        }
        return rows;
    }
}
