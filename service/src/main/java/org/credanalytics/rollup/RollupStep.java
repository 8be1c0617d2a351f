package org.credanalytics.rollup;

import java.time.Duration;
import java.util.List;
import org.credanalytics.db.UniqueCounting;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * One incremental rollup step: aggregates the events with {@code last_id < id <= horizon} into
 * every rollup table and advances {@code last_id}, all in one transaction. So each event is
 * aggregated exactly once, also when the process dies mid-step (the transaction rolls back) or
 * several instances run the job (the progress row is locked).
 *
 * <p>The raw events are read once per dimension, into hourly staging tables; every grain is merged
 * from those few rows, and the staging tables are emptied before the commit.
 *
 * <p>BIGSERIAL ids are drawn in order but committed out of order, so a step never goes beyond the
 * {@link #horizon()}: an id that no transaction still in flight can hold.
 */
public final class RollupStep {
    static final String PROGRESS = "events";
    static final Duration WRITER_WAIT = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final long maxIdsPerStep;
    private final ClasspathSqlLocator sql = ClasspathSqlLocator.create();
    private final List<String> stageStatements;
    private final List<String> mergeStatements;
    private final String dailyStatement;

    public RollupStep(Jdbi jdbi, UniqueCounting counting, long maxIdsPerStep) {
        this.jdbi = jdbi;
        this.maxIdsPerStep = maxIdsPerStep;
        this.stageStatements = List.of(locate(counting.variant("stageEventCounts")),
                locate(counting.variant("stageGeo")), locate("stageCredentialTypes"));
        this.mergeStatements = List.of(locate(counting.variant("eventCounts")),
                locate(counting.variant("geo")), locate("credentialTypes"));
        this.dailyStatement = locate(counting.variant("daily"));
    }

    /** The outcome of one step: the id window aggregated and the horizon it aimed for. */
    public record Result(long fromId, long toId, long horizon, long rowsWritten) {
        public boolean caughtUp() {
            return toId >= horizon;
        }
    }

    /**
     * The newest id below which no transaction can still commit: the sequence's value, once every
     * writer that was in flight when it was read has ended. Waiting on those writers, rather than
     * locking the table, never makes new writers queue behind the rollup job.
     */
    public long horizon() {
        return jdbi.withHandle(h -> {
            long horizon = h.createQuery(locate("horizon")).mapTo(Long.class).one();
            List<String> writers = h.createQuery(locate("writersInFlight")).mapTo(String.class).list();
            long deadline = System.nanoTime() + WRITER_WAIT.toNanos();
            while (!writers.isEmpty() && h.createQuery(locate("writersStillRunning"))
                    .bindArray("writers", String.class, writers).mapTo(Long.class).one() > 0) {
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
    public Result run(long horizon) {
        Result result = aggregate(horizon);
        if (result.toId() > result.fromId()) {
            jdbi.useHandle(h -> h.execute(locate("vacuumStaging")));
        }
        return result;
    }

    private Result aggregate(long horizon) {
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            long lastId = lockProgress(h);
            long toId = Math.min(horizon, lastId + maxIdsPerStep);
            if (toId <= lastId) {
                return new Result(lastId, lastId, horizon, 0);
            }
            for (String statement : stageStatements) {
                h.createUpdate(statement).bind("from_id", lastId).bind("to_id", toId).execute();
            }
            long rows = 0;
            for (String statement : mergeStatements) {
                for (RollupGrain grain : RollupGrain.values()) {
                    rows += grain.define(h.createUpdate(statement)).execute();
                }
            }
            rows += h.createUpdate(dailyStatement).execute();
            h.createScript(locate("clearStaging")).execute();
            h.createUpdate(locate("saveProgress")).bind("name", PROGRESS).bind("last_id", toId).execute();
            return new Result(lastId, toId, horizon, rows);
        });
    }

    private long lockProgress(Handle h) {
        return h.createQuery(locate("lockProgress")).bind("name", PROGRESS).mapTo(Long.class).findOne()
                .orElseGet(() -> {
                    h.createUpdate(locate("createProgress")).bind("name", PROGRESS).execute();
                    return h.createQuery(locate("lockProgress")).bind("name", PROGRESS).mapTo(Long.class).one();
                });
    }

    private String locate(String name) {
        return sql.locate(RollupStep.class, name);
    }
}
