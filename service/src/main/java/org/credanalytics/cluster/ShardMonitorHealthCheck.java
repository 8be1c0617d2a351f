package org.credanalytics.cluster;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Unhealthy when the shard-balance monitor has no snapshot younger than three of its intervals,
 * i.e. its last snapshots failed (each failure is logged and counted in
 * {@code analytics_cluster_monitor_failures_total}); {@code /v1/cluster/shards} is then stale.
 */
public final class ShardMonitorHealthCheck extends HealthCheck {
    static final int MISSED_SNAPSHOTS = 3;
    private final Supplier<Optional<ShardSnapshot>> latest;
    private final Duration maxAge;
    private final Clock clock;

    public ShardMonitorHealthCheck(Supplier<Optional<ShardSnapshot>> latest, Duration interval, Clock clock) {
        this.latest = latest;
        this.maxAge = interval.multipliedBy(MISSED_SNAPSHOTS);
        this.clock = clock;
    }

    @Override
    protected Result check() {
        Optional<ShardSnapshot> snapshot = latest.get();
        if (snapshot.isEmpty()) {
            return Result.unhealthy("no shard-balance snapshot has succeeded yet");
        }
        Instant observedAt = snapshot.get().observedAt();
        Duration age = Duration.between(observedAt, clock.instant());
        if (age.compareTo(maxAge) > 0) {
            return Result.unhealthy("the latest shard-balance snapshot is %d s old (taken %s): the last %d failed",
                    age.toSeconds(), observedAt, MISSED_SNAPSHOTS);
        }
        return Result.healthy("snapshot taken %s", observedAt);
    }
}
