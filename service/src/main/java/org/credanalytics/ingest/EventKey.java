package org.credanalytics.ingest;

/** What makes an event unique: the client's event id within its institution. */
public record EventKey(long institutionId, String eventId) {
}
