package org.credanalytics.loadgen.gen;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.credanalytics.loadgen.Scenario;
import org.credanalytics.loadgen.TenantOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Writes generated events to a file, as NDJSON or as CSV for {@code \copy}, so that a benchmark
 * can compare loading the same events through COPY and through the service.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write N generated events to a file (NDJSON, or CSV in the column order "
                + "event_id,event_type,institution_id,issued_at,metadata for psql \\copy)."})
public final class GenerateCommand implements Callable<Integer> {

    /** Output formats of the command. */
    public enum Format { CSV, NDJSON }

    @Mixin
    TenantOptions tenants = new TenantOptions();

    @Option(names = "--count", required = true, description = "Number of events to write.")
    long count;

    @Option(names = "--out", required = true, description = "Output file.")
    Path out;

    @Option(names = "--format", description = "csv or ndjson (default: from the file extension, else ndjson).")
    String format;

    @Option(names = "--scenario", defaultValue = "steady", converter = Scenario.Converter.class,
            description = "Event-level scenario: steady, hot-tenant or late (default: ${DEFAULT-VALUE}).")
    Scenario scenario;

    @Option(names = "--run-id", description = "Prefix of the event ids (default: a fresh run id).")
    String runId;

    @Option(names = "--now", description = "Fixed 'now' (ISO-8601) for reproducible timestamps (default: the clock).")
    Instant now;

    @Option(names = "--history-days", defaultValue = "0",
            description = "Spread the events evenly over this many days before 'now', oldest first, "
                    + "to back-fill history (default: ${DEFAULT-VALUE}: all around 'now').")
    int historyDays;

    @Override
    public Integer call() throws IOException {
        if (scenario.shapesBatches()) {
            throw new IllegalArgumentException("generate writes events, not batches; scenario "
                    + scenario + " has no meaning here (use steady, hot-tenant or late)");
        }
        Format resolved = resolveFormat(format, out);
        GeneratorSettings settings = new GeneratorSettings(
                runId == null ? GeneratorSettings.newRunId() : runId, tenants.seed(), tenants.institutions(),
                tenants.skew(), scenario);
        LongSupplier clock = clock();
        long started = System.nanoTime();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            write(new EventGenerator(settings, clock), count, resolved, file);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "wrote %d events of run %s to %s (%s) in %.1f s%n",
                count, settings.runId(), out, resolved.name().toLowerCase(Locale.ROOT), seconds);
        return 0;
    }

    private LongSupplier clock() {
        if (historyDays > 0) {
            long nowMillis = now == null ? System.currentTimeMillis() : now.toEpochMilli();
            return new HistoryClock(nowMillis, historyDays * 86_400_000L, count);
        }
        return now == null ? System::currentTimeMillis : () -> now.toEpochMilli();
    }

    /** Writes {@code count} events of the generator; usable without the command line. */
    public static void write(EventGenerator generator, long count, Format format, OutputStream out) throws IOException {
        EventEncoder encoder = new EventEncoder();
        if (format == Format.CSV) {
            CsvEventWriter csv = new CsvEventWriter(encoder, out);
            for (long i = 0; i < count; i++) {
                csv.write(generator.next());
            }
            return;
        }
        try (JsonGenerator g = encoder.ndjsonGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            for (long i = 0; i < count; i++) {
                encoder.writeEvent(g, generator.next());
            }
            if (count > 0) {
                g.writeRaw('\n');
            }
        }
    }

    static Format resolveFormat(String format, Path out) {
        if (format != null) {
            return Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
        }
        return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? Format.CSV : Format.NDJSON;
    }
}
