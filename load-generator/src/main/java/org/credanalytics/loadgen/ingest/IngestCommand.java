package org.credanalytics.loadgen.ingest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.credanalytics.loadgen.DurationConverter;
import org.credanalytics.loadgen.Scenario;
import org.credanalytics.loadgen.ServiceOptions;
import org.credanalytics.loadgen.TenantOptions;
import org.credanalytics.loadgen.gen.GeneratorSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ingest}: drives {@code POST /v1/events/batch} open-loop at a fixed event rate. Exits 1
 * when any batch ended in error. Other modules can call {@link #run(IngestSettings, PrintStream)}
 * to get the report object directly.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send batches of generated events at a fixed rate (open loop) and report latency "
                + "measured from each batch's intended send time."})
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service = new ServiceOptions();

    @Mixin
    TenantOptions tenants = new TenantOptions();

    @Option(names = "--rate", defaultValue = "1000", description = "Events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long to send, e.g. 60s, 5m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--batch-size", defaultValue = "500", description = "Events per request, at most 10000 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--concurrency", defaultValue = "8", description = "Worker threads = requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--scenario", defaultValue = "steady", converter = Scenario.Converter.class,
            completionCandidates = Scenario.Names.class,
            description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Scenario scenario;

    @Option(names = "--run-id", description = "Run id, the prefix of every event id (default: generated).")
    String runId;

    @Option(names = "--body", defaultValue = "json", description = "Request body: json or ndjson (default: ${DEFAULT-VALUE}).")
    String body;

    @Option(names = "--request-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Timeout of one request (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(names = "--max-attempts", defaultValue = "3",
            description = "Attempts per batch on timeouts, I/O errors and 5xx other than 503 (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--max-backoffs", defaultValue = "100",
            description = "Retry-After backoffs (429/503) per batch before it counts as failed (default: ${DEFAULT-VALUE}).")
    int maxBackoffs;

    @Option(names = "--drain-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long after the schedule ends batches may still be retried (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--batch-per-institution",
            description = "Each batch holds the events of one institution, as clients holding institution keys send them"
                    + " (default: every batch mixes institutions, as an admin key may).")
    boolean batchPerInstitution;

    @Override
    public Integer call() throws InterruptedException {
        IngestReport result = run(settings(), System.out);
        service.writeReport(result);
        return result.errors() == 0 ? 0 : 1;
    }

    /** Runs an ingest with the given settings and returns its report; progress goes to {@code out}. */
    public static IngestReport run(IngestSettings settings, PrintStream out) throws InterruptedException {
        return new IngestRun(settings, out, IngestRun.defaultClient()).run();
    }

    /** Parses {@code ingest} arguments (as on the command line) into settings, for programmatic use. */
    public static IngestSettings settingsFrom(String... args) {
        IngestCommand command = new IngestCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    IngestSettings settings() {
        return new IngestSettings(service.target(), rate, duration, batchSize, concurrency, tenants.institutions(),
                tenants.skew(), scenario, tenants.seed(), runId == null ? GeneratorSettings.newRunId() : runId,
                service.apiKey(),
                BodyFormat.valueOf(body.trim().toUpperCase(Locale.ROOT)),
                requestTimeout, maxAttempts, maxBackoffs, drainTimeout, batchPerInstitution);
    }
}
