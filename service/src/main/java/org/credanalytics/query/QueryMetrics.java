package org.credanalytics.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard queries' latency timer, one per endpoint and HTTP status class, all registered
 * up front so that every series exists (at zero) before the first request and no meter is built
 * on the request path. Percentile histograms make them usable with {@code histogram_quantile}.
 */
public final class QueryMetrics {
    public static final String DURATION = "analytics.query.duration";
    public static final List<String> ENDPOINTS = List.of(
            "activity", "geo", "credential_types", "summary", "funnel", "platform_institutions", "platform_geo");
    static final List<String> STATUS_CLASSES = List.of("2xx", "4xx", "5xx");

    private final Map<String, Timer> timers = new HashMap<>();

    public QueryMetrics(MeterRegistry registry) {
        for (String endpoint : ENDPOINTS) {
            for (String status : STATUS_CLASSES) {
                timers.put(key(endpoint, status), Timer.builder(DURATION)
                        .description("Dashboard query latency, from request start until the response is ready to write")
                        .tag("endpoint", endpoint)
                        .tag("status", status)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry));
            }
        }
    }

    /** Records one request; endpoints outside {@link #ENDPOINTS} are a programming error and are ignored. */
    void record(String endpoint, int httpStatus, long nanos) {
        Timer timer = timers.get(key(endpoint, statusClass(httpStatus)));
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    static String statusClass(int httpStatus) {
        if (httpStatus >= 200 && httpStatus < 300) {
            return "2xx";
        }
        return httpStatus >= 400 && httpStatus < 500 ? "4xx" : "5xx";
    }

    private static String key(String endpoint, String status) {
        return endpoint + '|' + status;
    }
}
