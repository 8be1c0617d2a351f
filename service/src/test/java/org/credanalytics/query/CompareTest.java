package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.credanalytics.query.QueryResponses.Geo;
import org.credanalytics.query.QueryResponses.Location;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The comparison ranges and changes of {@code compare=}; the expected dates are worked out on a calendar. */
@Tag("fast")
class CompareTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void thePreviousPeriodOfWholeMonthsIsTheMonthsBefore() {
        // March has 31 days, February 2026 28: by days, the previous period would start on 29 January
        assertThat(previousPeriod("2026-03-01", "2026-04-01")).isEqualTo(range("2026-02-01", "2026-03-01"));
        assertThat(previousPeriod("2026-01-01", "2026-04-01")).isEqualTo(range("2025-10-01", "2026-01-01"));
        assertThat(previousPeriod("2025-03-01", "2026-03-01")).isEqualTo(range("2024-03-01", "2025-03-01"));
    }

    @Test
    void thePreviousPeriodOfOtherRangesIsAsManyDaysBefore() {
        assertThat(previousPeriod("2026-03-01", "2026-03-08")).isEqualTo(range("2026-02-22", "2026-03-01"));
        assertThat(previousPeriod("2026-03-10", "2026-04-09")).isEqualTo(range("2026-02-08", "2026-03-10"));
        // starts on the 1st but does not end on one: 30 days, not a month
        assertThat(previousPeriod("2026-03-01", "2026-03-31")).isEqualTo(range("2026-01-30", "2026-03-01"));
        assertThat(previousPeriod("2024-03-01", "2024-03-02")).isEqualTo(range("2024-02-29", "2024-03-01"));
    }

    @Test
    void thePreviousYearIsTheSameDatesAYearEarlier() {
        assertThat(Compare.PREVIOUS_YEAR.earlier(range("2026-03-01", "2026-03-08"))).isEqualTo(range("2025-03-01", "2025-03-08"));
        assertThat(Compare.PREVIOUS_YEAR.earlier(range("2024-02-29", "2024-03-01"))).isEqualTo(range("2023-02-28", "2023-03-01"));
    }

    @Test
    void thePreviousYearOfTheDayBefore29FebruaryStaysOneDayLong() {
        // 28 and 29 February 2024 both become 28 February 2023: the range would be empty
        assertThat(Compare.PREVIOUS_YEAR.earlier(range("2024-02-28", "2024-02-29"))).isEqualTo(range("2023-02-28", "2023-03-01"));
    }

    @Test
    void changesAreInPercentToTwoDecimals() {
        assertThat(Compare.percentChange(100.0, 150.0)).isEqualTo(50.0);
        assertThat(Compare.percentChange(3.0, 4.0)).isEqualTo(33.33);
        assertThat(Compare.percentChange(3.0, 1.0)).isEqualTo(-66.67);
        assertThat(Compare.percentChange(7.0, 7.0)).isEqualTo(0.0);
        assertThat(Compare.percentChange(8.0, 0.0)).isEqualTo(-100.0);
    }

    @Test
    void thereIsNoChangeFromNothing() {
        assertThat(Compare.percentChange(0.0, 5.0)).isNull();
        assertThat(Compare.percentChange(null, 5.0)).isNull();
        assertThat(Compare.percentChange(5.0, null)).isNull();
    }

    @Test
    void anAnswerCarriesTheEarlierAnswerItsRangeAndTheChanges() {
        Geo now = geo("2026-03-01", "2026-04-01", new Location("US", 10, 9), new Location("DE", 4, 4));
        Geo before = geo("2026-02-01", "2026-03-01", new Location("US", 8, 8));

        Geo compared = Compare.PREVIOUS_PERIOD.attach(now, range("2026-02-01", "2026-03-01"), before);

        assertThat(compared.locations()).isEqualTo(now.locations());
        assertThat(compared.comparison().compare()).isEqualTo("previous_period");
        assertThat(compared.comparison().from()).isEqualTo(LocalDate.parse("2026-02-01"));
        assertThat(compared.comparison().to()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(compared.comparison().previous()).isEqualTo(before);
        assertThat(compared.comparison().changePercent()).containsEntry("US", 25.0).containsEntry("DE", null).hasSize(2);
    }

    @Test
    void theParameterNamesTheComparisons() {
        assertThat(Compare.PREVIOUS_PERIOD.label()).isEqualTo("previous_period");
        assertThat(Compare.PREVIOUS_YEAR.label()).isEqualTo("previous_year");
    }

    private static QueryRange previousPeriod(String from, String to) {
        return Compare.PREVIOUS_PERIOD.earlier(range(from, to));
    }

    private static QueryRange range(String from, String to) {
        return new QueryRange(LocalDate.parse(from), LocalDate.parse(to), BERLIN);
    }

    private static Geo geo(String from, String to, Location... locations) {
        return new Geo(new QueryResponses.AnswerHeader(42, LocalDate.parse(from), LocalDate.parse(to), BERLIN.getId(),
                Instant.parse("2026-04-01T00:00:00Z")), List.of(locations), null);
    }
}
