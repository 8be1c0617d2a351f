package org.credanalytics.rollup;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** How often the rollup job runs and how much it takes on in one transaction. */
public class RollupConfiguration {
    @JsonProperty
    private boolean enabled = true;

    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration interval = Duration.seconds(1);

    static final int DEFAULT_VALUES_PER_DAY = 1_000;

    /**
     * Distinct locations, and distinct credential types, each institution gets per UTC day in the
     * rollups; the issued credentials of further values count as 'other'
     * ({@code analytics_rollup_folded_events_total}). Clients choose these values, and every one is
     * kept in four grains forever.
     */
    @Min(1)
    @JsonProperty
    private int maxValuesPerDay = DEFAULT_VALUES_PER_DAY;

    public int getMaxValuesPerDay() {
        return maxValuesPerDay;
    }

    /**
     * Zones whose local days are kept as rollups of their own ({@link LocalDayZones}): a series by
     * day, week or month in one of them costs about what UTC's does, where other zones read hourly
     * rows. Each zone adds one more merge to every rollup step. The same list on every instance.
     */
    @NotNull
    @Size(max = 50)
    @JsonProperty
    private List<ZoneId> localDayZones = List.of();

    public List<ZoneId> getLocalDayZones() {
        return localDayZones;
    }

    /** At most this many ids per transaction, so a backlog is caught up in bounded steps. */
    @Min(1)
    @JsonProperty
    private long maxIdsPerStep = 1_000_000;

    /**
     * work_mem of the job's own connection. A step sorts its new events to aggregate them; with the
     * server's default (4 MB) a second's worth at 50,000 events/s spills to disk.
     */
    @NotNull
    @JsonProperty
    private DataSize workMem = DataSize.mebibytes(64);

    /** The /healthcheck reports the rollups unhealthy when they have not caught up for longer. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration unhealthyLag = Duration.minutes(5);

    public Duration getUnhealthyLag() {
        return unhealthyLag;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Duration getInterval() {
        return interval;
    }

    public long getMaxIdsPerStep() {
        return maxIdsPerStep;
    }

    public DataSize getWorkMem() {
        return workMem;
    }
}
