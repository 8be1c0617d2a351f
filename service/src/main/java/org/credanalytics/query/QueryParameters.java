package org.credanalytics.query;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Optional;
import org.credanalytics.api.ApiException;
import org.credanalytics.api.Texts;

/** Parses and checks query parameters; every problem is a 400 naming the parameter. */
public final class QueryParameters {
    static final int MAX_DAILY_YEARS = 3;
    static final int MAX_YEARS = 20;
    private static final int QUARTER_HOUR_SECONDS = 15 * 60;
    static final int MAX_LIMIT = 1000;
    static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);
    static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private QueryParameters() {
    }

    static long institutionId(String value) {
        return positiveId("id", value);
    }

    /** A positive 64-bit id from the parameter {@code name}. */
    public static long positiveId(String name, String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter(name, "institution id must be a positive integer, not '" + shorten(value) + "'");
    }

    public static QueryRange range(String from, String to, String tz) {
        ZoneId zone = zone(tz);
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (!start.isBefore(end)) {
            throw ApiException.badParameter("to", "'from' must be before 'to' (from is inclusive, to exclusive)");
        }
        if (spansMoreThan(start, end, MAX_YEARS, ChronoUnit.YEARS)) {
            throw ApiException.badParameter("to", "the range may span at most " + MAX_YEARS + " years");
        }
        requireQuarterHourOffsets(zone, start, end);
        return new QueryRange(start, end, zone);
    }

    /**
     * True when [from, to) is longer than {@code amount} units, i.e. {@code from + amount < to};
     * without date arithmetic past the ends of {@code LocalDate} (from = +999999999-12-31).
     */
    static boolean spansMoreThan(LocalDate from, LocalDate to, long amount, ChronoUnit unit) {
        long whole = unit.between(from, to);
        return whole > amount || (whole == amount && to.isAfter(from.plus(amount, unit)));
    }

    static Granularity granularity(String value, QueryRange range) {
        Granularity granularity;
        try {
            granularity = Granularity.valueOf((value == null ? "day" : value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("granularity", "granularity must be day, week or month");
        }
        if (granularity == Granularity.DAY && spansMoreThan(range.from(), range.to(), MAX_DAILY_YEARS, ChronoUnit.YEARS)) {
            throw ApiException.badParameter("granularity",
                    "a daily series may span at most " + MAX_DAILY_YEARS + " years; use week or month");
        }
        return granularity;
    }

    /** The {@code compare} parameter: absent, previous_period or previous_year. */
    static Optional<Compare> compare(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        for (Compare compare : Compare.values()) {
            if (compare.label().equals(value)) {
                return Optional.of(compare);
            }
        }
        throw ApiException.badParameter("compare", "compare must be previous_period or previous_year, not '" + shorten(value) + "'");
    }

    static int limit(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
    }

    /**
     * Local days are assembled from quarter-hour rollups, so a zone's offset must be a whole number
     * of quarter hours wherever the answer reads: the range, and the earlier range a comparison
     * reads (up to a period and a year before). Offsets such as {@code +00:07}, or Monrovia's
     * -00:44:30 before 1972, would silently give wrong days.
     */
    private static void requireQuarterHourOffsets(ZoneId zone, LocalDate start, LocalDate end) {
        ZoneRules rules = zone.getRules();
        Instant from = start.minusDays(ChronoUnit.DAYS.between(start, end)).minusYears(1).minusDays(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        ZoneOffset offset = rules.getOffset(from);
        Instant at = from;
        while (true) {
            if (offset.getTotalSeconds() % QUARTER_HOUR_SECONDS != 0) {
                throw ApiException.badParameter("tz", "time zone '" + shorten(zone.getId()) + "' has the offset " + offset
                        + " in or near the range; only offsets in whole quarter hours are supported");
            }
            ZoneOffsetTransition next = rules.nextTransition(at);
            if (next == null || !next.getInstant().isBefore(until)) {
                return;
            }
            at = next.getInstant();
            offset = next.getOffsetAfter();
        }
    }

    private static ZoneId zone(String tz) {
        if (tz == null || tz.isEmpty()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw ApiException.badParameter("tz", "unknown time zone '" + shorten(tz) + "'; use an IANA name such as Europe/Berlin");
        }
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badParameter(name, "'" + name + "' is required, as a date like 2026-03-01");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "'" + name + "' must be a date like 2026-03-01, not '" + shorten(value) + "'");
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            // ISO dates may carry years of up to nine digits; the checks below go years around a range.
            throw ApiException.badParameter(name, "'" + name + "' must be a date from " + EARLIEST + " to " + LATEST);
        }
        return date;
    }

    static String shorten(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("[^\\p{Print}]", "?");
        return Texts.shorten(printable, 40);
    }
}
