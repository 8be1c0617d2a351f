package org.credanalytics.loadgen.gen;

import java.util.function.LongSupplier;

/**
 * A clock for back-filling history: the n-th of {@code count} readings lies n/count of the way from
 * {@code now - span} to {@code now}, so a generator asking once per event spreads its events evenly
 * over the span, oldest first, as a replay of past traffic would.
 */
public final class HistoryClock implements LongSupplier {
    private final long startMillis;
    private final long spanMillis;
    private final long count;
    private long readings;

    public HistoryClock(long nowMillis, long spanMillis, long count) {
        if (spanMillis < 0 || count < 1) {
            throw new IllegalArgumentException("span must not be negative and count must be positive");
        }
        this.startMillis = nowMillis - spanMillis;
        this.spanMillis = spanMillis;
        this.count = count;
    }

    @Override
    public long getAsLong() {
        long n = Math.min(readings++, count - 1);
        return startMillis + (long) ((double) n / count * spanMillis);
    }
}
