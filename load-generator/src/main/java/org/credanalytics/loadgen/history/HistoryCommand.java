package org.credanalytics.loadgen.history;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.credanalytics.loadgen.DurationConverter;
import org.credanalytics.loadgen.Json;
import org.credanalytics.loadgen.ServiceOptions;
import org.credanalytics.loadgen.TenantOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code history}: generates a realistic past (seasonal, growing, Zipf over institutions) and
 * imports it through {@code POST /v1/imports} in gzip NDJSON parts, then waits for the import and
 * prints a JSON summary. Exits 1 unless the import ended done with every part. Other modules can
 * call {@link #run(HistorySettings, PrintStream)} to get the summary directly.
 */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate --days of past traffic ending at --until and import it with the history "
                + "import API, in gzip NDJSON parts; wait until the import is done and print a JSON summary."})
public final class HistoryCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service = new ServiceOptions();

    @Mixin
    TenantOptions tenants = new TenantOptions();

    @Option(names = "--days", defaultValue = "365", description = "Days of history (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--until", description = "End of the history, exclusive, ISO-8601 "
            + "(default: the start of the current UTC hour, so that a re-run within the hour repeats the same events).")
    Instant until;

    @Option(names = "--events", defaultValue = "1000000", description = "Events in all (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--part-events", defaultValue = "200000", description = "Events per part (request) (default: ${DEFAULT-VALUE}).")
    int partEvents;

    @Option(names = "--institution", description = "Import for this institution only (an institution key with "
            + "the import scope may then be used) (default: all institutions, Zipf).")
    Long institution;

    @Option(names = "--run-id", description = "Prefix of the event ids (default: hist-<seed>, or hist-<seed>-i<institution>).")
    String runId;

    @Option(names = "--growth", defaultValue = "0.4",
            description = "Yearly growth of traffic, 0.4 = +40%% per year (default: ${DEFAULT-VALUE}).")
    double growth;

    @Option(names = "--atomic", description = "Ask for an all-or-nothing import (?atomic=true on POST /v1/imports).")
    boolean atomic;

    @Option(names = "--request-timeout", defaultValue = "5m", converter = DurationConverter.class,
            description = "Timeout of one request (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(names = "--max-backoffs", defaultValue = "1000",
            description = "Retry-After waits (429/503: import queue full) per part before giving up (default: ${DEFAULT-VALUE}).")
    int maxBackoffs;

    @Option(names = "--poll-interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often the import's status is read and a progress line printed (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--wait-timeout", defaultValue = "30m", converter = DurationConverter.class,
            description = "How long to wait for the import after the last part was sent (default: ${DEFAULT-VALUE}).")
    Duration waitTimeout;

    @Option(names = "--max-part-mib", defaultValue = "256",
            description = "Refuse a part whose NDJSON, before gzip, is larger: the service's body limit (default: ${DEFAULT-VALUE}).")
    long maxPartMib;

    @Override
    public Integer call() throws InterruptedException {
        HistorySummary summary = run(settings(), System.out);
        service.writeReport(summary);
        return summary.ok() ? 0 : 1;
    }

    /** Runs an import with the given settings; progress and the summary line go to {@code out}. */
    public static HistorySummary run(HistorySettings settings, PrintStream out) throws InterruptedException {
        ImportClient client = new ImportClient(ImportClient.defaultHttpClient(), settings.target(), settings.apiKey(),
                settings.requestTimeout(), settings.maxBackoffs());
        HistorySummary summary = new HistoryRun(settings, client, out).run();
        out.println(Json.line(summary));
        return summary;
    }

    /** Parses {@code history} arguments (as on the command line) into settings, for programmatic use. */
    public static HistorySettings settingsFrom(String... args) {
        HistoryCommand command = new HistoryCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    HistorySettings settings() {
        return new HistorySettings(service.target(), service.apiKey(), tenants.institutions(), tenants.skew(),
                tenants.seed(), days, until == null ? HistorySettings.defaultUntil(Instant.now()) : until, events,
                partEvents, institution, runId == null ? HistorySettings.defaultRunId(tenants.seed(), institution) : runId,
                growth, atomic, requestTimeout, maxBackoffs, pollInterval, waitTimeout, maxPartMib << 20);
    }
}
