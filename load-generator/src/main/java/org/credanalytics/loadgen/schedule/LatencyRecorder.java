package org.credanalytics.loadgen.schedule;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in microseconds: a {@link Recorder} that workers write to without locking, read once
 * per progress interval, and a histogram accumulating all intervals for the final summary.
 */
public final class LatencyRecorder {
    /** One hour; anything slower is recorded as one hour rather than lost. */
    public static final long HIGHEST_MICROS = 3_600_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    private Histogram interval;

    public void recordNanos(long nanos) {
        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000)));
    }

    /** The latencies recorded since the previous call; also adds them to the total. */
    public synchronized Histogram nextInterval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval.copy();
    }

    /** All latencies recorded so far, including those not yet taken as an interval. */
    public synchronized Histogram total() {
        nextInterval();
        return total.copy();
    }
}
