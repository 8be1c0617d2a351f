package org.credanalytics.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
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

    /** True when both ends fall on UTC midnights, so whole UTC days cover the range exactly. */
    boolean boundsOnUtcMidnights() {
        return isUtcMidnight(fromInstant()) && isUtcMidnight(toInstant());
    }

    /** True when every local midnight of the zone is a UTC midnight: days, weeks and months are UTC's. */
    boolean zoneIsUtc() {
        return tz.getRules().isFixedOffset() && tz.getRules().getOffset(Instant.EPOCH).equals(ZoneOffset.UTC);
    }

    /**
     * The first and the end of the whole UTC months inside a UTC range, as instants; both are the
     * range's start when it holds no whole month. Platform queries read months there and days at the edges.
     */
    OffsetDateTime wholeMonthsFrom() {
        return hasWholeMonth() ? utcMidnight(firstWholeMonth()) : fromInstant();
    }

    OffsetDateTime wholeMonthsTo() {
        return hasWholeMonth() ? utcMidnight(to.withDayOfMonth(1)) : fromInstant();
    }

    private LocalDate firstWholeMonth() {
        return from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
    }

    boolean hasWholeMonth() {
        return firstWholeMonth().isBefore(to.withDayOfMonth(1));
    }

    private static OffsetDateTime utcMidnight(LocalDate date) {
        return date.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static boolean isUtcMidnight(OffsetDateTime instant) {
        return instant.toLocalTime().equals(LocalTime.MIDNIGHT);
    }
}
