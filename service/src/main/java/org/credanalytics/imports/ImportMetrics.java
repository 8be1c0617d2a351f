package org.credanalytics.imports;

import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The imports' meters: events read, rejected and applied, failed imports, and the events waiting in the queue. */
public final class ImportMetrics {
    public static final String EVENTS = "analytics.import.events";
    public static final String FAILURES = "analytics.import.failures";
    public static final String QUEUED = "analytics.import.queued.events";

    private final Counter read;
    private final Counter rejected;
    private final Counter applied;
    private final Counter failures;
    private final AtomicLong queued = new AtomicLong();

    public ImportMetrics(MeterRegistry registry) {
        read = events(registry, "read");
        rejected = events(registry, "rejected");
        applied = events(registry, "applied");
        failures = Counter.builder(FAILURES).description("Imports ended as failed").register(registry);
        Gauge.builder(QUEUED, queued, AtomicLong::get).description("Events of accepted parts not yet applied")
                .baseUnit("events").register(registry);
    }

    private static Counter events(MeterRegistry registry, String outcome) {
        return Counter.builder(EVENTS).description("Imported events by outcome").baseUnit("events")
                .tag("outcome", outcome).register(registry);
    }

    void intake(PartReader.Intake intake) {
        read.increment(intake.read());
        rejected.increment(intake.rejected());
    }

    void queued(long events) {
        queued.addAndGet(events);
    }

    void applied(long events) {
        applied.increment(events);
    }

    void dequeued(long events) {
        queued.addAndGet(-events);
    }

    void failed() {
        failures.increment();
    }
}
