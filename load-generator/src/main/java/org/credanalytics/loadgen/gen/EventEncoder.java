package org.credanalytics.loadgen.gen;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes events as the ingest API's JSON with Jackson's streaming generator, straight into bytes:
 * building object trees first would cost more than generating the events. Field names are
 * pre-encoded and timestamps formatted by {@link IsoTimestamps}. Not thread-safe.
 */
public final class EventEncoder {
    private static final SerializableString EVENT_ID = new SerializedString("event_id");
    private static final SerializableString EVENT_TYPE = new SerializedString("event_type");
    private static final SerializableString INSTITUTION_ID = new SerializedString("institution_id");
    private static final SerializableString OCCURRED_AT = new SerializedString("occurred_at");
    private static final SerializableString METADATA = new SerializedString("metadata");
    private static final SerializableString CREDENTIAL_TYPE = new SerializedString("credential_type");
    private static final SerializableString RECIPIENT_ID = new SerializedString("recipient_id");
    private static final SerializableString RECIPIENT_LOCATION = new SerializedString("recipient_location");
    private static final SerializableString ISSUER_ID = new SerializedString("issuer_id");
    private static final SerializableString PROCESSING_TIME_MS = new SerializedString("processing_time_ms");
    private static final SerializableString CREDENTIAL_ID = new SerializedString("credential_id");
    private static final SerializableString VIEWER_ID = new SerializedString("viewer_id");
    private static final SerializableString VIEWER_LOCATION = new SerializedString("viewer_location");
    private static final SerializableString CHANNEL = new SerializedString("channel");
    private static final SerializableString NEWLINE = new SerializedString("\n");
    private static final long FUTURE_DEFECT_MILLIS = 3 * 86_400_000L;

    private final JsonFactory factory = new JsonFactory();
    private final IsoTimestamps timestamps = new IsoTimestamps();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

    /** A JSON array of the events, the body of {@code application/json} batches. */
    public byte[] jsonArray(List<Event> events) {
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer, JsonEncoding.UTF8)) {
            g.writeStartArray();
            for (Event event : events) {
                writeEvent(g, event);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** One event per line, the body of {@code application/x-ndjson} batches. */
    public byte[] ndjson(List<Event> events) {
        buffer.reset();
        try (JsonGenerator g = ndjsonGenerator(buffer)) {
            for (Event event : events) {
                writeEvent(g, event);
            }
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** A generator that separates top-level values by newlines, for streaming NDJSON files. */
    public JsonGenerator ndjsonGenerator(OutputStream out) throws IOException {
        JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8);
        g.setRootValueSeparator(NEWLINE);
        return g;
    }

    public JsonGenerator generator(OutputStream out) throws IOException {
        return factory.createGenerator(out, JsonEncoding.UTF8);
    }

    public void writeEvent(JsonGenerator g, Event event) throws IOException {
        Defect defect = event.defect();
        g.writeStartObject();
        g.writeFieldName(EVENT_ID);
        g.writeString(defect == Defect.EVENT_ID_TOO_LONG ? event.eventId() + "0".repeat(129) : event.eventId());
        if (defect != Defect.MISSING_EVENT_TYPE) {
            g.writeFieldName(EVENT_TYPE);
            g.writeString(defect == Defect.BAD_EVENT_TYPE ? "Credential Issued!" : event.kind().wireName());
        }
        g.writeFieldName(INSTITUTION_ID);
        switch (defect) {
            case INSTITUTION_AS_STRING -> g.writeString("institution-" + event.institutionId());
            case NON_POSITIVE_INSTITUTION -> g.writeNumber(-event.institutionId());
            default -> g.writeNumber(event.institutionId());
        }
        g.writeFieldName(OCCURRED_AT);
        writeOccurredAt(g, event, defect);
        g.writeFieldName(METADATA);
        if (defect == Defect.METADATA_NOT_OBJECT) {
            g.writeString(event.metadata().credentialType());
        } else {
            writeMetadata(g, event.metadata());
        }
        g.writeEndObject();
    }

    public void writeMetadata(JsonGenerator g, Metadata m) throws IOException {
        g.writeStartObject();
        if (m.credentialId() != null) {
            g.writeFieldName(CREDENTIAL_ID);
            g.writeString(m.credentialId());
        }
        g.writeFieldName(CREDENTIAL_TYPE);
        g.writeString(m.credentialType());
        g.writeFieldName(RECIPIENT_ID);
        g.writeString(m.recipientId());
        g.writeFieldName(RECIPIENT_LOCATION);
        g.writeString(m.recipientLocation());
        if (m.issuerId() != 0) {
            g.writeFieldName(ISSUER_ID);
            g.writeNumber(m.issuerId());
            g.writeFieldName(PROCESSING_TIME_MS);
            g.writeNumber(m.processingTimeMs());
        }
        if (m.viewerId() != null) {
            g.writeFieldName(VIEWER_ID);
            g.writeString(m.viewerId());
            g.writeFieldName(VIEWER_LOCATION);
            g.writeString(m.viewerLocation());
        }
        if (m.channel() != null) {
            g.writeFieldName(CHANNEL);
            g.writeString(m.channel());
        }
        g.writeEndObject();
    }

    /** The timestamp as written to the wire, valid until the next call; for CSV and tests. */
    public char[] timestamp(long epochMillis) {
        return timestamps.format(epochMillis);
    }

    private void writeOccurredAt(JsonGenerator g, Event event, Defect defect) throws IOException {
        switch (defect) {
            case TIMESTAMP_WITHOUT_OFFSET -> g.writeString(timestamps.format(event.occurredAtMillis()), 0, 19);
            case UNPARSEABLE_TIMESTAMP -> g.writeString("yesterday at noon");
            case FAR_FUTURE_TIMESTAMP -> g.writeString(timestamps.format(event.occurredAtMillis() + FUTURE_DEFECT_MILLIS),
                    0, IsoTimestamps.LENGTH);
            default -> g.writeString(timestamps.format(event.occurredAtMillis()), 0, IsoTimestamps.LENGTH);
        }
    }
}
