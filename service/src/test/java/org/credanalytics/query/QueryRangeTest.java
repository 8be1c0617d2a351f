package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class QueryRangeTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void aRangesLengthIsComparedWithoutArithmeticPastTheEndsOfTheCalendar() {
        LocalDate from = LocalDate.parse("2025-03-01");
        assertThat(QueryParameters.spansMoreThan(from, LocalDate.parse("2026-04-01"), 13, ChronoUnit.MONTHS)).isFalse();
        assertThat(QueryParameters.spansMoreThan(from, LocalDate.parse("2026-04-02"), 13, ChronoUnit.MONTHS)).isTrue();
        assertThat(QueryParameters.spansMoreThan(LocalDate.parse("2024-01-31"), LocalDate.parse("2024-02-29"), 1,
                ChronoUnit.MONTHS)).isFalse();
        assertThat(QueryParameters.spansMoreThan(LocalDate.parse("2024-01-31"), LocalDate.parse("2024-03-01"), 1,
                ChronoUnit.MONTHS)).isTrue();
        assertThat(QueryParameters.spansMoreThan(LocalDate.MAX.minusDays(10), LocalDate.MAX, 120, ChronoUnit.MONTHS)).isFalse();
        assertThat(QueryParameters.spansMoreThan(LocalDate.MIN, LocalDate.MAX, 20, ChronoUnit.YEARS)).isTrue();
    }

    @Test
    void wholeMonthsLieInsideTheRangeWithTheEdgesLeftToDays() {
        QueryRange year = new QueryRange(LocalDate.parse("2025-11-25"), LocalDate.parse("2026-11-25"), UTC);

        assertThat(year.wholeMonthsFrom()).isEqualTo(OffsetDateTime.parse("2025-12-01T00:00Z"));
        assertThat(year.wholeMonthsTo()).isEqualTo(OffsetDateTime.parse("2026-11-01T00:00Z"));
    }

    @Test
    void aRangeOfWholeMonthsIsAllMonths() {
        QueryRange march = new QueryRange(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-04-01"), UTC);

        assertThat(march.wholeMonthsFrom()).isEqualTo(march.fromInstant());
        assertThat(march.wholeMonthsTo()).isEqualTo(march.toInstant());
    }

    @Test
    void aRangeWithoutAWholeMonthHasAnEmptyMonthSpanAtItsStart() {
        QueryRange acrossMonths = new QueryRange(LocalDate.parse("2026-03-15"), LocalDate.parse("2026-04-10"), UTC);

        assertThat(acrossMonths.wholeMonthsFrom()).isEqualTo(acrossMonths.fromInstant());
        assertThat(acrossMonths.wholeMonthsTo()).isEqualTo(acrossMonths.fromInstant());
    }

    @Test
    void dailyRollupsServeRangesWhoseEndsAreUtcMidnights() {
        assertThat(new QueryRange(LocalDate.parse("2026-01-05"), LocalDate.parse("2026-02-05"), UTC).zoneIsUtc()).isTrue();
        QueryRange londonWinter = new QueryRange(LocalDate.parse("2026-01-05"), LocalDate.parse("2026-02-05"),
                ZoneId.of("Europe/London"));
        assertThat(londonWinter.boundsOnUtcMidnights()).isTrue();
        assertThat(londonWinter.zoneIsUtc()).isFalse();
        QueryRange londonSummer = new QueryRange(LocalDate.parse("2026-06-05"), LocalDate.parse("2026-07-05"),
                ZoneId.of("Europe/London"));
        assertThat(londonSummer.boundsOnUtcMidnights()).isFalse();
    }
}
