package org.credanalytics.loadgen.gen;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A fixed list of values with relative weights, sampled by inverting the cumulative weights.
 * Values are kept as given so callers can write them without further allocation.
 */
public final class WeightedTable {
    private final String[] values;
    private final double[] cumulative;

    private WeightedTable(String[] values, double[] cumulative) {
        this.values = values;
        this.cumulative = cumulative;
    }

    /** Builds a table from alternating value, weight pairs. */
    public static WeightedTable of(Object... valueWeightPairs) {
        if (valueWeightPairs.length == 0 || valueWeightPairs.length % 2 != 0) {
            throw new IllegalArgumentException("expected value, weight pairs");
        }
        int n = valueWeightPairs.length / 2;
        String[] values = new String[n];
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            values[i] = (String) valueWeightPairs[2 * i];
            sum += ((Number) valueWeightPairs[2 * i + 1]).doubleValue();
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        cumulative[n - 1] = 1.0;
        return new WeightedTable(values, cumulative);
    }

    public int sampleIndex(RandomGenerator random) {
        return indexAt(random.nextDouble());
    }

    public String sample(RandomGenerator random) {
        return values[sampleIndex(random)];
    }

    /** The value whose cumulative band contains u in [0, 1); lets callers derive stable picks from a hash. */
    public int indexAt(double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    public String value(int index) {
        return values[index];
    }

    public int size() {
        return values.length;
    }

    public List<String> values() {
        return List.of(values);
    }
}
