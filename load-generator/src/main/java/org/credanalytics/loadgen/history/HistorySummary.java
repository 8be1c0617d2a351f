package org.credanalytics.loadgen.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The one-line JSON summary of a history import, printed last and written to {@code --report}.
 * {@code events} counts events sent; the other counts are the service's. {@code seconds} runs
 * from the first part's generation to the import's completion (or to giving up).
 */
@JsonPropertyOrder({"import_id", "events", "imported", "duplicates", "rejected", "seconds", "events_per_s",
    "state", "error", "parts", "run_id", "from", "until"})
public record HistorySummary(
        @JsonProperty("import_id") Long importId,
        @JsonProperty("events") long events,
        @JsonProperty("imported") long imported,
        @JsonProperty("duplicates") long duplicates,
        @JsonProperty("rejected") long rejected,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("events_per_s") double eventsPerSecond,
        @JsonProperty("state") String state,
        @JsonProperty("error") String error,
        @JsonProperty("parts") int parts,
        @JsonProperty("run_id") String runId,
        @JsonProperty("from") String from,
        @JsonProperty("until") String until) {

    /** True when the import finished as done with every part. */
    public boolean ok() {
        return ImportStatus.DONE.equals(state) && error == null;
    }
}
