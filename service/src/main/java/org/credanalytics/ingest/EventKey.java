package org.credanalytics.ingest;

import java.time.Instant;

/**
 * What makes an event unique: the client's event id within its institution, with the time it
 * occurred. Raw events are partitioned by that time, and a re-sent event carries the same one, so
 * it meets its first copy in the same partition.
 */
public record EventKey(long institutionId, String eventId, Instant occurredAt) {
}
