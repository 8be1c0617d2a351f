package org.credanalytics.imports;

import java.time.Clock;
import java.time.Duration;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.credanalytics.db.Citus;
import org.credanalytics.ingest.EventJson;
import org.credanalytics.ingest.EventValidator;
import org.credanalytics.rollup.ImportedRollup;
import org.jdbi.v3.core.Jdbi;

/**
 * The imports' parts, built by hand as the rest of the service is: for the service
 * ({@link #imports}, {@link #worker}) and for the {@code import} command ({@link #reader},
 * {@link #applier}, {@link #removal}).
 *
 * @param maxMetadataBytes  and {@code maxFutureSkew}: as live ingest's ({@code ingest.*})
 * @param rawRetention      {@code retention.rawEvents}: newer events are kept as raw too
 * @param valuesPerDay      {@code rollup.maxValuesPerDay}, as the rollup job caps them
 * @param workMemKib        {@code rollup.workMem}, for the chunks' aggregates
 */
public record ImportSetup(PartReader reader, PartApplier applier, ImportRemoval removal, ImportWorker worker,
                          Imports imports) {
    /** Events of any age are taken: this far back is before any credential. */
    static final Duration ANY_AGE = Duration.ofDays(366L * 200);

    public static ImportSetup create(Jdbi jdbi, ImportConfiguration config, int maxMetadataBytes, Duration maxFutureSkew,
                                     Duration rawRetention, int valuesPerDay, long workMemKib, MeterRegistry meters,
                                     ObjectMapper apiMapper) {
        ObjectMapper eventMapper = EventJson.mapper();
        EventValidator validator = new EventValidator(eventMapper, maxMetadataBytes, maxFutureSkew, ANY_AGE);
        PartReader reader = new PartReader(eventMapper, validator, Clock.systemUTC(), config.getMaxReportedRejections());
        ImportedRollup rollup = new ImportedRollup(jdbi, valuesPerDay, Citus.isPresent(jdbi));
        ChunkApplier chunks = new ChunkApplier(rollup, workMemKib);
        PartApplier applier = new PartApplier(jdbi, chunks, config.getChunkEvents(), rawRetention,
                config.getMaxEventsPerSecond(), Clock.systemUTC());
        ImportRemoval removal = new ImportRemoval(jdbi, rollup);
        ImportMetrics metrics = new ImportMetrics(meters);
        ImportWorker worker = new ImportWorker(jdbi, applier, removal, metrics, config.getQueuedParts(),
                config.getStaleAfter().toSeconds());
        Imports imports = new Imports(jdbi, reader, worker, removal, metrics, apiMapper, config);
        return new ImportSetup(reader, applier, removal, worker, imports);
    }
}
