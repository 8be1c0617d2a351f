package org.credanalytics.loadgen.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.credanalytics.loadgen.schedule.LatencySummary;

/** The JSON report of a query run: totals in the shape of the ingest report, then one entry per endpoint. */
@JsonPropertyOrder({"seed", "target_rate", "achieved_rate", "sent", "ok", "errors", "latency_ms", "duration_s", "endpoints"})
public record QueryReport(
        @JsonProperty("seed") long seed,
        /* Requests per second. */
        @JsonProperty("target_rate") double targetRate,
        /* Successful (2xx) requests per second. */
        @JsonProperty("achieved_rate") double achievedRate,
        @JsonProperty("sent") long sent,
        @JsonProperty("ok") long ok,
        @JsonProperty("errors") long errors,
        @JsonProperty("latency_ms") LatencySummary latencyMs,
        @JsonProperty("duration_s") double durationS,
        @JsonProperty("endpoints") Map<String, EndpointReport> endpoints) {
}
