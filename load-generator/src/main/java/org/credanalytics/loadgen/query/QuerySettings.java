package org.credanalytics.loadgen.query;

import java.net.URI;
import java.time.Duration;

/** Everything a query run needs. */
public record QuerySettings(URI target, double rate, Duration duration, int concurrency, int institutions,
                            double skew, long seed, String apiKey, String tz, Duration requestTimeout,
                            QueryMix mix) {
    public QuerySettings {
        if (!(rate > 0) || concurrency < 1 || institutions < 1 || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("rate, duration, concurrency and institutions must be positive");
        }
    }
}
