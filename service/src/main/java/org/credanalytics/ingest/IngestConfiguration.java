package org.credanalytics.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** Limits and tuning of the ingest API and its batch writer. */
public class IngestConfiguration {
    @Min(1)
    @Max(1_000_000)
    @JsonProperty
    private int maxEventsPerRequest = 10_000;

    @NotNull
    @MinDataSize(1)
    @MaxDataSize(value = 1, unit = DataSizeUnit.GIBIBYTES)
    @JsonProperty
    private DataSize maxRequestSize = DataSize.mebibytes(16);

    @NotNull
    @MinDataSize(16)
    @JsonProperty
    private DataSize maxMetadataSize = DataSize.kibibytes(16);

    @NotNull
    @JsonProperty
    private Duration maxFutureSkew = Duration.days(1);

    /** Events waiting for the writer; beyond this, requests get 429. */
    @Min(1)
    @JsonProperty
    private int queueCapacity = 200_000;

    @Min(1)
    @JsonProperty
    private int maxFlushEvents = 20_000;

    /** Writer threads, each with its own connection: one flush is sent while another commits. */
    @Min(1)
    @Max(64)
    @JsonProperty
    private int writerThreads = 2;

    @NotNull
    @JsonProperty
    private Duration flushLinger = Duration.milliseconds(5);

    /**
     * On Citus, connections to each worker that a writer keeps open between COPYs
     * ({@code citus.max_cached_conns_per_worker} on the writers' own connections). A COPY opens one
     * per shard placement it touches; with Citus's default of 1 every flush reconnects to all but one
     * shard per worker. Ignored by plain PostgreSQL.
     */
    @Min(1)
    @Max(1024)
    @JsonProperty
    private int citusCachedConnectionsPerWorker = 32;

    /**
     * On Citus, connections per worker one COPY may use ({@code citus.max_adaptive_executor_pool_size}
     * on the writers' connections). With 1, a flush is one transaction per worker, so its two-phase
     * commit prepares once per worker instead of once per shard; Citus buffers the rows of the other
     * shards and sends them over the same connection. Measured: 1.2-1.35x the events/s of the default (16).
     */
    @Min(1)
    @Max(1024)
    @JsonProperty
    private int citusConnectionsPerWorkerPerFlush = 1;

    /** On Citus, where ingest COPYs go: see {@link org.credanalytics.ingest.routing.IngestTopology}. */
    public enum CitusRouting { NODES, COORDINATOR }

    @NotNull
    @JsonProperty
    private CitusRouting citusRouting = CitusRouting.NODES;

    /** On Citus with {@code citusRouting: nodes}, how often the writer re-reads which node holds which shard. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration citusRoutingRefresh = Duration.seconds(10);

    /** How long a request waits for its commit before answering 503 (the client retries safely). */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration ackTimeout = Duration.seconds(30);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration retryAfter = Duration.seconds(1);

    @AssertTrue(message = "queueCapacity must be at least maxEventsPerRequest")
    public boolean isQueueLargeEnough() {
        return queueCapacity >= maxEventsPerRequest;
    }

    public int getMaxEventsPerRequest() {
        return maxEventsPerRequest;
    }

    public DataSize getMaxRequestSize() {
        return maxRequestSize;
    }

    public DataSize getMaxMetadataSize() {
        return maxMetadataSize;
    }

    public Duration getMaxFutureSkew() {
        return maxFutureSkew;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public int getMaxFlushEvents() {
        return maxFlushEvents;
    }

    public int getCitusCachedConnectionsPerWorker() {
        return citusCachedConnectionsPerWorker;
    }

    public int getCitusConnectionsPerWorkerPerFlush() {
        return citusConnectionsPerWorkerPerFlush;
    }

    public int getWriterThreads() {
        return writerThreads;
    }

    public Duration getFlushLinger() {
        return flushLinger;
    }

    public Duration getAckTimeout() {
        return ackTimeout;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public CitusRouting getCitusRouting() {
        return citusRouting;
    }

    public void setCitusRouting(CitusRouting citusRouting) {
        this.citusRouting = citusRouting;
    }

    public Duration getCitusRoutingRefresh() {
        return citusRoutingRefresh;
    }
}
