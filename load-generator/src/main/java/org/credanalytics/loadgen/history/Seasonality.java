package org.credanalytics.loadgen.history;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The shape of past traffic: relative event rates by day (weekday against weekend, graduation
 * peaks in mid-June and mid-December, steady growth towards the end of the history) and by hour of
 * the UTC day. Only ratios matter. Everything here is a pure function of the date, so the shape
 * can be checked without generating an event.
 *
 * @param annualGrowth how much busier a day is than the same day a year earlier, e.g. 0.4 for +40%
 */
public record Seasonality(double annualGrowth) {
    /** Monday first. Institutions issue in office hours; views and shares follow the issuances. */
    private static final double[] WEEKDAY = {1.0, 1.05, 1.05, 1.0, 0.9, 0.4, 0.3};
    /** UTC hours 0..23: Europe's and the Americas' working days overlap in the afternoon. */
    private static final double[] HOURLY = {
        0.70, 0.55, 0.45, 0.40, 0.40, 0.45, 0.60, 0.80, 1.00, 1.10, 1.15, 1.15,
        1.20, 1.35, 1.50, 1.55, 1.50, 1.40, 1.30, 1.20, 1.10, 1.00, 0.90, 0.80};
    private static final double[] HOURLY_CDF = cumulative(HOURLY);
    private static final Peak[] PEAKS = {
        new Peak(6, 15, 1.0, 14),   // spring graduations and course ends
        new Peak(12, 12, 0.7, 10),  // end of the autumn term
    };

    private record Peak(int month, int day, double height, double sigmaDays) {
    }

    public Seasonality {
        if (!(annualGrowth > -1)) {
            throw new IllegalArgumentException("annual growth must be above -1 (-100%), was " + annualGrowth);
        }
    }

    /** The relative rate of a whole day, for a history that ends on {@code end}. */
    public double dayWeight(LocalDate day, LocalDate end) {
        return weekday(day.getDayOfWeek()) * yearly(day) * growth(day, end);
    }

    static double weekday(DayOfWeek day) {
        return WEEKDAY[day.getValue() - 1];
    }

    /** 1 away from the peaks, up to 1 + height on a peak's day; the December peak wraps into January. */
    static double yearly(LocalDate day) {
        double factor = 1;
        for (Peak peak : PEAKS) {
            double distance = Double.MAX_VALUE;
            for (int year = day.getYear() - 1; year <= day.getYear() + 1; year++) {
                LocalDate centre = LocalDate.of(year, peak.month(), peak.day());
                distance = Math.min(distance, Math.abs(ChronoUnit.DAYS.between(centre, day)));
            }
            double z = distance / peak.sigmaDays();
            factor += peak.height() * Math.exp(-0.5 * z * z);
        }
        return factor;
    }

    double growth(LocalDate day, LocalDate end) {
        double yearsBeforeEnd = ChronoUnit.DAYS.between(day, end) / 365.25;
        return Math.pow(1 + annualGrowth, -yearsBeforeEnd);
    }

    /** The share of a day's events between the fractions {@code from} and {@code to} (0..1) of the UTC day. */
    static double dayShare(double from, double to) {
        return cdf(to) - cdf(from);
    }

    /** The share of a day's events before fraction {@code x} of the UTC day. */
    static double cdf(double x) {
        double hours = Math.max(0, Math.min(24, x * 24));
        int hour = Math.min(23, (int) hours);
        double before = hour == 0 ? 0 : HOURLY_CDF[hour - 1];
        return before + (HOURLY_CDF[hour] - before) * (hours - hour);
    }

    /** The inverse of {@link #cdf}: the fraction of the UTC day by which {@code share} of its events occurred. */
    static double fractionAt(double share) {
        double s = Math.max(0, Math.min(1, share));
        int hour = 0;
        while (hour < 23 && HOURLY_CDF[hour] < s) {
            hour++;
        }
        double before = hour == 0 ? 0 : HOURLY_CDF[hour - 1];
        double within = (s - before) / (HOURLY_CDF[hour] - before);
        return (hour + within) / 24;
    }

    private static double[] cumulative(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double[] cdf = new double[weights.length];
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i];
            cdf[i] = running / sum;
        }
        cdf[weights.length - 1] = 1.0;
        return cdf;
    }
}
