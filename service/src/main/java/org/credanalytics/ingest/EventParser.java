package org.credanalytics.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.credanalytics.api.ApiException;
import org.credanalytics.api.FieldError;
import org.credanalytics.api.Texts;

/**
 * Decodes an ingest request body (one object, a JSON array, or NDJSON) into validated events.
 * All or nothing: any problem with any event rejects the whole request, listing each problem
 * with the event's index and field, so that nothing of a bad batch is ever written.
 */
public final class EventParser {
    static final int MAX_REPORTED_ERRORS = 100;

    private final ObjectMapper mapper;
    private final EventValidator validator;
    private final int maxEvents;
    private final Clock clock;

    public EventParser(ObjectMapper mapper, EventValidator validator, int maxEvents, Clock clock) {
        this.mapper = mapper;
        this.validator = validator;
        this.maxEvents = maxEvents;
        this.clock = clock;
    }

    /** A request over its caller's budget, found while parsing; carries the refusal to answer. */
    static final class OverBudget extends RuntimeException {
        private final ApiException refusal;

        OverBudget(ApiException refusal) {
            super(refusal.getMessage(), null, false, false);
            this.refusal = refusal;
        }

        ApiException refusal() {
            return refusal;
        }
    }

    public List<Event> parseSingle(byte[] body) {
        return parseSingle(body, EventBudget.UNLIMITED);
    }

    public List<Event> parseJsonArray(byte[] body) {
        return parseJsonArray(body, EventBudget.UNLIMITED);
    }

    public List<Event> parseNdjson(byte[] body) {
        return parseNdjson(body, EventBudget.UNLIMITED);
    }

    List<Event> parseSingle(byte[] body, EventBudget budget) {
        Collector collector = new Collector(clock.instant(), budget);
        collector.ensureRoom();
        collector.accept(readOneValue(body, 0, body.length, 0, 1));
        return collector.result();
    }

    List<Event> parseJsonArray(byte[] body, EventBudget budget) {
        Collector collector = new Collector(clock.instant(), budget);
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ApiException.badRequest("the body must be a JSON array of events", List.of());
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw malformed(collector.count(), "the JSON array is not closed");
                }
                collector.ensureRoom();
                collector.accept(mapper.readTree(parser));
            }
            if (parser.nextToken() != null) {
                throw malformed(collector.count(), "unexpected content after the JSON array");
            }
        } catch (JsonProcessingException e) {
            throw malformed(collector.count(), describe(e));
        } catch (IOException e) {
            throw malformed(collector.count(), "unreadable body");
        }
        return collector.result();
    }

    List<Event> parseNdjson(byte[] body, EventBudget budget) {
        Collector collector = new Collector(clock.instant(), budget);
        int start = 0;
        int line = 1;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int lineEnd = end > start && body[end - 1] == '\r' ? end - 1 : end;
            if (!isBlank(body, start, lineEnd)) {
                collector.ensureRoom();
                collector.accept(readOneValue(body, start, lineEnd - start, collector.count(), line));
            }
            start = end + 1;
            line++;
        }
        return collector.result();
    }

    /** {@code firstLine}: the body's line where the value starts, so that errors name lines of the body. */
    private JsonNode readOneValue(byte[] body, int offset, int length, int index, int firstLine) {
        try (JsonParser parser = mapper.createParser(body, offset, length)) {
            if (parser.nextToken() == null) {
                throw malformed(index, "the body holds no event");
            }
            JsonNode node = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw malformed(index, "unexpected content after the event");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(index, describe(e, firstLine - 1));
        } catch (IOException e) {
            throw malformed(index, "unreadable body");
        }
    }

    private static boolean isBlank(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            if (body[i] != ' ' && body[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static ApiException malformed(int index, String detail) {
        return ApiException.badRequest("malformed JSON: " + detail, List.of(new FieldError(index, null, detail)));
    }

    private static String describe(JsonProcessingException e) {
        return describe(e, 0);
    }

    private static String describe(JsonProcessingException e, int linesBefore) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = "invalid JSON";
        }
        int newline = message.indexOf('\n');
        message = newline > 0 ? message.substring(0, newline) : message;
        message = Texts.shorten(message, 200);
        return e.getLocation() == null ? message
                : message + " (line " + (linesBefore + e.getLocation().getLineNr()) + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** Validates events as they are decoded and enforces the per-request limit. */
    private final class Collector {
        private final Instant now;
        private final EventBudget budget;
        private final List<Event> events = new ArrayList<>();
        private final List<FieldError> errors = new ArrayList<>();
        private int count;

        Collector(Instant now, EventBudget budget) {
            this.now = now;
            this.budget = budget;
        }

        int count() {
            return count;
        }

        void ensureRoom() {
            if (count >= maxEvents) {
                throw new ApiException(413, "too many events: at most " + maxEvents + " per request", List.of(), null);
            }
            if (count >= budget.maxEvents()) {
                throw new OverBudget(budget.refusal().get());
            }
        }

        void accept(JsonNode node) {
            Event event = validator.validate(count++, node, now, errors);
            if (event != null) {
                events.add(event);
            }
        }

        List<Event> result() {
            if (!errors.isEmpty()) {
                long invalid = errors.stream().map(FieldError::index).distinct().count();
                String message = invalid + " of " + count + " events are invalid; nothing was stored";
                throw ApiException.badRequest(message, errors.subList(0, Math.min(errors.size(), MAX_REPORTED_ERRORS)));
            }
            if (events.isEmpty()) {
                throw ApiException.badRequest("the request holds no events", List.of());
            }
            return events;
        }
    }
}
