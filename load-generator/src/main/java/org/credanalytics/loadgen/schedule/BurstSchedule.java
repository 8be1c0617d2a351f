package org.credanalytics.loadgen.schedule;

/**
 * A base rate with periodic bursts: within every period, the last {@code burstNanos} run at
 * {@code factor} times the base rate. Like {@link SteadySchedule}, due times are computed from n
 * by inverting the cumulative event count, so they do not drift.
 */
final class BurstSchedule implements RateSchedule {
    private final double baseRate;
    private final int eventsPerItem;
    private final long periodNanos;
    private final long calmNanos;
    private final double factor;
    private final double calmEvents;
    private final double eventsPerPeriod;

    BurstSchedule(double baseRate, int eventsPerItem, long periodNanos, long burstNanos, double factor) {
        if (!(baseRate > 0) || eventsPerItem < 1 || burstNanos <= 0 || burstNanos > periodNanos || !(factor > 0)) {
            throw new IllegalArgumentException("invalid burst schedule");
        }
        this.baseRate = baseRate;
        this.eventsPerItem = eventsPerItem;
        this.periodNanos = periodNanos;
        this.calmNanos = periodNanos - burstNanos;
        this.factor = factor;
        this.calmEvents = baseRate * calmNanos / 1e9;
        this.eventsPerPeriod = calmEvents + baseRate * factor * burstNanos / 1e9;
    }

    @Override
    public long offsetNanos(long n) {
        double events = (double) n * eventsPerItem;
        long period = (long) Math.floor(events / eventsPerPeriod);
        double within = events - period * eventsPerPeriod;
        double nanos = within < calmEvents
                ? within / baseRate * 1e9
                : calmNanos + (within - calmEvents) / (baseRate * factor) * 1e9;
        return period * periodNanos + Math.round(nanos);
    }

    @Override
    public double eventsPerSecondAt(long offsetNanos) {
        return Math.floorMod(offsetNanos, periodNanos) >= calmNanos ? baseRate * factor : baseRate;
    }
}
