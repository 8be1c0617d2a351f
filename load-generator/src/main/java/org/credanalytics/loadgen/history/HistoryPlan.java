package org.credanalytics.loadgen.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * How many events each UTC day of the window {@code [until - days, until)} gets: the total split in
 * proportion to {@link Seasonality}, weighted by the part of the day inside the window (the first
 * and last days are partial unless {@code until} is midnight). The counts add up to the total
 * exactly. A year is a few hundred small rows, so the plan is computed whole, unlike the events.
 */
public record HistoryPlan(Instant from, Instant until, long events, Seasonality seasonality, List<Day> days) {
    static final long DAY_MILLIS = 86_400_000L;

    /**
     * One UTC day's part of the window: events occur in {@code [fromMillis, toMillis)}, which is
     * {@code [dayStartMillis + fromFraction * day, dayStartMillis + toFraction * day)}.
     */
    public record Day(LocalDate date, long dayStartMillis, double fromFraction, double toFraction, long events) {
        public long fromMillis() {
            return dayStartMillis + Math.round(fromFraction * DAY_MILLIS);
        }

        public long toMillis() {
            return dayStartMillis + Math.round(toFraction * DAY_MILLIS);
        }
    }

    public HistoryPlan {
        days = List.copyOf(days);
    }

    public static HistoryPlan of(Instant until, int days, long events, Seasonality seasonality) {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1, was " + days);
        }
        if (events < 0) {
            throw new IllegalArgumentException("--events must not be negative, was " + events);
        }
        long untilMillis = until.toEpochMilli();
        long fromMillis = untilMillis - days * DAY_MILLIS;
        LocalDate end = LocalDate.ofInstant(until, ZoneOffset.UTC);
        List<LocalDate> dates = new ArrayList<>();
        List<double[]> fractions = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double total = 0;
        for (LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(fromMillis), ZoneOffset.UTC);
                startOf(date) < untilMillis; date = date.plusDays(1)) {
            double fromFraction = Math.max(0, (fromMillis - startOf(date)) / (double) DAY_MILLIS);
            double toFraction = Math.min(1, (untilMillis - startOf(date)) / (double) DAY_MILLIS);
            double weight = seasonality.dayWeight(date, end) * Seasonality.dayShare(fromFraction, toFraction);
            dates.add(date);
            fractions.add(new double[] {fromFraction, toFraction});
            weights.add(weight);
            total += weight;
        }
        // Cumulative rounding: every day gets its share to within one event, and the sum is exact.
        List<Day> plan = new ArrayList<>(dates.size());
        double cumulative = 0;
        long assigned = 0;
        for (int i = 0; i < dates.size(); i++) {
            cumulative += weights.get(i);
            long upTo = i == dates.size() - 1 ? events : Math.round(events * (cumulative / total));
            plan.add(new Day(dates.get(i), startOf(dates.get(i)), fractions.get(i)[0], fractions.get(i)[1], upTo - assigned));
            assigned = upTo;
        }
        return new HistoryPlan(Instant.ofEpochMilli(fromMillis), until, events, seasonality, plan);
    }

    private static long startOf(LocalDate date) {
        return date.toEpochDay() * DAY_MILLIS;
    }
}
