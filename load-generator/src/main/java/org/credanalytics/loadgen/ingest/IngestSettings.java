package org.credanalytics.loadgen.ingest;

import java.net.URI;
import java.time.Duration;
import org.credanalytics.loadgen.Scenario;
import org.credanalytics.loadgen.gen.GeneratorSettings;

/** Everything an ingest run needs; {@link IngestCommand#settingsFrom(String...)} builds it from CLI arguments. */
public record IngestSettings(
        URI target,
        double rate,
        Duration duration,
        int batchSize,
        int concurrency,
        int institutions,
        double skew,
        Scenario scenario,
        long seed,
        String runId,
        String apiKey,
        BodyFormat body,
        Duration requestTimeout,
        int maxAttempts,
        int maxBackoffs,
        Duration drainTimeout,
        boolean batchPerInstitution) {

    /** The service accepts at most this many events per request. */
    public static final int MAX_BATCH_SIZE = 10_000;

    public IngestSettings {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("--batch-size must be 1.." + MAX_BATCH_SIZE);
        }
        if (concurrency < 1 || maxAttempts < 1 || maxBackoffs < 0) {
            throw new IllegalArgumentException("--concurrency and --max-attempts must be at least 1");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
    }

    public GeneratorSettings generator() {
        return new GeneratorSettings(runId, seed, institutions, skew, scenario);
    }
}
