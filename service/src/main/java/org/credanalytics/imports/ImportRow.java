package org.credanalytics.imports;

import java.time.OffsetDateTime;

/** An import as stored; {@code rejections} is its JSON array of {@link Rejection}s. */
public record ImportRow(long id, Long institutionId, String state, String error, int parts, int partsDone, long eventsRead,
                 long eventsQueued, long imported, long duplicates, long rejected, String rejections,
                 OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime finishedAt) {
}
