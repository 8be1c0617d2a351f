package org.credanalytics.loadgen.schedule;

/**
 * When each unit of work of an open-loop run is due. The due time of item n is a pure function of
 * n, never the sum of previous sleeps, so late wake-ups and slow responses cannot make the
 * schedule drift: item 6000 at 100 items/s is due at exactly 60 s.
 */
public interface RateSchedule {

    /** Nanoseconds after the start of the run at which item {@code n} (0-based) is due. */
    long offsetNanos(long n);

    /** The target rate in events per second at a given offset, for progress lines. */
    double eventsPerSecondAt(long offsetNanos);

    static RateSchedule steady(double eventsPerSecond, int eventsPerItem) {
        return new SteadySchedule(eventsPerSecond, eventsPerItem);
    }

    /** Base rate, with {@code factor} times the rate during the last {@code burstNanos} of every period. */
    static RateSchedule burst(double eventsPerSecond, int eventsPerItem, long periodNanos, long burstNanos, double factor) {
        return new BurstSchedule(eventsPerSecond, eventsPerItem, periodNanos, burstNanos, factor);
    }
}
