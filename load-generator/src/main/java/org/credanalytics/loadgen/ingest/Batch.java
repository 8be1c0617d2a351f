package org.credanalytics.loadgen.ingest;

import org.credanalytics.loadgen.gen.Defect;

/**
 * One request body and the event sequences it carries. A re-sent batch has the same range and
 * body as its original, so the service sees the same event ids again.
 */
public record Batch(long index, SeqRange range, byte[] body, Kind kind, Defect defect) {

    /** Why the batch exists, which decides what a correct answer to it is. */
    public enum Kind {
        /** New events; must be acknowledged with 2xx. */
        ORIGINAL,
        /** A copy of an earlier original; 2xx, with the events counted as duplicates once the original is stored. */
        RESENT,
        /** Contains one invalid event; the whole batch must be rejected with 4xx. */
        INVALID
    }

    public int events() {
        return (int) range.size();
    }

    Batch resentAs(long newIndex) {
        return new Batch(newIndex, range, body, Kind.RESENT, Defect.NONE);
    }
}
