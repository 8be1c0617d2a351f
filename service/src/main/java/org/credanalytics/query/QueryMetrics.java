package org.credanalytics.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard queries' latency timer, one per {@link DashboardEndpoint} and HTTP status class,
 * all registered up front so that every series exists (at zero) before the first request and no
 * meter is built on the request path. Percentile histograms make them usable with {@code histogram_quantile}.
 */
public final class QueryMetrics {
    public static final String DURATION = "analytics.query.duration";
    static final List<String> STATUS_CLASSES = List.of("2xx", "4xx", "5xx");

    private final Map<String, Timer> timers = new HashMap<>();

    public QueryMetrics(MeterRegistry registry) {
        for (DashboardEndpoint endpoint : DashboardEndpoint.values()) {
            for (String status : STATUS_CLASSES) {
                timers.put(key(endpoint, status), Timer.builder(DURATION)
                        .description("Dashboard query latency, from request start until the response is ready to write")
                        .tag("endpoint", endpoint.metricName())
                        .tag("status", status)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry));
            }
        }
    }

    /** Records one request. */
    void record(DashboardEndpoint endpoint, int httpStatus, long nanos) {
        timers.get(key(endpoint, statusClass(httpStatus))).record(nanos, TimeUnit.NANOSECONDS);
    }

    static String statusClass(int httpStatus) {
        if (httpStatus >= 200 && httpStatus < 300) {
            return "2xx";
        }
        return httpStatus >= 400 && httpStatus < 500 ? "4xx" : "5xx";
    }

    private static String key(DashboardEndpoint endpoint, String status) {
        return endpoint.name() + '|' + status;
    }
}
