package org.credanalytics.loadgen.gen;

/**
 * One generated event. The id is {@code {runId}-{sequence}}, so that any stored row can be traced
 * back to its run and position; {@code defect} is {@link Defect#NONE} except in invalid batches.
 */
public record Event(
        long sequence,
        String eventId,
        EventKind kind,
        long institutionId,
        long occurredAtMillis,
        Metadata metadata,
        Defect defect) {

    public Event withDefect(Defect newDefect) {
        return new Event(sequence, eventId, kind, institutionId, occurredAtMillis, metadata, newDefect);
    }
}
