package org.credanalytics.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.credanalytics.api.ApiException;
import org.credanalytics.api.FieldError;
import org.credanalytics.ingest.Event;
import org.credanalytics.ingest.EventValidator;

/**
 * Reads one part of an import, NDJSON or a JSON array, into a {@link SpooledEvents} file: every
 * event checked as live ingest checks it (but of any age), the bad ones reported by line and
 * field. A line of NDJSON that is not JSON fails only that line; a JSON array that stops being
 * JSON fails the whole part (a 400), since nothing after the break can be read. An event of
 * another institution than the import's is a 403 at once, before anything is stored.
 */
final class PartReader {
    /** A line longer than this can't be an event within the metadata cap; it is rejected unread. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final ObjectMapper mapper;
    private final EventValidator validator;
    private final Clock clock;
    private final int maxRejections;

    PartReader(ObjectMapper mapper, EventValidator validator, Clock clock, int maxRejections) {
        this.mapper = mapper;
        this.validator = validator;
        this.clock = clock;
        this.maxRejections = maxRejections;
    }

    /** What a part held: the events read, the valid ones spooled, and the first rejections (of part 0: the caller numbers them). */
    record Intake(long read, long rejected, List<Rejection> rejections, SpooledEvents spool) {
        long queued() {
            return spool.count();
        }
    }

    /**
     * @param institutionId the only institution the import may hold events of, or null for any
     */
    Intake read(InputStream body, boolean ndjson, Long institutionId, SpooledEvents spool) throws IOException {
        Collector collector = new Collector(institutionId, spool, clock.instant());
        if (ndjson) {
            readLines(body, collector);
        } else {
            readArray(body, collector);
        }
        spool.close();
        return new Intake(collector.read, collector.rejected, collector.rejections, spool);
    }

    private void readLines(InputStream in, Collector collector) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[1 << 16];
        long lineNumber = 1;
        boolean tooLong = false;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    tooLong |= append(line, buffer, start, i);
                    collector.line(lineNumber++, line, tooLong);
                    line.reset();
                    tooLong = false;
                    start = i + 1;
                }
            }
            tooLong |= append(line, buffer, start, n);
        }
        collector.line(lineNumber, line, tooLong);
    }

    /** Appends bytes [from, to) while the line is within its cap; true if some were dropped. */
    private static boolean append(ByteArrayOutputStream line, byte[] buffer, int from, int to) {
        int room = MAX_LINE_BYTES - line.size();
        int length = to - from;
        line.write(buffer, from, Math.max(0, Math.min(room, length)));
        return length > room;
    }

    private void readArray(InputStream in, Collector collector) throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ApiException.badRequest("the body must be a JSON array of events (or NDJSON with"
                        + " Content-Type application/x-ndjson)", List.of());
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw malformed(parser.currentLocation().getLineNr(), "the array is not closed");
                }
                long lineNumber = parser.currentTokenLocation().getLineNr();
                JsonNode node = mapper.readTree(parser);
                collector.event(lineNumber, node);
            }
            if (parser.nextToken() != null) {
                throw malformed(parser.currentTokenLocation().getLineNr(), "there is more after the array");
            }
        } catch (JsonProcessingException e) {
            throw malformed(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage());
        }
    }

    private static ApiException malformed(long line, String detail) {
        String message = "malformed JSON at line " + line + ": " + detail + "; nothing of this part was stored";
        return ApiException.badRequest(message, List.of(FieldError.ofField("body", message)));
    }

    /** Counts, validates and spools events, and keeps the first rejections. */
    private final class Collector {
        private final Long institutionId;
        private final SpooledEvents spool;
        private final Instant now;
        private final List<Rejection> rejections = new ArrayList<>();
        private final List<FieldError> errors = new ArrayList<>();
        private long read;
        private long rejected;

        Collector(Long institutionId, SpooledEvents spool, Instant now) {
            this.institutionId = institutionId;
            this.spool = spool;
            this.now = now;
        }

        void line(long lineNumber, ByteArrayOutputStream line, boolean tooLong) throws IOException {
            if (isBlank(line) && !tooLong) {
                return;
            }
            if (tooLong) {
                read++;
                reject(lineNumber, null, "the line is longer than " + MAX_LINE_BYTES + " bytes");
                return;
            }
            JsonNode node;
            try {
                node = mapper.readTree(line.toByteArray());
            } catch (JsonProcessingException e) {
                read++;
                reject(lineNumber, null, "malformed JSON: " + e.getOriginalMessage());
                return;
            }
            event(lineNumber, node);
        }

        void event(long lineNumber, JsonNode node) throws IOException {
            read++;
            errors.clear();
            Event event = validator.validate((int) Math.min(Integer.MAX_VALUE, lineNumber), node, now, errors);
            if (event == null) {
                rejected++;
                for (FieldError error : errors) {
                    keep(new Rejection(0, lineNumber, error.field(), error.message()));
                }
                return;
            }
            if (institutionId != null && event.institutionId() != institutionId) {
                String message = "the event at line " + lineNumber + " is for institution "
                        + event.institutionId() + ", and this key imports for institution " + institutionId + " only";
                throw new ApiException(403, message, List.of(FieldError.ofField("institution_id", message)), null);
            }
            spool.add(event);
        }

        private void reject(long lineNumber, String field, String message) {
            rejected++;
            keep(new Rejection(0, lineNumber, field, message));
        }

        private void keep(Rejection rejection) {
            if (rejections.size() < maxRejections) {
                rejections.add(rejection);
            }
        }
    }

    private static boolean isBlank(ByteArrayOutputStream line) {
        if (line.size() > 64) {
            return false; // an event is longer; a blank line this long is rejected as malformed JSON
        }
        for (byte b : line.toByteArray()) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
