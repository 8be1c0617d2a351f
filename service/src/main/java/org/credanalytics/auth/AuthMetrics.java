package org.credanalytics.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.credanalytics.api.ApiException;

/**
 * Requests refused by authentication, authorization or the per-key limits, by reason:
 * {@code analytics_auth_rejected_total{reason=unauthenticated|forbidden|rate_limited|too_large|unavailable}}.
 * A rising {@code unauthenticated} count is what key guessing looks like.
 */
public final class AuthMetrics {
    public static final String REJECTED = "analytics.auth.rejected";

    private final Counter unauthenticated;
    private final Counter forbidden;
    private final Counter rateLimited;
    private final Counter tooLarge;
    private final Counter unavailable;

    public AuthMetrics(MeterRegistry registry) {
        unauthenticated = counter(registry, "unauthenticated");
        forbidden = counter(registry, "forbidden");
        rateLimited = counter(registry, "rate_limited");
        tooLarge = counter(registry, "too_large");
        unavailable = counter(registry, "unavailable");
    }

    private static Counter counter(MeterRegistry registry, String reason) {
        // No base unit: it would make the Prometheus name analytics_auth_rejected_requests_total.
        return Counter.builder(REJECTED).description("Requests refused by API key checks, by reason")
                .tag("reason", reason).register(registry);
    }

    /** Counts the refusal and returns it, for {@code throw metrics.refused(e)}. */
    ApiException refused(ApiException e) {
        switch (e.status()) {
            case 401 -> unauthenticated.increment();
            case 403 -> forbidden.increment();
            case 413 -> tooLarge.increment();
            case 429 -> rateLimited.increment();
            default -> unavailable.increment();
        }
        return e;
    }
}
