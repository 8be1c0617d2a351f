package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.credanalytics.rollup.RollupGrain;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which rollups a request reads: grains, whole months, and the split hours of zones whose midnight is inside a UTC hour. */
@Tag("fast")
class RollupReadTest {
    @Test
    void daysInUtcReadTheDailyRollupWithoutSplitHours() {
        RollupRead read = RollupRead.of(range("2026-03-01", "2026-04-01", "UTC"), Optional.of(Granularity.DAY));

        assertThat(read.grain()).isEqualTo(RollupGrain.DAILY);
        assertThat(read.splitHourList()).isEmpty();
        assertThat(read.months()).isEmpty();
    }

    @Test
    void wholeHourZonesReadHoursWithoutSplitHours() {
        RollupRead read = RollupRead.of(range("2026-03-01", "2026-04-01", "America/New_York"), Optional.of(Granularity.DAY));

        assertThat(read.grain()).isEqualTo(RollupGrain.HOURLY);
        assertThat(read.splitHourList()).isEmpty();
    }

    @Test
    void kolkataDaysSplitTheUtcHourOfEveryLocalMidnight() {
        RollupRead read = RollupRead.of(range("2026-03-01", "2026-03-04", "Asia/Kolkata"), Optional.of(Granularity.DAY));

        assertThat(read.grain()).isEqualTo(RollupGrain.HOURLY);
        assertThat(read.splitHourList()).extracting(OffsetDateTime::toString)
                .containsExactly("2026-02-28T18:00Z", "2026-03-01T18:00Z", "2026-03-02T18:00Z", "2026-03-03T18:00Z");
    }

    @Test
    void totalsSplitOnlyTheRangesEnds() {
        RollupRead read = RollupRead.wholeRange(range("2026-03-01", "2026-06-01", "Asia/Kathmandu"));

        assertThat(read.splitHourList()).extracting(OffsetDateTime::toString)
                .containsExactly("2026-02-28T18:00Z", "2026-05-31T18:00Z");
    }

    @Test
    void adelaidesSplitHoursFollowItsDaylightSavingTime() {
        // +10:30 until 2026-04-05 03:00 local, +9:30 after: midnight is 13:30 UTC, from 04-06 on 14:30 UTC.
        RollupRead read = RollupRead.of(range("2026-04-04", "2026-04-07", "Australia/Adelaide"), Optional.of(Granularity.DAY));

        assertThat(read.splitHourList()).extracting(OffsetDateTime::toString)
                .containsExactly("2026-04-03T13:00Z", "2026-04-04T13:00Z", "2026-04-05T14:00Z", "2026-04-06T14:00Z");
    }

    @Test
    void utcTotalsReadWholeMonthsInsideTheRangeAndDaysAtItsEdges() {
        RollupRead read = RollupRead.wholeRange(range("2025-11-25", "2026-11-25", "UTC"));

        assertThat(read.grain()).isEqualTo(RollupGrain.DAILY);
        assertThat(read.grainSpan()).isEqualTo(span("2025-11-25T00:00Z", "2026-11-25T00:00Z"));
        assertThat(read.months()).contains(span("2025-12-01T00:00Z", "2026-11-01T00:00Z"));
    }

    @Test
    void aRangeOfWholeMonthsIsAllMonthsAndOneWithoutAWholeMonthHasNone() {
        assertThat(RollupRead.wholeRange(range("2026-03-01", "2026-04-01", "UTC")).months())
                .contains(span("2026-03-01T00:00Z", "2026-04-01T00:00Z"));
        RollupRead acrossMonths = RollupRead.wholeRange(range("2026-03-15", "2026-04-10", "UTC"));
        assertThat(acrossMonths.months()).isEmpty();
        assertThat(acrossMonths.monthsFrom()).isEqualTo(acrossMonths.monthsTo());
    }

    /** Totals in any zone: whole UTC days and months inside the range, hours only at its two edges. */
    @Test
    void kolkataTotalsReadWholeUtcDaysAndMonthsWithHoursAtTheEdges() {
        RollupRead read = RollupRead.wholeRange(range("2025-11-25", "2026-11-25", "Asia/Kolkata"));

        assertThat(read.grain()).isEqualTo(RollupGrain.DAILY);
        assertThat(read.from()).isEqualTo(OffsetDateTime.parse("2025-11-24T18:30Z"));
        assertThat(read.grainSpan()).isEqualTo(span("2025-11-25T00:00Z", "2026-11-24T00:00Z"));
        assertThat(read.months()).contains(span("2025-12-01T00:00Z", "2026-11-01T00:00Z"));
        assertThat(read.splitHourList()).extracting(OffsetDateTime::toString)
                .containsExactly("2025-11-24T18:00Z", "2026-11-24T18:00Z");
    }

    @Test
    void totalsOfLessThanAUtcDayReadHours() {
        RollupRead read = RollupRead.wholeRange(range("2026-03-01", "2026-03-02", "America/New_York"));

        assertThat(read.grain()).isEqualTo(RollupGrain.HOURLY);
        assertThat(read.grainSpan()).isEqualTo(span("2026-03-01T05:00Z", "2026-03-02T05:00Z"));
        assertThat(read.months()).isEmpty();
    }

    @Test
    void seriesInOtherZonesReadHoursAndNoMonths() {
        RollupRead read = RollupRead.of(range("2025-11-25", "2026-11-25", "Europe/London"), Optional.of(Granularity.MONTH));

        assertThat(read.grain()).isEqualTo(RollupGrain.HOURLY);
        assertThat(read.months()).isEmpty();
    }

    /** What the quarter-hour grain relies on: since October 1979, every zone's offset is whole quarter hours. */
    @Test
    void everyZonesOffsetSinceOctober1979IsAWholeNumberOfQuarterHours() {
        Instant since = Instant.parse("1979-10-02T00:00:00Z");
        List<String> offQuarter = new ArrayList<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            var rules = ZoneId.of(id).getRules();
            if (rules.getOffset(since).getTotalSeconds() % 900 != 0) {
                offQuarter.add(id);
            }
            for (ZoneOffsetTransition transition : rules.getTransitions()) {
                if (transition.getInstant().isAfter(since) && transition.getOffsetAfter().getTotalSeconds() % 900 != 0) {
                    offQuarter.add(id + " " + transition);
                }
            }
        }
        assertThat(offQuarter).isEmpty();
    }

    private static RollupRead.Span span(String from, String to) {
        return new RollupRead.Span(OffsetDateTime.parse(from), OffsetDateTime.parse(to));
    }

    private static QueryRange range(String from, String to, String zone) {
        return new QueryRange(LocalDate.parse(from), LocalDate.parse(to), ZoneId.of(zone));
    }
}
