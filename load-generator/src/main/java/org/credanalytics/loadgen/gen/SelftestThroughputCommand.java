package org.credanalytics.loadgen.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.credanalytics.loadgen.Scenario;
import org.credanalytics.loadgen.TenantOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures how many events per second one thread can generate and JSON-encode in batches, the
 * work the ingest producer does per batch. If this is not well above the target rate, the load
 * generator, not the service, is the bottleneck.
 */
@Command(name = "selftest-throughput", mixinStandardHelpOptions = true,
        description = "Measure generator + JSON encoder throughput on one thread (events/s).")
public final class SelftestThroughputCommand implements Callable<Integer> {
    @Mixin
    TenantOptions tenants = new TenantOptions();

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds, after 1 s of warm-up (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--batch-size", defaultValue = "500", description = "Events per encoded batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    /** What one measurement produced. */
    public record Result(long events, long bytes, double seconds) {
        public double eventsPerSecond() {
            return events / seconds;
        }

        public double bytesPerEvent() {
            return events == 0 ? 0 : (double) bytes / events;
        }
    }

    @Override
    public Integer call() {
        System.out.printf(Locale.ROOT, "generating + encoding batches of %d on one thread for %d s (after 1 s warm-up)%n",
                batchSize, seconds);
        measure(batchSize, tenants.institutions(), tenants.skew(), tenants.seed(), 1_000_000_000L, false);
        Result result = measure(batchSize, tenants.institutions(), tenants.skew(), tenants.seed(),
                seconds * 1_000_000_000L, true);
        System.out.printf(Locale.ROOT, "%.0f events/s (%d events, %.1f bytes/event, %.2f s)%n",
                result.eventsPerSecond(), result.events(), result.bytesPerEvent(), result.seconds());
        return 0;
    }

    /** Generates and encodes batches for about {@code nanos}; prints one line per second when asked. */
    public static Result measure(int batchSize, int institutions, double skew, long seed, long nanos, boolean progress) {
        EventGenerator generator = new EventGenerator(
                new GeneratorSettings("selftest", seed, institutions, skew, Scenario.STEADY), System::currentTimeMillis);
        EventEncoder encoder = new EventEncoder();
        List<Event> batch = new ArrayList<>(batchSize);
        long events = 0;
        long bytes = 0;
        long start = System.nanoTime();
        long nextReport = start + 1_000_000_000L;
        long eventsAtReport = 0;
        long now = start;
        while (now - start < nanos) {
            batch.clear();
            for (int i = 0; i < batchSize; i++) {
                batch.add(generator.next());
            }
            bytes += encoder.jsonArray(batch).length;
            events += batchSize;
            now = System.nanoTime();
            if (progress && now >= nextReport) {
                System.out.printf(Locale.ROOT, "  %,d events/s%n", events - eventsAtReport);
                eventsAtReport = events;
                nextReport += 1_000_000_000L;
            }
        }
        return new Result(events, bytes, (now - start) / 1e9);
    }
}
