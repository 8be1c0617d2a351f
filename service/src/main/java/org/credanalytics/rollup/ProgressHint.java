package org.credanalytics.rollup;

import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * A recent value of the rollup job's progress, for the planner's sake. Queries read the raw tail
 * {@code id > (SELECT last_id FROM rollup_progress)}, whose size the planner can't know and
 * guesses as a third of the table; it then picks plans meant for millions of rows. Adding
 * {@code id > :progress_hint} with a constant it can look up in the statistics fixes the estimate.
 * Progress only grows, so any value read earlier is a lower bound and the extra predicate never
 * drops a row the real one keeps. Refreshed at most once a second.
 */
public final class ProgressHint {
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final Jdbi jdbi;
    private final AtomicLong value = new AtomicLong();
    private final AtomicLong refreshedAt = new AtomicLong(System.nanoTime() - REFRESH_NANOS);

    public ProgressHint(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long current() {
        long last = refreshedAt.get();
        if (System.nanoTime() - last >= REFRESH_NANOS && refreshedAt.compareAndSet(last, System.nanoTime())) {
            value.accumulateAndGet(jdbi.withExtension(RollupDao.class, RollupDao::progress), Math::max);
        }
        return value.get();
    }
}
