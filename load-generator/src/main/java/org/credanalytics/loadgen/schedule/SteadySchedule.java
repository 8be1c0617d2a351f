package org.credanalytics.loadgen.schedule;

/** A constant rate: item n is due when n items' worth of events have been due. */
final class SteadySchedule implements RateSchedule {
    private final double eventsPerSecond;
    private final int eventsPerItem;

    SteadySchedule(double eventsPerSecond, int eventsPerItem) {
        if (!(eventsPerSecond > 0) || eventsPerItem < 1) {
            throw new IllegalArgumentException("rate and item size must be positive");
        }
        this.eventsPerSecond = eventsPerSecond;
        this.eventsPerItem = eventsPerItem;
    }

    @Override
    public long offsetNanos(long n) {
        // One multiplication and one division of exact integers-as-doubles: no error accumulates with n.
        return Math.round((double) n * eventsPerItem * 1e9 / eventsPerSecond);
    }

    @Override
    public double eventsPerSecondAt(long offsetNanos) {
        return eventsPerSecond;
    }
}
