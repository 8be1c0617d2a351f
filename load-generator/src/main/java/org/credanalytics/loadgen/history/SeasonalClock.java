package org.credanalytics.loadgen.history;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Reads out the times of a {@link HistoryPlan}'s events in order, oldest first: each day's events
 * at random times inside the day's part of the window, denser in the busy hours of
 * {@link Seasonality}. Sorted times are drawn one at a time (each the minimum of the remaining
 * uniform draws), so nothing is buffered. The same plan and seed give the same times.
 */
public final class SeasonalClock implements LongSupplier {
    private final List<HistoryPlan.Day> days;
    private final SplittableRandom random;
    private int dayIndex = -1;
    private HistoryPlan.Day day;
    private long remaining;
    /** Where in the current day's cumulative hourly share the previous event fell. */
    private double position;
    private double endPosition;

    public SeasonalClock(HistoryPlan plan, long seed) {
        this.days = plan.days();
        // A stream of its own, so that the event contents do not depend on the times.
        this.random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    }

    @Override
    public long getAsLong() {
        while (remaining == 0) {
            if (++dayIndex >= days.size()) {
                throw new IllegalStateException("the plan has no more events");
            }
            day = days.get(dayIndex);
            remaining = day.events();
            position = Seasonality.cdf(day.fromFraction());
            endPosition = Seasonality.cdf(day.toFraction());
        }
        // The minimum of n uniforms on [position, end) is at 1 - U^(1/n) of the way.
        position += (endPosition - position) * (1 - Math.pow(random.nextDouble(), 1.0 / remaining));
        remaining--;
        long millis = day.dayStartMillis() + (long) Math.floor(Seasonality.fractionAt(position) * HistoryPlan.DAY_MILLIS);
        return Math.max(day.fromMillis(), Math.min(day.toMillis() - 1, millis));
    }
}
