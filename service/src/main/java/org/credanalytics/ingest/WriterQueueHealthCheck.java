package org.credanalytics.ingest;

import com.codahale.metrics.health.HealthCheck;
import java.util.function.IntSupplier;

/**
 * Unhealthy when the batch writer's queue is at {@link #THRESHOLD} of its capacity or more:
 * ingest requests are about to be refused with 429 because the database does not keep up.
 */
public final class WriterQueueHealthCheck extends HealthCheck {
    static final double THRESHOLD = 0.9;
    private final IntSupplier queuedEvents;
    private final int capacity;

    public WriterQueueHealthCheck(IntSupplier queuedEvents, int capacity) {
        this.queuedEvents = queuedEvents;
        this.capacity = capacity;
    }

    @Override
    protected Result check() {
        int queued = queuedEvents.getAsInt();
        if (queued >= THRESHOLD * capacity) {
            return Result.unhealthy("%d of %d queued events: the writer does not keep up, ingest will answer 429",
                    queued, capacity);
        }
        return Result.healthy("%d of %d queued events", queued, capacity);
    }
}
