package org.credanalytics.loadgen.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.credanalytics.loadgen.schedule.LatencySummary;

/**
 * The JSON report of an ingest run. Event counts are events, not batches. {@code sequence_count},
 * {@code unacked_ranges} and {@code rejected_ranges} let {@code verify} derive exactly which ids
 * must be stored: every {@code {run_id}-{n}} with n below {@code sequence_count} that is in
 * neither list.
 */
@JsonPropertyOrder({"run_id", "scenario", "seed", "target_rate", "achieved_rate", "sent", "acked", "accepted",
    "duplicates", "rejected", "failed", "errors", "backoffs", "retries", "latency_ms", "duration_s",
    "batch_size", "concurrency", "sequence_count", "acked_unique", "unacked_ranges", "rejected_ranges"})
public record IngestReport(
        @JsonProperty("run_id") String runId,
        @JsonProperty("scenario") String scenario,
        @JsonProperty("seed") long seed,
        /* Configured base rate, events/s. */
        @JsonProperty("target_rate") double targetRate,
        /* Acknowledged events per second of the run. */
        @JsonProperty("achieved_rate") double achievedRate,
        @JsonProperty("sent") long sent,
        @JsonProperty("acked") long acked,
        @JsonProperty("accepted") long accepted,
        @JsonProperty("duplicates") long duplicates,
        @JsonProperty("rejected") long rejected,
        @JsonProperty("failed") long failed,
        /* Batches: failed ones, plus invalid ones that got a 2xx. */
        @JsonProperty("errors") long errors,
        @JsonProperty("backoffs") long backoffs,
        @JsonProperty("retries") long retries,
        @JsonProperty("latency_ms") LatencySummary latencyMs,
        @JsonProperty("duration_s") double durationS,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("concurrency") int concurrency,
        @JsonProperty("sequence_count") long sequenceCount,
        @JsonProperty("acked_unique") long ackedUnique,
        @JsonProperty("unacked_ranges") List<SeqRange> unackedRanges,
        @JsonProperty("rejected_ranges") List<SeqRange> rejectedRanges) {
}
