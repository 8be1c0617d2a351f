package org.credanalytics.imports;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.credanalytics.api.Texts;
import org.credanalytics.ingest.Event;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Applies a spooled part: chunk by chunk, each in a transaction of its own, or, for a part sent
 * with {@code ?atomic=true}, all of it in one. A chunk that meets a passing conflict is retried
 * ({@link Retries}); any other failure ends the part, and its caller fails the import.
 */
final class PartApplier {
    private final Jdbi jdbi;
    private final ChunkApplier chunks;
    private final int chunkEvents;
    private final Duration rawRetention;
    private final int maxEventsPerSecond;
    private final Clock clock;

    /** {@code maxEventsPerSecond}: 0 for no limit; else a chunk starts no sooner than its events allow. */
    PartApplier(Jdbi jdbi, ChunkApplier chunks, int chunkEvents, Duration rawRetention, int maxEventsPerSecond,
                Clock clock) {
        this.jdbi = jdbi;
        this.chunks = chunks;
        this.chunkEvents = chunkEvents;
        this.rawRetention = rawRetention;
        this.maxEventsPerSecond = maxEventsPerSecond;
        this.clock = clock;
    }

    /** A part waiting to be applied. */
    record QueuedPart(long importId, int part, SpooledEvents spool, boolean atomic) {
    }

    /**
     * Applies the part and counts it done; {@code progress} hears the events applied after each
     * chunk. Returns false, doing nothing, if the import is no longer running (a part before this
     * one failed).
     */
    boolean apply(QueuedPart part, LongConsumer progress) throws IOException, SQLException {
        if (!isRunning(part.importId())) {
            return false;
        }
        if (part.atomic()) {
            applyAtomically(part, progress);
        } else {
            applyByChunk(part, progress);
        }
        jdbi.useTransaction(h -> {
            ImportDao dao = h.attach(ImportDao.class);
            dao.partDone(part.importId());
            dao.finishIfComplete(part.importId());
        });
        return true;
    }

    private boolean isRunning(long importId) {
        return jdbi.withHandle(h -> h.attach(ImportDao.class).find(importId))
                .map(row -> ImportState.RUNNING.equals(row.state())).orElse(false);
    }

    private void applyByChunk(QueuedPart part, LongConsumer progress) throws IOException, SQLException {
        try (SpooledEvents.Reader reader = new SpooledEvents.Reader(part.spool().file(), chunkEvents)) {
            for (List<Event> chunk = reader.next(); !chunk.isEmpty(); chunk = reader.next()) {
                long started = System.nanoTime();
                OffsetDateTime rawFrom = rawFrom();
                createPartitions(ChunkApplier.recentDays(chunk, rawFrom));
                List<Event> events = chunk;
                Retries.retrying(() -> jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                        h -> chunks.apply(h, part.importId(), events, rawFrom)));
                progress.accept(chunk.size());
                throttle(chunk.size(), System.nanoTime() - started);
            }
        }
    }

    private void throttle(int events, long tookNanos) throws InterruptedIOException {
        if (maxEventsPerSecond > 0) {
            long dueNanos = events * 1_000_000_000L / maxEventsPerSecond;
            if (dueNanos > tookNanos) {
                try {
                    Thread.sleep((dueNanos - tookNanos) / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the import was throttled");
                }
            }
        }
    }

    private void applyAtomically(QueuedPart part, LongConsumer progress) throws SQLException {
        Retries.retrying(() -> jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            applyAll(h, part);
            return null;
        }));
        progress.accept(part.spool().count());
    }

    private void applyAll(Handle h, QueuedPart part) throws IOException, SQLException {
        OffsetDateTime rawFrom = rawFrom();
        try (SpooledEvents.Reader reader = new SpooledEvents.Reader(part.spool().file(), chunkEvents)) {
            for (List<Event> chunk = reader.next(); !chunk.isEmpty(); chunk = reader.next()) {
                createPartitions(ChunkApplier.recentDays(chunk, rawFrom)); // its own transaction: DDL
                chunks.apply(h, part.importId(), chunk, rawFrom);
            }
        }
    }

    /** Events older than this are rolled up only; newer ones are kept as raw too, as live ingest would take them. */
    private OffsetDateTime rawFrom() {
        return clock.instant().minus(rawRetention).atOffset(ZoneOffset.UTC);
    }

    private void createPartitions(Set<LocalDate> days) {
        if (!days.isEmpty()) {
            List<String> isoDays = days.stream().map(LocalDate::toString).toList();
            jdbi.useHandle(h -> h.attach(ImportDao.class).createPartitions(isoDays));
        }
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return Texts.shorten(message, 500);
    }
}
