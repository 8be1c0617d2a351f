package org.credanalytics.loadgen.schedule;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Prints the end-of-run latency table, in milliseconds from the intended send time. */
public final class PercentileTable {
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private PercentileTable() {
    }

    public static void print(PrintStream out, String title, Histogram micros) {
        out.printf(Locale.ROOT, "%s (ms, from intended send time; %d samples)%n", title, micros.getTotalCount());
        for (double p : PERCENTILES) {
            out.printf(Locale.ROOT, "  %-7s %10.3f%n", label(p), value(micros, p));
        }
        out.printf(Locale.ROOT, "  %-7s %10.3f%n", "max", micros.getTotalCount() == 0 ? 0 : LatencySummary.millis(micros.getMaxValue()));
    }

    private static double value(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : LatencySummary.millis(micros.getValueAtPercentile(percentile));
    }

    private static String label(double p) {
        return "p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p));
    }
}
