package org.credanalytics.loadgen.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.credanalytics.loadgen.schedule.LatencySummary;

/**
 * Per-endpoint part of the query report; {@code statuses} counts answers by HTTP status, and
 * {@code not_modified} the 304s to revalidations ({@code --revalidate}), which {@code ok} includes.
 */
@JsonPropertyOrder({"sent", "ok", "errors", "latency_ms", "statuses", "not_modified"})
public record EndpointReport(
        @JsonProperty("sent") long sent,
        @JsonProperty("ok") long ok,
        @JsonProperty("errors") long errors,
        @JsonProperty("latency_ms") LatencySummary latencyMs,
        @JsonProperty("statuses") Map<String, Long> statuses,
        @JsonProperty("not_modified") long notModified) {
}
