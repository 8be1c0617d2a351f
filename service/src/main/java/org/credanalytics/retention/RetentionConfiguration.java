package org.credanalytics.retention;

import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How long raw events are kept. They live in one partition per UTC day; a partition is dropped
 * whole once its day ended more than {@code rawEvents} ago, and the rollups keep answering for it.
 */
public class RetentionConfiguration {
    public static final int DEFAULT_PARTITIONS_AHEAD = 3;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.DAYS)
    @JsonProperty
    private Duration rawEvents = Duration.days(30);

    /** Citus only: partitions whose day ended longer ago become columnar (compressed). Unset: never. */
    @MinDuration(value = 1, unit = TimeUnit.DAYS)
    @JsonProperty
    private Duration columnarAfter;

    /** Partitions are created this many days ahead, so ingest at midnight never waits on DDL. */
    @Min(1)
    @Max(60)
    @JsonProperty
    private int partitionsAhead = DEFAULT_PARTITIONS_AHEAD;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration checkInterval = Duration.minutes(10);

    public Duration getRawEvents() {
        return rawEvents;
    }

    public Duration getColumnarAfter() {
        return columnarAfter;
    }

    public int getPartitionsAhead() {
        return partitionsAhead;
    }

    public Duration getCheckInterval() {
        return checkInterval;
    }
}
