package org.credanalytics.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A validated event, ready to be written. {@code metadataJson} is the metadata object already
 * serialised as UTF-8 JSON (or null), so the writer never re-encodes it.
 */
public record Event(String eventId, String eventType, long institutionId, Instant occurredAt, byte[] metadataJson) {
    /** occurred_at is stored to the microsecond, so that is what identifies the event (see {@link EventKey}). */
    public Event {
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The deduplication key, or null when the client sent no event_id. */
    public EventKey key() {
        return eventId == null ? null : new EventKey(institutionId, eventId, occurredAt);
    }
}
