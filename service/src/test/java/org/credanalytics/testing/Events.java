package org.credanalytics.testing;

import java.time.Instant;
import java.util.Random;
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

    /**
     * A JSON array of {@code count} events of every type, for institutions 1..{@code institutions}
     * offset by {@code firstInstitution - 1}, at random instants in [from, to): recipients,
     * viewers, locations and credential types drawn from small sets, so uniques repeat.
     */
    public static String mixed(Random random, String prefix, int count, long firstInstitution, int institutions,
                               Instant from, Instant to) {
        String[] types = {"credential_issued", "credential_issued", "credential_viewed", "credential_shared"};
        String[] locations = {"US", "DE", "IN", "NP", "CA"};
        String[] credentialTypes = {"First Aid", "CPR", "Forklift", "Python"};
        long span = to.toEpochMilli() - from.toEpochMilli();
        String[] events = new String[count];
        for (int i = 0; i < count; i++) {
            Instant at = Instant.ofEpochMilli(from.toEpochMilli() + (long) (random.nextDouble() * span));
            events[i] = """
                    {"event_id": "%s-%d", "event_type": "%s", "institution_id": %d, "occurred_at": "%s",
                     "metadata": {"credential_type": "%s", "recipient_id": "r-%d", "viewer_id": "v-%d",
                                  "recipient_location": "%s", "processing_time_ms": %d}}"""
                    .formatted(prefix, i, types[random.nextInt(types.length)],
                            firstInstitution + random.nextInt(institutions), at,
                            credentialTypes[random.nextInt(credentialTypes.length)], random.nextInt(200),
                            random.nextInt(80), locations[random.nextInt(locations.length)], random.nextInt(5000));
        }
        return array(events);
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
