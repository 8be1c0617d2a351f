package org.credanalytics.loadgen.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.credanalytics.loadgen.schedule.LatencySummary;

/**
 * The JSON report of a query run: totals in the shape of the ingest report, then one entry per
 * endpoint, then how many answers were 304s to revalidations.
 */
@JsonPropertyOrder({"seed", "target_rate", "achieved_rate", "sent", "ok", "errors", "latency_ms", "duration_s", "endpoints",
    "not_modified"})
public record QueryReport(
        @JsonProperty("seed") long seed,
        /* Requests per second. */
        @JsonProperty("target_rate") double targetRate,
        /* Successful requests (2xx, or 304 to a revalidation) per second. */
        @JsonProperty("achieved_rate") double achievedRate,
        @JsonProperty("sent") long sent,
        @JsonProperty("ok") long ok,
        @JsonProperty("errors") long errors,
        @JsonProperty("latency_ms") LatencySummary latencyMs,
        @JsonProperty("duration_s") double durationS,
        @JsonProperty("endpoints") Map<String, EndpointReport> endpoints,
        /* 304s to revalidations, counted in ok too. */
        @JsonProperty("not_modified") long notModified) {
}
