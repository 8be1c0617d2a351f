package org.credanalytics.imports;

import java.time.OffsetDateTime;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An import as the API shows it. {@code progress} is the share of its accepted events applied so
 * far (1 when done); {@code rejections} are the first ones, {@code rejected} counts them all.
 */
public record ImportView(long id,
                         @JsonProperty("institution_id") Long institutionId,
                         String state,
                         String error,
                         int parts,
                         @JsonProperty("parts_done") int partsDone,
                         long read,
                         long queued,
                         long imported,
                         long duplicates,
                         long rejected,
                         double progress,
                         List<Rejection> rejections,
                         @JsonProperty("created_at") OffsetDateTime createdAt,
                         @JsonProperty("updated_at") OffsetDateTime updatedAt,
                         @JsonProperty("finished_at") OffsetDateTime finishedAt) {

    static ImportView of(ImportRow row, List<Rejection> rejections) {
        long applied = row.imported() + row.duplicates();
        double progress = ImportState.RUNNING.equals(row.state())
                ? (row.eventsQueued() == 0 ? 0 : Math.min(1.0, (double) applied / row.eventsQueued()))
                : (ImportState.DONE.equals(row.state()) ? 1.0 : 0.0);
        return new ImportView(row.id(), row.institutionId(), row.state(), row.error(), row.parts(), row.partsDone(),
                row.eventsRead(), row.eventsQueued(), row.imported(), row.duplicates(), row.rejected(), progress,
                rejections, row.createdAt(), row.updatedAt(), row.finishedAt());
    }
}
