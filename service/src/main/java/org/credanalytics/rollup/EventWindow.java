package org.credanalytics.rollup;

import java.time.OffsetDateTime;

/**
 * The events a staging statement reads: ids in {@code (fromId, toId]}, and for a recompute only
 * one institution's events in {@code [from, to)} (the {@link EventSelection} says which); and the
 * import the staged rows belong to, 0 for live events.
 */
public record EventWindow(long fromId, long toId, Long institutionId, OffsetDateTime from, OffsetDateTime to,
                          long importId) {
    static EventWindow ids(long fromId, long toId) {
        return new EventWindow(fromId, toId, null, null, null, 0);
    }

    static EventWindow institution(long institutionId, OffsetDateTime from, OffsetDateTime to, long toId) {
        return new EventWindow(0, toId, institutionId, from, to, 0);
    }

    static EventWindow importChunk(long importId) {
        return new EventWindow(0, 0, null, null, null, importId);
    }
}
