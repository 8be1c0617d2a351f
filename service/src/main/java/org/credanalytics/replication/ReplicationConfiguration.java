package org.credanalytics.replication;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * The {@code replication} block: whether every database node should have a synchronous standby
 * ({@code expectStandbys}; the {@code database-standbys} health check fails for a node without
 * one), and how often the replication monitor polls the nodes.
 */
public class ReplicationConfiguration {
    @JsonProperty
    private boolean expectStandbys = false;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration monitorInterval = Duration.seconds(10);

    public boolean isExpectStandbys() {
        return expectStandbys;
    }

    public Duration getMonitorInterval() {
        return monitorInterval;
    }
}
