package org.credanalytics.loadgen.history;

/**
 * One request body of an import: events {@code firstSequence .. firstSequence + events - 1} as
 * gzip-compressed NDJSON. {@code rawBytes} is the NDJSON's size before compression.
 */
public record Part(int number, long firstSequence, int events, long firstMillis, long lastMillis,
                   long rawBytes, byte[] gzipNdjson) {
}
