package org.credanalytics.loadgen.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class RateScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void steadyBatchesAreDueAtMultiplesOfTheBatchInterval() {
        RateSchedule schedule = RateSchedule.steady(50_000, 500);

        assertThat(schedule.offsetNanos(0)).isZero();
        assertThat(schedule.offsetNanos(1)).isEqualTo(10_000_000L);
        assertThat(schedule.offsetNanos(2)).isEqualTo(20_000_000L);
        assertThat(schedule.offsetNanos(100)).isEqualTo(SECOND);
    }

    @Test
    void steadyScheduleDoesNotDriftOverSixtySeconds() {
        // Rates whose interval is not a whole number of nanoseconds: summing rounded intervals would drift.
        for (double rate : new double[] {3, 7, 333.3, 49_999}) {
            RateSchedule schedule = RateSchedule.steady(rate, 1);
            long itemsInSixtySeconds = Math.round(rate * 60);
            for (long n = 0; n <= itemsInSixtySeconds; n++) {
                double exact = n * 1e9 / rate;
                assertThat((double) schedule.offsetNanos(n)).as("rate %s item %d", rate, n).isCloseTo(exact, within(1.0));
            }
            assertThat(schedule.offsetNanos(itemsInSixtySeconds)).isCloseTo(60 * SECOND, within(1L));
        }
    }

    @Test
    void dueTimesIncreaseStrictly() {
        RateSchedule schedule = RateSchedule.burst(1000, 10, 10 * SECOND, 2 * SECOND, 5);
        long previous = -1;
        for (long n = 0; n < 10_000; n++) {
            long offset = schedule.offsetNanos(n);
            assertThat(offset).isGreaterThan(previous);
            previous = offset;
        }
    }

    @Test
    void burstScheduleSendsFiveTimesTheRateInTheLastTwoSecondsOfEveryTen() {
        RateSchedule schedule = RateSchedule.burst(1000, 10, 10 * SECOND, 2 * SECOND, 5);

        // 100 batches/s calm, 500 batches/s in the burst, in every 10 s period.
        for (int period = 0; period < 6; period++) {
            long start = period * 10 * SECOND;
            assertThat(countDue(schedule, start, start + SECOND)).isEqualTo(100);
            assertThat(countDue(schedule, start + 8 * SECOND, start + 9 * SECOND)).isEqualTo(500);
            assertThat(countDue(schedule, start, start + 10 * SECOND)).isEqualTo(800 + 1000);
        }
        assertThat(schedule.eventsPerSecondAt(SECOND)).isEqualTo(1000);
        assertThat(schedule.eventsPerSecondAt(9 * SECOND)).isEqualTo(5000);
        assertThat(schedule.offsetNanos(1800)).isEqualTo(10 * SECOND);
        assertThat(schedule.offsetNanos(6 * 1800)).isEqualTo(60 * SECOND);
    }

    private static int countDue(RateSchedule schedule, long fromNanos, long toNanos) {
        int count = 0;
        for (long n = 0; ; n++) {
            long offset = schedule.offsetNanos(n);
            if (offset >= toNanos) {
                return count;
            }
            if (offset >= fromNanos) {
                count++;
            }
        }
    }
}
