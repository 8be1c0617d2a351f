package org.credanalytics.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The {@code cluster} block: how often the shard-balance monitor looks, and how many tenants it
 * reports ({@code topTenants}): in {@code /v1/cluster/shards}, and as the top institutions of the
 * per-tenant gauges, which add one "other" series, so at most {@code topTenants} + 1 per metric.
 */
public class ClusterConfiguration {
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration shardMonitorInterval = Duration.seconds(30);

    @Min(1)
    @Max(1000)
    @JsonProperty
    private int topTenants = 10;

    public Duration getShardMonitorInterval() {
        return shardMonitorInterval;
    }

    public int getTopTenants() {
        return topTenants;
    }
}
