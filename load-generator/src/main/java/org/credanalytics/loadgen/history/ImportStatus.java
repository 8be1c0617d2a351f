package org.credanalytics.loadgen.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /v1/imports/{id}}: where an import stands. It is complete when its state is
 * {@code done} and every part it has is done; {@code failed} carries {@code error}. Fields the
 * client does not know are ignored, so the service may add some.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportStatus(
        @JsonProperty("id") long id,
        @JsonProperty("institution_id") Long institutionId,
        @JsonProperty("state") String state,
        @JsonProperty("error") String error,
        @JsonProperty("parts") int parts,
        @JsonProperty("parts_done") int partsDone,
        @JsonProperty("read") long read,
        @JsonProperty("imported") long imported,
        @JsonProperty("duplicates") long duplicates,
        @JsonProperty("rejected") long rejected,
        @JsonProperty("rejections") List<Rejection> rejections,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("finished_at") String finishedAt) {
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** One refused event: where it was (part and 1-based line) and what was wrong. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rejection(
            @JsonProperty("part") int part,
            @JsonProperty("line") long line,
            @JsonProperty("field") String field,
            @JsonProperty("message") String message) {
    }

    public ImportStatus {
        rejections = rejections == null ? List.of() : List.copyOf(rejections);
    }

    public boolean complete() {
        return DONE.equals(state) && partsDone == parts;
    }

    public boolean failed() {
        return FAILED.equals(state);
    }
}
