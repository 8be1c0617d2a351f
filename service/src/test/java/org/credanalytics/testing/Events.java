package org.credanalytics.testing;

import java.time.Instant;
import java.util.StringJoiner;

/** Builds event JSON for tests. */
public final class Events {
    private Events() {
    }

    public static String issued(String eventId, long institutionId, Instant at) {
        return """
                {"event_id": "%s", "event_type": "credential_issued", "institution_id": %d, "occurred_at": "%s",
                 "metadata": {"credential_type": "First Aid", "recipient_id": "r-%s", "recipient_location": "US",
                              "issuer_id": 17, "processing_time_ms": 950}}"""
                .formatted(eventId, institutionId, at, eventId);
    }

    public static String array(String... events) {
        StringJoiner joiner = new StringJoiner(",", "[", "]");
        for (String event : events) {
            joiner.add(event);
        }
        return joiner.toString();
    }

    /** A JSON array of {@code count} issued events with ids prefix-0 .. prefix-(count-1). */
    public static String batch(String prefix, int count, long institutionId, Instant at) {
        String[] events = new String[count];
        for (int i = 0; i < count; i++) {
            events[i] = issued(prefix + "-" + i, institutionId, at);
        }
        return array(events);
    }
}
