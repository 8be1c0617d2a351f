package org.credanalytics.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A validated date range: {@code from} inclusive and {@code to} exclusive, both local dates in
 * {@code tz}, with the instants that bound them. Day boundaries follow the zone's rules on each
 * date, so ranges across DST changes are exact.
 */
public record QueryRange(LocalDate from, LocalDate to, ZoneId tz) {
    public OffsetDateTime fromInstant() {
        return from.atStartOfDay(tz).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    public OffsetDateTime toInstant() {
        return to.atStartOfDay(tz).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** True when every local midnight of the zone is a UTC midnight: days, weeks and months are UTC's. */
    boolean zoneIsUtc() {
        return tz.getRules().isFixedOffset() && tz.getRules().getOffset(Instant.EPOCH).equals(ZoneOffset.UTC);
    }
}
