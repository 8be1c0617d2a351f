package org.credanalytics.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * Events for the dashboard test, dated relative to now: issued credentials with recipients,
 * locations (one of them missing, so it counts as "unknown"), credential types (more than the
 * ten the page shows, names with markup characters) and processing times, plus views and shares.
 * A fixed seed keeps the mix the same from run to run.
 */
final class SampleEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] LOCATIONS = {"Berlin", "Lagos", "São Paulo", "Zürich <HQ>", "Pune", "Toronto", null};
    private static final String[] TYPES = {"First Aid", "CPR", "Forklift", "Python", "Data & Analytics",
        "Welding \"Level 2\"", "Nursing", "Project Management", "Cloud Architecture", "Food Safety",
        "Electrical", "Scrum Master"};

    private final ArrayNode events = JSON.createArrayNode();
    private final Random random;
    private final String prefix;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private int next;

    SampleEvents(long seed, String prefix) {
        this.random = new Random(seed);
        this.prefix = prefix;
    }

    /**
     * {@code issued} credentials, {@code views} views and {@code shares} shares of one institution,
     * at random instants from {@code newest} to {@code oldest} before now. Skewed choices make
     * the counts per location and type differ.
     */
    SampleEvents add(long institutionId, int issued, int views, int shares, Duration newest, Duration oldest) {
        for (int i = 0; i < issued; i++) {
            ObjectNode metadata = JSON.createObjectNode()
                    .put("credential_type", TYPES[skewed(TYPES.length)])
                    .put("recipient_id", "r-" + random.nextInt(Math.max(1, issued * 2 / 3)))
                    .put("issuer_id", 17);
            String location = LOCATIONS[skewed(LOCATIONS.length)];
            if (location != null) {
                metadata.put("recipient_location", location);
            }
            if (random.nextInt(10) > 0) {
                metadata.put("processing_time_ms", random.nextInt(10) == 0
                        ? 200 + random.nextInt(90_000) + 0.25 : 200 + random.nextInt(90_000));
            }
            event("credential_issued", institutionId, between(newest, oldest), metadata);
        }
        for (int i = 0; i < views; i++) {
            event("credential_viewed", institutionId, between(newest, oldest),
                    JSON.createObjectNode().put("viewer_id", "v-" + random.nextInt(Math.max(1, views / 2))));
        }
        for (int i = 0; i < shares; i++) {
            event("credential_shared", institutionId, between(newest, oldest), JSON.createObjectNode());
        }
        return this;
    }

    String json() {
        return events.toString();
    }

    private void event(String type, long institutionId, Instant at, ObjectNode metadata) {
        ObjectNode event = events.addObject()
                .put("event_id", prefix + "-" + next++)
                .put("event_type", type)
                .put("institution_id", institutionId)
                .put("occurred_at", at.toString());
        event.set("metadata", metadata);
    }

    private Instant between(Duration newest, Duration oldest) {
        long span = oldest.minus(newest).toMillis();
        return now.minus(newest).minusMillis((long) (random.nextDouble() * span));
    }

    /** An index in [0, n) where low indexes are likelier. */
    private int skewed(int n) {
        double u = random.nextDouble();
        return Math.min(n - 1, (int) (n * u * u));
    }
}
