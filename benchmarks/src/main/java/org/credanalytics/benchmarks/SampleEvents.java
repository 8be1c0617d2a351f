package org.credanalytics.benchmarks;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.credanalytics.ingest.Event;
import org.credanalytics.ingest.EventJson;
import org.credanalytics.ingest.EventParser;
import org.credanalytics.ingest.EventValidator;
import org.credanalytics.ingest.IngestConfiguration;

/**
 * Realistic credential events for benchmarks, identical for the same seed and clock: mostly
 * issuances, then views, verifications, shares and revocations, spread over
 * {@value #INSTITUTIONS} institutions and the last 30 days, with the metadata the dashboards
 * read. Some credential names hold quotes and non-ASCII letters, so JSON and COPY escaping do
 * the work they do in production. Events come from the service's own parser, so their metadata
 * bytes are exactly what the batch writer stores.
 */
public final class SampleEvents {
    public static final int INSTITUTIONS = 200;

    private static final String[] TYPES = {"credential_issued", "credential_viewed", "credential_verified",
            "credential_shared", "credential_revoked"};
    private static final int[] TYPE_PERCENT = {70, 15, 8, 5, 2};
    private static final String[] CREDENTIALS = {"First Aid", "CPR & AED", "Basic Life Support", "Food Safety Level 2",
            "Forklift Operator", "Wilderness First Responder", "Lifeguard", "OSHA 30-Hour Construction",
            "Bloodborne Pathogens", "Premiers secours – PSC1", "Erste-Hilfe-Kurs für Betriebe",
            "Instructor \"Train the Trainer\"", "Manual Handling (Level 1/2)", "Mental Health First Aid"};
    private static final String[] LOCATIONS = {"US", "US", "US", "CA", "GB", "GB", "DE", "FR", "AU", "NZ", "IE", "NL",
            "ZA", "IN", "BR"};
    private static final String[] CHANNELS = {"linkedin", "email", "link", "wallet"};

    private SampleEvents() {
    }

    /** The parser the service builds, with its default limits and a system clock. */
    public static EventParser serviceParser() {
        return parser(new IngestConfiguration().getMaxEventsPerRequest(), Clock.systemUTC());
    }

    /** The JSON object of each event, as clients send them. */
    public static List<byte[]> eventJson(int count, long seed, Instant now) {
        ObjectMapper mapper = EventJson.mapper();
        Random random = new Random(seed);
        List<byte[]> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                events.add(mapper.writeValueAsBytes(event(mapper, random, now)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return events;
    }

    public static byte[] jsonArray(List<byte[]> events) {
        return join(events, (byte) '[', (byte) ',', (byte) ']');
    }

    public static byte[] ndjson(List<byte[]> events) {
        return join(events, null, (byte) '\n', (byte) '\n');
    }

    /** {@code count} validated events, decoded by the service's parser (no limit on the count). */
    public static List<Event> events(int count, long seed, Instant now) {
        return parser(Integer.MAX_VALUE, Clock.fixed(now, ZoneOffset.UTC)).parseJsonArray(jsonArray(eventJson(count, seed, now)));
    }

    /** The same events under new ids {@code prefix + index}, so that each batch can be stored once more. */
    public static List<Event> withIds(List<Event> events, String prefix) {
        List<Event> renamed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            renamed.add(new Event(prefix + i, e.eventType(), e.institutionId(), e.occurredAt(), e.metadataJson()));
        }
        return renamed;
    }

    private static EventParser parser(int maxEvents, Clock clock) {
        IngestConfiguration defaults = new IngestConfiguration();
        ObjectMapper mapper = EventJson.mapper();
        EventValidator validator = new EventValidator(mapper, (int) defaults.getMaxMetadataSize().toBytes(),
                defaults.getMaxFutureSkew().toJavaDuration(), java.time.Duration.ofDays(36500));
        return new EventParser(mapper, validator, maxEvents, clock);
    }

    private static ObjectNode event(ObjectMapper mapper, Random random, Instant now) {
        String type = pickType(random);
        Instant occurredAt = now.minusMillis((long) (random.nextDouble() * Duration.ofDays(30).toMillis()))
                .truncatedTo(ChronoUnit.MILLIS);
        ObjectNode event = mapper.createObjectNode()
                .put("event_id", new UUID(random.nextLong(), random.nextLong()).toString())
                .put("event_type", type)
                .put("institution_id", 1 + random.nextInt(INSTITUTIONS))
                .put("occurred_at", random.nextInt(10) == 0
                        ? OffsetDateTime.ofInstant(occurredAt, ZoneOffset.ofHours(-5)).toString() : occurredAt.toString());
        ObjectNode metadata = event.putObject("metadata")
                .put("credential_type", CREDENTIALS[random.nextInt(CREDENTIALS.length)])
                .put("recipient_id", "r-" + random.nextInt(1_000_000))
                .put("recipient_location", LOCATIONS[random.nextInt(LOCATIONS.length)])
                .put("issuer_id", 1 + random.nextInt(500))
                .put("processing_time_ms", 50 + random.nextInt(2_000));
        if (type.equals("credential_shared")) {
            metadata.put("channel", CHANNELS[random.nextInt(CHANNELS.length)]);
        } else if (type.equals("credential_revoked")) {
            metadata.put("reason", "Expired; replaced by a renewed credential");
        }
        return event;
    }

    private static String pickType(Random random) {
        int roll = random.nextInt(100);
        for (int i = 0; i < TYPES.length; i++) {
            roll -= TYPE_PERCENT[i];
            if (roll < 0) {
                return TYPES[i];
            }
        }
        return TYPES[0];
    }

    private static byte[] join(List<byte[]> parts, Byte open, byte separator, byte close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (open != null) {
            out.write(open);
        }
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.write(separator);
            }
            out.writeBytes(parts.get(i));
        }
        out.write(close);
        return out.toByteArray();
    }
}
