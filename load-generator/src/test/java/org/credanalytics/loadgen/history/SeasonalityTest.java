package org.credanalytics.loadgen.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SeasonalityTest {
    private final Seasonality seasonality = new Seasonality(0.4);

    @Test
    void graduationPeaksInJuneAndDecemberStandAboveMarchAndSeptember() {
        assertThat(Seasonality.yearly(LocalDate.of(2025, 6, 15))).isGreaterThan(1.9);
        assertThat(Seasonality.yearly(LocalDate.of(2025, 12, 12))).isGreaterThan(1.6);
        assertThat(Seasonality.yearly(LocalDate.of(2025, 3, 15))).isCloseTo(1, within(0.01));
        assertThat(Seasonality.yearly(LocalDate.of(2025, 9, 15))).isCloseTo(1, within(0.01));
    }

    @Test
    void theDecemberPeakReachesIntoJanuaryOfTheNextYear() {
        assertThat(Seasonality.yearly(LocalDate.of(2026, 1, 2))).isGreaterThan(Seasonality.yearly(LocalDate.of(2026, 1, 30)));
    }

    @Test
    void weekdaysAreBusierThanWeekends() {
        for (DayOfWeek weekday : new DayOfWeek[] {DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY}) {
            assertThat(Seasonality.weekday(weekday)).isGreaterThan(2 * Seasonality.weekday(DayOfWeek.SATURDAY));
        }
        assertThat(Seasonality.weekday(DayOfWeek.SUNDAY)).isLessThan(Seasonality.weekday(DayOfWeek.SATURDAY));
    }

    @Test
    void trafficGrowsByTheAnnualRateTowardsTheEnd() {
        LocalDate end = LocalDate.of(2026, 3, 1);

        assertThat(seasonality.growth(end, end)).isEqualTo(1.0);
        assertThat(seasonality.growth(end.minusDays(365), end)).isCloseTo(1 / 1.4, within(0.002));
        assertThat(new Seasonality(0).growth(end.minusDays(365), end)).isEqualTo(1.0);
    }

    @Test
    void theAfternoonUtcIsBusierThanTheNightAndTheHourlyShareInverts() {
        assertThat(Seasonality.dayShare(14 / 24.0, 15 / 24.0)).isGreaterThan(3 * Seasonality.dayShare(3 / 24.0, 4 / 24.0));
        assertThat(Seasonality.dayShare(0, 1)).isEqualTo(1.0);
        for (double x = 0; x <= 1; x += 0.01) {
            assertThat(Seasonality.fractionAt(Seasonality.cdf(x))).isCloseTo(x, within(1e-9));
        }
    }
}
