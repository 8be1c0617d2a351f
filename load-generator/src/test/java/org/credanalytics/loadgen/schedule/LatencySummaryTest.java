package org.credanalytics.loadgen.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class LatencySummaryTest {

    @Test
    void percentilesAreMillisecondsOfAMicrosecondHistogram() {
        Histogram micros = new Histogram(LatencyRecorder.HIGHEST_MICROS, 3);
        for (int ms = 1; ms <= 1000; ms++) {
            micros.recordValue(ms * 1000L);
        }

        LatencySummary summary = LatencySummary.of(micros);

        // 3 significant digits: values are exact to within 0.1%.
        assertThat(summary.p50()).isBetween(500.0, 500.5);
        assertThat(summary.p90()).isBetween(900.0, 900.5);
        assertThat(summary.p99()).isBetween(990.0, 990.5);
        assertThat(summary.p999()).isBetween(999.0, 999.5);
        assertThat(summary.max()).isBetween(1000.0, 1000.5);
    }

    @Test
    void emptyHistogramGivesZeros() {
        assertThat(LatencySummary.of(new Histogram(3))).isEqualTo(new LatencySummary(0, 0, 0, 0, 0));
    }

    @Test
    void recorderIntervalsAddUpToTheTotal() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.recordNanos(2_000_000);
        assertThat(recorder.nextInterval().getTotalCount()).isEqualTo(1);
        recorder.recordNanos(4_000_000);
        recorder.recordNanos(Long.MAX_VALUE);

        Histogram total = recorder.total();

        assertThat(total.getTotalCount()).isEqualTo(3);
        assertThat(total.getMaxValue()).isEqualTo(total.highestEquivalentValue(LatencyRecorder.HIGHEST_MICROS));
        assertThat(recorder.nextInterval().getTotalCount()).isZero();
    }
}
