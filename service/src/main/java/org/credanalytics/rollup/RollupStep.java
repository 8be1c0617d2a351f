package org.credanalytics.rollup;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.credanalytics.db.AnalyticsJdbi;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * One incremental rollup step: aggregates the events with {@code last_id < id <= horizon} into
 * every rollup table and advances {@code last_id}, all in one transaction. So each event is
 * aggregated exactly once, also when the process dies mid-step (the transaction rolls back) or
 * several instances run the job (the progress row is locked).
 *
 * <p>The raw events are read once per dimension, into quarter-hour staging tables; every grain, and
 * the local days of the zones in {@link LocalDayZones}, is merged from those few rows, and the
 * staging tables are emptied before the commit ({@link StagedRollup}).
 *
 * <p>BIGSERIAL ids are drawn in order but committed out of order, so a step never goes beyond the
 * {@link #horizon()}: an id that no transaction still in flight can hold.
 */
public final class RollupStep {
    static final Duration WRITER_WAIT = Duration.ofSeconds(30);
    private static final List<RollupGrain> EVERY_GRAIN = List.of(RollupGrain.values());

    private final Jdbi jdbi;
    private final long maxIdsPerStep;
    private final int valuesPerDay;

    public RollupStep(Jdbi jdbi, long maxIdsPerStep) {
        this(jdbi, maxIdsPerStep, RollupConfiguration.DEFAULT_VALUES_PER_DAY);
    }

    /** {@code valuesPerDay}: each institution's distinct locations and credential types per UTC day; more count as 'other'. */
    public RollupStep(Jdbi jdbi, long maxIdsPerStep, int valuesPerDay) {
        AnalyticsJdbi.describe(jdbi, RollupDao.class);
        this.jdbi = jdbi;
        this.maxIdsPerStep = maxIdsPerStep;
        this.valuesPerDay = valuesPerDay;
    }

    /** The newest id no transaction still in flight can hold, and the database's time when it was read. */
    public record Horizon(long id, OffsetDateTime readAt) {
    }

    /**
     * The outcome of one step: the id window aggregated, the horizon it aimed for, and the issued
     * credentials counted under 'other' because their day had its fill of distinct values.
     */
    public record Result(long fromId, long toId, long horizon, long rowsWritten, Map<RollupDimension, Long> folded) {
        public boolean caughtUp() {
            return toId >= horizon;
        }
    }

    /**
     * The newest id below which no transaction can still commit: the sequence's value, once every
     * writer that was in flight when it was read has ended. Waiting on those writers, rather than
     * locking the table, never makes new writers queue behind the rollup job.
     */
    public Horizon horizon() {
        return jdbi.withExtension(RollupDao.class, dao -> {
            Horizon horizon = dao.horizon();
            List<String> writers = dao.writersInFlight();
            long deadline = System.nanoTime() + WRITER_WAIT.toNanos();
            while (!writers.isEmpty() && dao.writersStillRunning(writers) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("writers in flight for over " + WRITER_WAIT + "; retrying next tick");
                }
                sleep();
            }
            return horizon;
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for writers", e);
        }
    }

    /** Aggregates up to {@code maxIdsPerStep} ids beyond the last step, no further than {@code horizon}. */
    public Result run(Horizon horizon) {
        Result result = aggregate(horizon.id());
        if (result.toId() > result.fromId()) {
            jdbi.useExtension(RollupDao.class, RollupDao::vacuumStaging);
        }
        return result;
    }

    private Result aggregate(long horizon) {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            RollupDao dao = h.attach(RollupDao.class);
            long lastId = lockProgress(dao);
            long toId = Math.min(horizon, lastId + maxIdsPerStep);
            if (toId <= lastId) {
                return new Result(lastId, lastId, horizon, 0, Map.of());
            }
            Map<RollupDimension, Long> folded = StagedRollup.stage(dao, EventSelection.STEP, EventWindow.ids(lastId, toId),
                    valuesPerDay);
            long rows = 0;
            for (String zone : dao.localDayZones()) { // before mergeInto empties the staging tables
                rows += dao.mergeLocalDayEventCounts(zone);
            }
            rows += StagedRollup.mergeInto(dao, EVERY_GRAIN);
            dao.saveProgress(RollupDao.PROGRESS, toId);
            return new Result(lastId, toId, horizon, rows, folded);
        });
    }

    /**
     * Once the job has caught up with {@code horizon}: forgets the days announced more than 10
     * minutes before it was read, so that queries' raw tail stops reading their partitions.
     */
    public void forgetRolledUpDays(Horizon horizon) {
        jdbi.useExtension(RollupDao.class, dao -> dao.forgetUnrolledDays(horizon.readAt()));
    }

    /** The progress row, locked for the rest of the transaction; created on first use. */
    static long lockProgress(RollupDao dao) {
        return dao.lockProgress(RollupDao.PROGRESS).orElseGet(() -> {
            dao.createProgress(RollupDao.PROGRESS);
            return dao.lockProgress(RollupDao.PROGRESS).orElseThrow();
        });
    }
}
