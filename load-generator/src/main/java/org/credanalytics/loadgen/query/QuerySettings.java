package org.credanalytics.loadgen.query;

import java.net.URI;
import java.time.Duration;

/**
 * Everything a query run needs. {@code warmup}: sent at the same rate before the measured {@code duration}, not recorded.
 * {@code revalidate}: send each path's last {@code ETag} in {@code If-None-Match}, as a refreshing dashboard does.
 */
public record QuerySettings(URI target, double rate, Duration duration, Duration warmup, int concurrency,
                            int institutions, double skew, long seed, String apiKey, String tz,
                            Duration requestTimeout, QueryMix mix, boolean revalidate) {
    public QuerySettings {
        if (!(rate > 0) || concurrency < 1 || institutions < 1 || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("rate, duration, concurrency and institutions must be positive");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must not be negative");
        }
    }

    /** Without revalidation: every request asks for the whole answer. */
    public QuerySettings(URI target, double rate, Duration duration, Duration warmup, int concurrency,
                         int institutions, double skew, long seed, String apiKey, String tz,
                         Duration requestTimeout, QueryMix mix) {
        this(target, rate, duration, warmup, concurrency, institutions, skew, seed, apiKey, tz, requestTimeout, mix, false);
    }
}
