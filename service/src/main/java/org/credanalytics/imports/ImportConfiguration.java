package org.credanalytics.imports;

import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** History imports ({@code POST /v1/imports}): how large a part may be, and how parts are applied. */
public class ImportConfiguration {
    /** The largest body of one part, inflated if it was sent with gzip: it bounds a part's events too. */
    @NotNull
    @MinDataSize(1)
    @MaxDataSize(value = 2, unit = io.dropwizard.util.DataSizeUnit.GIBIBYTES)
    @JsonProperty
    private DataSize maxRequestSize = DataSize.mebibytes(256);

    /**
     * Events applied per transaction (but a part sent with ?atomic=true is one transaction). On
     * Citus the rollup job waits while one runs (see ImportedRollup), so this bounds its delay.
     */
    @Min(100)
    @Max(1_000_000)
    @JsonProperty
    private int chunkEvents = 50_000;

    /**
     * At most this many events per second are applied (0: as fast as the database goes), so that an
     * import leaves CPU to live ingest and the queries on a small machine.
     */
    @Min(0)
    @JsonProperty
    private int maxEventsPerSecond = 0;

    /** Parts accepted but not yet applied, over all imports; one more is a 503 with Retry-After. */
    @Min(1)
    @Max(1_000)
    @JsonProperty
    private int queuedParts = 8;

    /** The first rejections kept per import (all are counted). */
    @Min(0)
    @Max(10_000)
    @JsonProperty
    private int maxReportedRejections = 100;

    /** Where accepted parts wait on disk to be applied; unset: the JVM's temporary directory. */
    @JsonProperty
    private String spoolDirectory;

    /** A running import that no process has touched this long is ended as failed, and its events removed. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration staleAfter = Duration.minutes(10);

    public DataSize getMaxRequestSize() {
        return maxRequestSize;
    }

    public int getChunkEvents() {
        return chunkEvents;
    }

    public int getMaxEventsPerSecond() {
        return maxEventsPerSecond;
    }

    public int getQueuedParts() {
        return queuedParts;
    }

    public int getMaxReportedRejections() {
        return maxReportedRejections;
    }

    public String getSpoolDirectory() {
        return spoolDirectory;
    }

    public Duration getStaleAfter() {
        return staleAfter;
    }
}
