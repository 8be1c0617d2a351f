package org.credanalytics.loadgen.gen;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The documented rules of the ingest API, as a test oracle independent of the service. */
public final class IngestRules {
    private IngestRules() {
    }

    /** Returns the first rule the event breaks, or null if it is valid. */
    public static String problem(JsonNode event, Instant now) {
        JsonNode id = event.get("event_id");
        if (id != null && (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > 128)) {
            return "event_id";
        }
        JsonNode type = event.get("event_type");
        if (type == null || !type.isTextual() || !type.asText().matches("[a-z][a-z0-9_]{0,49}")) {
            return "event_type";
        }
        JsonNode institution = event.get("institution_id");
        if (institution == null || !institution.isIntegralNumber() || institution.asLong() <= 0) {
            return "institution_id";
        }
        JsonNode occurredAt = event.get("occurred_at");
        if (occurredAt == null || !occurredAt.isTextual()) {
            return "occurred_at";
        }
        try {
            OffsetDateTime at = OffsetDateTime.parse(occurredAt.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (at.toInstant().isAfter(now.plusSeconds(86_400))) {
                return "occurred_at in the future";
            }
        } catch (DateTimeParseException e) {
            return "occurred_at";
        }
        JsonNode metadata = event.get("metadata");
        return metadata == null || metadata.isObject() ? null : "metadata";
    }
}
