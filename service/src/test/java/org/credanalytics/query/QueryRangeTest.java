package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class QueryRangeTest {
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
}
