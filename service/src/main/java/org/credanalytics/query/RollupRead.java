package org.credanalytics.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.credanalytics.rollup.RollupGrain;

/**
 * Which rollups answer a request, decided from its range and periods: whole UTC months from the
 * monthly rollup where every period is made of them; the rest from the daily rollup when every
 * period is whole UTC days, else from the hourly one; and the split hours (UTC hours that a period
 * boundary falls inside, as local midnights do in zones such as +5:30, +5:45 or -3:30) from the
 * quarter-hour rollup. Totals over a range in any zone read the whole UTC days (and months) inside
 * it, and hours only at its two edges, so their cost does not grow with hourly rows over the range.
 * Its accessors are the statements' parameters ({@code @BindMethods}).
 *
 * @param periods   the series' granularity, or empty for totals over the whole range
 * @param grainSpan the part of the range read from {@code grain}; the rest, at its edges, from hours
 * @param months    the whole UTC months read from the monthly rollup, if any
 */
public record RollupRead(QueryRange range, Optional<Granularity> periods, RollupGrain grain, Span grainSpan,
                         Optional<Span> months, List<OffsetDateTime> splitHourList) {

    /** A span of instants, [from, to). */
    public record Span(OffsetDateTime from, OffsetDateTime to) {
    }

    static RollupRead of(QueryRange range, Optional<Granularity> periods) {
        boolean wholeRange = periods.isEmpty();
        Span whole = new Span(range.fromInstant(), range.toInstant());
        Optional<Span> utcDays = wholeRange ? wholeUtcDays(whole) : range.zoneIsUtc() ? Optional.of(whole) : Optional.empty();
        RollupGrain grain = utcDays.isPresent() ? RollupGrain.DAILY : RollupGrain.HOURLY;
        Span grainSpan = utcDays.orElse(whole);
        boolean periodsAreWholeMonths = wholeRange || periods.get() == Granularity.MONTH;
        Optional<Span> months = periodsAreWholeMonths ? utcDays.flatMap(RollupRead::wholeUtcMonths) : Optional.empty();
        List<OffsetDateTime> splitHours = splitHours(range, periods);
        return new RollupRead(range, periods, grain, grainSpan, months, splitHours);
    }

    /** The UTC midnights inside {@code span}, first to last, if there are two. */
    private static Optional<Span> wholeUtcDays(Span span) {
        OffsetDateTime first = span.from().truncatedTo(ChronoUnit.DAYS);
        if (first.isBefore(span.from())) {
            first = first.plusDays(1);
        }
        OffsetDateTime last = span.to().truncatedTo(ChronoUnit.DAYS);
        return first.isBefore(last) ? Optional.of(new Span(first, last)) : Optional.empty();
    }

    /** The first days of UTC months inside a span of UTC days, first to last, if there are two. */
    private static Optional<Span> wholeUtcMonths(Span days) {
        OffsetDateTime first = days.from().withDayOfMonth(1);
        if (first.isBefore(days.from())) {
            first = first.plusMonths(1);
        }
        OffsetDateTime last = days.to().withDayOfMonth(1);
        return first.isBefore(last) ? Optional.of(new Span(first, last)) : Optional.empty();
    }

    /** For totals over the range: geography, credential types, summaries, platform views. */
    static RollupRead wholeRange(QueryRange range) {
        return of(range, Optional.empty());
    }

    /** The UTC hours that hold a period boundary (or the range's end) other than at the hour. */
    private static List<OffsetDateTime> splitHours(QueryRange range, Optional<Granularity> periods) {
        List<LocalDate> boundaries = new ArrayList<>();
        boundaries.add(range.from());
        periods.ifPresent(granularity -> granularity.periods(range.from(), range.to()).stream()
                .filter(start -> start.isAfter(range.from()))
                .forEach(boundaries::add));
        boundaries.add(range.to());
        TreeSet<Instant> hours = new TreeSet<>();
        for (LocalDate boundary : boundaries) {
            Instant instant = boundary.atStartOfDay(range.tz()).toInstant();
            Instant hour = instant.truncatedTo(ChronoUnit.HOURS);
            if (!hour.equals(instant)) {
                hours.add(hour);
            }
        }
        return hours.stream().map(hour -> hour.atOffset(ZoneOffset.UTC)).toList();
    }

    public OffsetDateTime from() {
        return range.fromInstant();
    }

    public OffsetDateTime to() {
        return range.toInstant();
    }

    public LocalDate fromDate() {
        return range.from();
    }

    public LocalDate toDate() {
        return range.to();
    }

    public OffsetDateTime grainFrom() {
        return grainSpan.from();
    }

    public OffsetDateTime grainTo() {
        return grainSpan.to();
    }

    public String tz() {
        return range.tz().getId();
    }

    public boolean wholeRange() {
        return periods.isEmpty();
    }

    /** date_trunc's unit for the periods; unused for the whole range. */
    public String periodUnit() {
        return periods.orElse(Granularity.DAY).sqlUnit();
    }

    /** No whole months: an empty span at the range's start, so the monthly leg reads nothing. */
    public OffsetDateTime monthsFrom() {
        return months.map(Span::from).orElse(from());
    }

    public OffsetDateTime monthsTo() {
        return months.map(Span::to).orElse(from());
    }

    public OffsetDateTime[] splitHours() {
        return splitHourList.toArray(OffsetDateTime[]::new);
    }
}
