package org.credanalytics.retention;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The raw events' partitions, as Prometheus sees them. */
public final class RetentionMetrics {
    private final AtomicLong partitions = new AtomicLong();
    private final AtomicLong oldestStartSeconds = new AtomicLong();
    private final Counter created;
    private final Counter dropped;
    private final Counter failures;

    public RetentionMetrics(MeterRegistry registry) {
        Gauge.builder("analytics_raw_partitions", partitions, AtomicLong::get)
                .description("Daily partitions of analytics_events").register(registry);
        Gauge.builder("analytics_raw_retained_since_seconds", oldestStartSeconds, AtomicLong::get)
                .description("Start of the oldest raw-event partition (Unix time): raw events are complete since then")
                .register(registry);
        created = Counter.builder("analytics_raw_partitions_added")
                .description("Raw-event partitions created ahead by partition maintenance").register(registry);
        dropped = Counter.builder("analytics_raw_partitions_expired")
                .description("Raw-event partitions dropped after retention.rawEvents").register(registry);
        failures = Counter.builder("analytics_raw_partition_maintenance_failures")
                .description("Partition maintenance rounds that failed (retried at the next check)").register(registry);
    }

    void observed(List<Partition> current, int createdNow, int droppedNow) {
        partitions.set(current.size());
        oldestStartSeconds.set(current.isEmpty() ? Instant.now().getEpochSecond()
                : current.get(0).starts().toEpochSecond());
        created.increment(createdNow);
        dropped.increment(droppedNow);
    }

    void failed() {
        failures.increment();
    }
}
