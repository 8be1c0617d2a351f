package org.credanalytics.ingest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.credanalytics.api.FieldError;
import org.credanalytics.api.Texts;

/**
 * Turns one JSON event into an {@link Event}, or reports every problem with it by field.
 * Whatever passes is guaranteed to be storable: the database never sees a value it would reject.
 */
public final class EventValidator {
    static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,49}");
    static final Set<String> FIELDS = Set.of("event_id", "event_type", "institution_id", "occurred_at", "metadata");
    static final int MAX_EVENT_ID_LENGTH = 128;
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /**
     * {@code metadata.processing_time_ms} feeds the sums behind every average processing time, so
     * one absurd value would skew an institution's averages for good: it must be a number of
     * milliseconds from 0 to 30 days (or null, or absent).
     */
    static final String PROCESSING_TIME = "processing_time_ms";
    static final BigDecimal MAX_PROCESSING_TIME_MS = BigDecimal.valueOf(Duration.ofDays(30).toMillis());

    private final ObjectMapper mapper;
    private final int maxMetadataBytes;
    private final Duration maxFutureSkew;
    private final Duration retention;

    /**
     * @param retention how long raw events are kept ({@code retention.rawEvents}): an event that
     *                  occurred longer ago would land in a partition already dropped, or about to
     *                  be, and is refused rather than stored and silently lost
     */
    public EventValidator(ObjectMapper mapper, int maxMetadataBytes, Duration maxFutureSkew, Duration retention) {
        this.mapper = mapper;
        this.maxMetadataBytes = maxMetadataBytes;
        this.maxFutureSkew = maxFutureSkew;
        this.retention = retention;
    }

    /** Returns the event, or null after adding its problems to {@code errors}. */
    public Event validate(int index, JsonNode node, Instant now, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError(index, null, "an event must be a JSON object"));
            return null;
        }
        int before = errors.size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(index, fieldName(name), "unknown field; expected one of " + String.join(", ",
                        List.of("event_id", "event_type", "institution_id", "occurred_at", "metadata"))));
            }
        }
        String eventId = eventId(index, node.get("event_id"), errors);
        String eventType = eventType(index, node.get("event_type"), errors);
        long institutionId = institutionId(index, node.get("institution_id"), errors);
        Instant occurredAt = occurredAt(index, node.get("occurred_at"), now, errors);
        byte[] metadata = metadata(index, node.get("metadata"), errors);
        if (errors.size() > before) {
            return null;
        }
        return new Event(eventId, eventType, institutionId, occurredAt, metadata);
    }

    private static String eventId(int index, JsonNode value, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(index, "event_id", "must be a string"));
            return null;
        }
        String id = value.textValue();
        String problem = id.isEmpty() ? "must not be empty"
                : id.length() > MAX_EVENT_ID_LENGTH ? "must be at most " + MAX_EVENT_ID_LENGTH + " characters"
                : JsonText.problem(id);
        if (problem != null) {
            errors.add(new FieldError(index, "event_id", problem));
            return null;
        }
        return id;
    }

    private static String eventType(int index, JsonNode value, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            errors.add(new FieldError(index, "event_type", "is required"));
        } else if (!value.isTextual()) {
            errors.add(new FieldError(index, "event_type", "must be a string"));
        } else if (!EVENT_TYPE.matcher(value.textValue()).matches()) {
            errors.add(new FieldError(index, "event_type",
                    "must match [a-z][a-z0-9_]{0,49}, e.g. credential_issued"));
        } else {
            return value.textValue();
        }
        return null;
    }

    private static long institutionId(int index, JsonNode value, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            errors.add(new FieldError(index, "institution_id", "is required"));
        } else if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
            errors.add(new FieldError(index, "institution_id", "must be a positive integer (at most 2^63-1)"));
        } else {
            return value.longValue();
        }
        return 0;
    }

    private Instant occurredAt(int index, JsonNode value, Instant now, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            errors.add(new FieldError(index, "occurred_at", "is required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(index, "occurred_at", "must be an ISO-8601 string with an offset"));
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(index, "occurred_at",
                    "must be an ISO-8601 timestamp with an offset, e.g. 2026-03-01T10:15:00Z"));
            return null;
        }
        if (instant.isAfter(now.plus(maxFutureSkew))) {
            errors.add(new FieldError(index, "occurred_at", "is more than " + describe(maxFutureSkew) + " in the future"));
            return null;
        }
        if (instant.isBefore(EARLIEST)) {
            errors.add(new FieldError(index, "occurred_at", "must not be before " + EARLIEST));
            return null;
        }
        if (instant.isBefore(now.minus(retention))) {
            errors.add(new FieldError(index, "occurred_at", "is more than " + describe(retention)
                    + " ago: raw events are kept that long (retention.rawEvents), so this one can no longer be added"));
            return null;
        }
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private byte[] metadata(int index, JsonNode value, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.add(new FieldError(index, "metadata", "must be a JSON object"));
            return null;
        }
        String processingTime = processingTimeProblem(value.get(PROCESSING_TIME));
        if (processingTime != null) {
            errors.add(new FieldError(index, "metadata." + PROCESSING_TIME, processingTime));
            return null;
        }
        String problem = storageProblem(value, "metadata");
        if (problem != null) {
            errors.add(new FieldError(index, "metadata", Texts.shorten(problem, 200)));
            return null;
        }
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            errors.add(new FieldError(index, "metadata", "cannot be serialised"));
            return null;
        }
        if (json.length > maxMetadataBytes) {
            errors.add(new FieldError(index, "metadata", "is " + json.length + " bytes; at most "
                    + maxMetadataBytes + " are allowed"));
            return null;
        }
        return json;
    }

    private static String processingTimeProblem(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue()))) {
            return "must be a number of milliseconds";
        }
        BigDecimal ms = value.decimalValue();
        if (ms.signum() < 0 || ms.compareTo(MAX_PROCESSING_TIME_MS) > 0) {
            return "must be from 0 to " + MAX_PROCESSING_TIME_MS + " ms (30 days)";
        }
        return null;
    }

    /** Finds the first value that jsonb would reject or alter: NUL, lone surrogates, infinite numbers. */
    private static String storageProblem(JsonNode node, String path) {
        if (node.isTextual()) {
            String problem = JsonText.problem(node.textValue());
            return problem == null ? null : path + " " + problem;
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return path + " is a number out of range";
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String keyProblem = JsonText.problem(field.getKey());
                if (keyProblem != null) {
                    return path + " has a key that " + keyProblem;
                }
                String problem = storageProblem(field.getValue(), path + "." + field.getKey());
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String problem = storageProblem(node.get(i), path + "[" + i + "]");
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String fieldName(String name) {
        return name.length() <= 64 && JsonText.problem(name) == null ? name : name.substring(0, Math.min(64, name.length())) + "…";
    }

    private static String describe(Duration duration) {
        return duration.toHours() % 24 == 0 && duration.toDays() > 0 ? duration.toDays() + " day(s)" : duration.toString();
    }
}
