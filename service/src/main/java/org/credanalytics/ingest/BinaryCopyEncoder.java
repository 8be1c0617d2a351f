package org.credanalytics.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Encodes events in PostgreSQL's binary COPY format for
 * {@code COPY analytics_events (event_id, event_type, institution_id, issued_at, metadata)}.
 * Binary COPY skips the server's text parsing of timestamps, integers and JSON escapes.
 */
public final class BinaryCopyEncoder {
    public static final String COPY_SQL = "COPY analytics_events (event_id, event_type, institution_id, issued_at, metadata)"
            + " FROM STDIN (FORMAT binary)";

    /** The same, with ids drawn by the writer ({@link IdLease}) instead of the table's default. */
    public static final String COPY_WITH_IDS_SQL =
            "COPY analytics_events (id, event_id, event_type, institution_id, issued_at, metadata) FROM STDIN (FORMAT binary)";

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short FIELD_COUNT = 5;
    private static final long PG_EPOCH_SECONDS = 946_684_800L; // 2000-01-01T00:00:00Z
    private static final int JSONB_VERSION = 1;

    public void encode(List<Event> events, CopyBuffer out) {
        encode(events, null, out);
    }

    /** For {@link #COPY_WITH_IDS_SQL} with {@code ids[i]} the id of {@code events.get(i)}, or for {@link #COPY_SQL} without ids. */
    public void encode(List<Event> events, long[] ids, CopyBuffer out) {
        out.write(SIGNATURE);
        out.writeInt(0); // flags
        out.writeInt(0); // header extension length
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (ids == null) {
                out.writeShort(FIELD_COUNT);
            } else {
                out.writeShort(FIELD_COUNT + 1);
                out.writeInt(8);
                out.writeLong(ids[i]);
            }
            writeText(out, event.eventId());
            writeText(out, event.eventType());
            out.writeInt(8);
            out.writeLong(event.institutionId());
            out.writeInt(8);
            out.writeLong(postgresMicros(event.occurredAt()));
            writeJsonb(out, event.metadataJson());
        }
        out.writeShort(-1);
    }

    static long postgresMicros(Instant instant) {
        return (instant.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + instant.getNano() / 1_000;
    }

    private static void writeText(CopyBuffer out, String value) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void writeJsonb(CopyBuffer out, byte[] json) {
        if (json == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(json.length + 1);
        out.writeByte(JSONB_VERSION);
        out.write(json);
    }
}
