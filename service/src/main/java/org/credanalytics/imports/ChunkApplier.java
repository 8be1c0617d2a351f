package org.credanalytics.imports;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.credanalytics.ingest.BinaryCopyEncoder;
import org.credanalytics.ingest.CopyBuffer;
import org.credanalytics.ingest.Event;
import org.credanalytics.ingest.EventKey;
import org.credanalytics.rollup.ImportedRollup;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/**
 * Applies one chunk of an import's events inside the caller's transaction:
 * <ol>
 * <li>the chunk's events, unique by key, are copied into {@code import_staged_events};</li>
 * <li>a key claimed before (by any import), or a recent event whose live copy is stored, is a
 *     duplicate and leaves the staging table; the rest claim their keys in {@code import_event_keys};</li>
 * <li>the new events inside raw retention are also kept as raw events, tagged with the import;</li>
 * <li>the rest are rolled up into every grain, tagged ({@link ImportedRollup}), and the staging
 *     table is emptied before the commit.</li>
 * </ol>
 */
final class ChunkApplier {
    private static final String COPY_SQL = "COPY import_staged_events (event_id, event_type, institution_id, issued_at,"
            + " metadata) FROM STDIN (FORMAT binary)";

    private final ImportedRollup rollup;
    private final String workMem;
    private final BinaryCopyEncoder encoder = new BinaryCopyEncoder();
    private final CopyBuffer buffer = new CopyBuffer(1 << 20);

    /** {@code workMemKib}: the rollup job's work_mem ({@code rollup.workMem}), for the chunk's aggregates. */
    ChunkApplier(ImportedRollup rollup, long workMemKib) {
        this.rollup = rollup;
        this.workMem = workMemKib + "kB";
    }

    /** The chunk's outcome: events new to the rollups, and duplicates (of earlier imports, live events, or within the chunk). */
    record Applied(long imported, long duplicates) {
    }

    /** Thrown when a live copy of a recent event was committed while the chunk ran: the chunk is retried. */
    static final class LiveCopyRace extends RuntimeException {
        LiveCopyRace() {
            super("a live copy of an imported event was committed meanwhile; retrying the chunk", null, false, false);
        }
    }

    Applied apply(Handle handle, long importId, List<Event> events, OffsetDateTime rawFrom) throws SQLException {
        List<Event> unique = uniqueByKey(events);
        long duplicates = events.size() - unique.size();
        rollup.awaitTurn(handle);
        ImportDao dao = handle.attach(ImportDao.class);
        dao.useWorkMem(workMem);
        long chunk = dao.nextChunk();
        copy(handle, unique);
        dao.analyzeStaged();
        duplicates += dao.dropImported();
        boolean anyRecent = unique.stream().anyMatch(event -> !event.occurredAt().isBefore(rawFrom.toInstant()));
        if (anyRecent) {
            duplicates += dao.dropLive(rawFrom);
        }
        dao.claimKeys(importId, chunk);
        if (anyRecent) {
            long recent = dao.countRecent(rawFrom);
            if (recent > 0 && dao.keepRaw(importId, rawFrom) != recent) {
                throw new LiveCopyRace();
            }
        }
        rollup.rollUp(handle, importId);
        dao.clearStaged();
        Applied applied = new Applied(events.size() - duplicates, duplicates);
        dao.chunkApplied(importId, applied.imported(), applied.duplicates());
        return applied;
    }

    /** The UTC days of these events at or after {@code rawFrom}: their raw partitions must exist before the chunk runs. */
    static Set<LocalDate> recentDays(List<Event> events, OffsetDateTime rawFrom) {
        Set<LocalDate> days = new TreeSet<>();
        for (Event event : events) {
            if (!event.occurredAt().isBefore(rawFrom.toInstant())) {
                days.add(LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC));
            }
        }
        return days;
    }

    private static List<Event> uniqueByKey(List<Event> events) {
        Set<EventKey> seen = new HashSet<>();
        List<Event> unique = new ArrayList<>(events.size());
        for (Event event : events) {
            EventKey key = event.key();
            if (key == null || seen.add(key)) {
                unique.add(event);
            }
        }
        return unique;
    }

    private void copy(Handle handle, List<Event> events) throws SQLException {
        buffer.reset();
        encoder.encode(events, buffer);
        buffer.sendTo(handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL));
    }
}
