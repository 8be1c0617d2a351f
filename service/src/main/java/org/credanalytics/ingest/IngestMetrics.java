package org.credanalytics.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** The ingest path's meters. Names are constants here; meters are created once, in the constructor. */
public final class IngestMetrics {
    public static final String EVENTS = "analytics.ingest.events";
    public static final String REQUESTS_REJECTED = "analytics.ingest.requests.rejected";
    public static final String FLUSH_EVENTS = "analytics.ingest.flush.events";
    public static final String FLUSH_DURATION = "analytics.ingest.flush.duration";
    public static final String QUEUE_DEPTH = "analytics.ingest.queue.depth";
    public static final String NODE_EVENTS = "analytics.ingest.node.events";

    private final Counter accepted;
    private final Counter duplicate;
    private final Counter rejected;
    private final Counter failed;
    private final Counter queueFull;
    private final DistributionSummary flushSize;
    private final Timer flushDuration;
    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        accepted = events(registry, "accepted");
        duplicate = events(registry, "duplicate");
        rejected = events(registry, "rejected");
        failed = events(registry, "failed");
        queueFull = Counter.builder(REQUESTS_REJECTED).description("Ingest requests refused for backpressure")
                .tag("reason", "queue_full").register(registry);
        flushSize = DistributionSummary.builder(FLUSH_EVENTS).description("Events per COPY transaction")
                .baseUnit("events").publishPercentileHistogram().minimumExpectedValue(1.0)
                .maximumExpectedValue(100_000.0).register(registry);
        flushDuration = Timer.builder(FLUSH_DURATION).description("Time to COPY and commit one flush")
                .publishPercentileHistogram().register(registry);
    }

    private static Counter events(MeterRegistry registry, String outcome) {
        return Counter.builder(EVENTS).description("Ingested events by outcome").baseUnit("events")
                .tag("outcome", outcome).register(registry);
    }

    void outcome(IngestResult result) {
        accepted.increment(result.accepted());
        duplicate.increment(result.duplicates());
    }

    public void rejected(int events) {
        rejected.increment(events);
    }

    void failed(int events) {
        failed.increment(events);
    }

    void queueFull() {
        queueFull.increment();
    }

    void flushed(int events, long nanos) {
        flushSize.record(events);
        flushDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Events committed through one database node ("coordinator", or a Citus worker's host:port); made once per node. */
    Counter nodeEvents(String node) {
        return Counter.builder(NODE_EVENTS).description("Events committed through each database node the writer sends COPYs to")
                .baseUnit("events").tag("node", node).register(registry);
    }
}
