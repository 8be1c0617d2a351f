package org.credanalytics.loadgen.query;

import java.net.URI;
import java.time.Duration;

/** Everything a query run needs. {@code warmup}: sent at the same rate before the measured {@code duration}, not recorded. */
public record QuerySettings(URI target, double rate, Duration duration, Duration warmup, int concurrency,
                            int institutions, double skew, long seed, String apiKey, String tz,
                            Duration requestTimeout, QueryMix mix) {
    public QuerySettings {
        if (!(rate > 0) || concurrency < 1 || institutions < 1 || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("rate, duration, concurrency and institutions must be positive");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must not be negative");
        }
    }
}
