package org.credanalytics.rollup;

import java.time.OffsetDateTime;

/**
 * The raw events a staging statement reads: ids in {@code (fromId, toId]}, and for a recompute
 * only one institution's events in {@code [from, to)} (the {@link EventSelection} says which).
 */
public record EventWindow(long fromId, long toId, Long institutionId, OffsetDateTime from, OffsetDateTime to) {
    static EventWindow ids(long fromId, long toId) {
        return new EventWindow(fromId, toId, null, null, null);
    }

    static EventWindow institution(long institutionId, OffsetDateTime from, OffsetDateTime to, long toId) {
        return new EventWindow(0, toId, institutionId, from, to);
    }
}
