package org.credanalytics.loadgen.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.HdrHistogram.Histogram;

/** The {@code latency_ms} object of the reports: percentiles of a microsecond histogram, in milliseconds. */
@JsonPropertyOrder({"p50", "p90", "p99", "p999", "max"})
public record LatencySummary(
        @JsonProperty("p50") double p50,
        @JsonProperty("p90") double p90,
        @JsonProperty("p99") double p99,
        @JsonProperty("p999") double p999,
        @JsonProperty("max") double max) {

    public static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0);
        }
        return new LatencySummary(
                millis(micros.getValueAtPercentile(50)),
                millis(micros.getValueAtPercentile(90)),
                millis(micros.getValueAtPercentile(99)),
                millis(micros.getValueAtPercentile(99.9)),
                millis(micros.getMaxValue()));
    }

    /** Microseconds to milliseconds, keeping microsecond resolution. */
    public static double millis(long micros) {
        return micros / 1000.0;
    }
}
