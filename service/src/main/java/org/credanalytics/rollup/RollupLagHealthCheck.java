package org.credanalytics.rollup;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;

/**
 * Unhealthy when the rollups have not caught up with the stored events for longer than
 * {@code rollup.unhealthyLag}: dashboards then show stale numbers (the raw tail they add grows
 * with the lag, and so does their latency). Reads the lag the job's metrics keep.
 */
public final class RollupLagHealthCheck extends HealthCheck {
    private final RollupMetrics metrics;
    private final Duration threshold;

    public RollupLagHealthCheck(RollupMetrics metrics, Duration threshold) {
        this.metrics = metrics;
        this.threshold = threshold;
    }

    @Override
    protected Result check() {
        long lagMillis = metrics.lagMillis();
        if (lagMillis > threshold.toMillis()) {
            return Result.unhealthy("the rollups last caught up %d s ago (threshold %d s): see "
                    + "analytics_rollup_failures_total and the log", lagMillis / 1000, threshold.toSeconds());
        }
        return Result.healthy("caught up %d ms ago", lagMillis);
    }
}
