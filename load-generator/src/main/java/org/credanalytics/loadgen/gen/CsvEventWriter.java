package org.credanalytics.loadgen.gen;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes events as CSV rows in the column order of
 * {@code \copy analytics_events (event_id, event_type, institution_id, issued_at, metadata) FROM 'file' WITH (FORMAT csv)},
 * so a benchmark can load exactly the events the service would receive.
 */
public final class CsvEventWriter {
    private final EventEncoder encoder;
    private final OutputStream out;
    private final ByteArrayOutputStream metadata = new ByteArrayOutputStream(1024);

    public CsvEventWriter(EventEncoder encoder, OutputStream out) {
        this.encoder = encoder;
        this.out = out;
    }

    public void write(Event event) throws IOException {
        if (event.defect() != Defect.NONE) {
            throw new IllegalArgumentException("CSV is for loading valid events only: " + event.eventId());
        }
        quoted(event.eventId().getBytes(StandardCharsets.UTF_8));
        out.write(',');
        ascii(event.kind().wireName());
        out.write(',');
        ascii(Long.toString(event.institutionId()));
        out.write(',');
        char[] timestamp = encoder.timestamp(event.occurredAtMillis());
        for (int i = 0; i < IsoTimestamps.LENGTH; i++) {
            out.write(timestamp[i]);
        }
        out.write(',');
        metadata.reset();
        try (JsonGenerator g = encoder.generator(metadata)) {
            encoder.writeMetadata(g, event.metadata());
        }
        quoted(metadata.toByteArray());
        out.write('\n');
    }

    private void ascii(String value) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            out.write(value.charAt(i));
        }
    }

    /** Quotes a field, doubling embedded quotes as CSV (and PostgreSQL's csv format) requires. */
    private void quoted(byte[] bytes) throws IOException {
        out.write('"');
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '"') {
                out.write(bytes, start, i - start + 1);
                out.write('"');
                start = i + 1;
            }
        }
        out.write(bytes, start, bytes.length - start);
        out.write('"');
    }
}
