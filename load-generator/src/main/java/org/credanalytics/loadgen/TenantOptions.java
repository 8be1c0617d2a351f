package org.credanalytics.loadgen;

import picocli.CommandLine.Option;

/**
 * The options that shape generated traffic the same way in every command ({@code ingest},
 * {@code query}, {@code generate}, {@code selftest-throughput}): how many institutions, how
 * skewed their activity is, and the random seed. Used as a picocli {@code @Mixin}.
 */
public final class TenantOptions {
    @Option(names = "--institutions", defaultValue = "1000", description = "Number of institutions (default: ${DEFAULT-VALUE}).")
    int institutions;

    @Option(names = "--skew", defaultValue = "1.1", description = "Zipf exponent of institution activity (default: ${DEFAULT-VALUE}).")
    double skew;

    @Option(names = "--seed", defaultValue = "1",
            description = "Random seed; the same seed gives the same traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    public int institutions() {
        return institutions;
    }

    public double skew() {
        return skew;
    }

    public long seed() {
        return seed;
    }
}
