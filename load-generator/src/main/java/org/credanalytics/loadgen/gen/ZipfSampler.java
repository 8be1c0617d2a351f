package org.credanalytics.loadgen.gen;

import java.util.random.RandomGenerator;

/**
 * Draws ranks 1..n with probability proportional to 1/k^s by inverting a precomputed CDF. The
 * table costs 8 bytes per rank, which is fine for the up-to-millions of institutions we simulate,
 * and a draw is one binary search: exact, and fast enough for the generator's budget.
 */
public final class ZipfSampler {
    private final double[] cdf;
    private final double exponent;

    public ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        if (exponent < 0) {
            throw new IllegalArgumentException("exponent must not be negative, was " + exponent);
        }
        this.exponent = exponent;
        this.cdf = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += weight(k);
            cdf[k - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        cdf[n - 1] = 1.0;
    }

    /** Returns a rank in 1..n. */
    public int sample(RandomGenerator random) {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo + 1;
    }

    /** The exact probability of rank k, for tests and for reasoning about skew. */
    public double probability(int k) {
        return k == 1 ? cdf[0] : cdf[k - 1] - cdf[k - 2];
    }

    public int size() {
        return cdf.length;
    }

    private double weight(int k) {
        return 1.0 / Math.pow(k, exponent);
    }
}
