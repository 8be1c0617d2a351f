package org.credanalytics.api;

import java.util.List;
import java.util.Map;

/** Ingest events at the edges of the event rules (the field table of docs/api.md, {@code EventValidator}). */
final class EventSamples {
    private static final String BASE = "\"event_type\": \"credential_issued\", \"institution_id\": 42, \"occurred_at\": \"2026-03-01T10:15:00Z\"";

    /** Events the service refuses, each with the field its 400 names. */
    static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("{" + BASE + ", \"colour\": \"red\"}", "colour"),
            Map.entry("{\"institution_id\": 42, \"occurred_at\": \"2026-03-01T10:15:00Z\"}", "event_type"),
            Map.entry("{" + BASE.replace("credential_issued", "Credential-Issued") + "}", "event_type"),
            Map.entry("{" + BASE.replace(": 42", ": 0") + "}", "institution_id"),
            Map.entry("{" + BASE.replace(": 42", ": \"42\"") + "}", "institution_id"),
            Map.entry("{" + BASE.replace("10:15:00Z", "10:15:00") + "}", "occurred_at"),
            Map.entry("{" + BASE + ", \"event_id\": \"\"}", "event_id"),
            Map.entry("{" + BASE + ", \"event_id\": \"" + "e".repeat(129) + "\"}", "event_id"),
            Map.entry("{" + BASE + ", \"metadata\": \"text\"}", "metadata"),
            Map.entry("{" + BASE + ", \"metadata\": {\"processing_time_ms\": -1}}", "metadata.processing_time_ms"),
            Map.entry("{" + BASE + ", \"metadata\": {\"processing_time_ms\": 2592000001}}", "metadata.processing_time_ms"),
            Map.entry("{" + BASE + ", \"metadata\": {\"processing_time_ms\": \"950\"}}", "metadata.processing_time_ms"));

    /** Events the service accepts, at the same edges. */
    static final List<String> ACCEPTED = List.of(
            "{" + BASE + ", \"event_id\": null, \"metadata\": null}",
            "{" + BASE + ", \"event_id\": \"" + "e".repeat(128) + "\", \"metadata\": {\"processing_time_ms\": null}}",
            "{" + BASE.replace("10:15:00Z", "15:45:00.123456+05:30")
                    + ", \"metadata\": {\"processing_time_ms\": 2592000000, \"x\": [1]}}",
            "{" + BASE + ", \"metadata\": {\"processing_time_ms\": 950.5}}");

    private EventSamples() {
    }
}
