package org.credanalytics.rollup;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.credanalytics.db.AnalyticsJdbi;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What the queries' raw tail ({@code <unrolled>}, {@link UnrolledEvents}) binds: a recent
 * progress for the planner, and the span of days that may hold unrolled events, read afresh for
 * every query. Both make the tail cost what the tail holds, not what the table holds.
 *
 * <p>The progress hint: queries read {@code id > (SELECT last_id FROM rollup_progress)}, whose size
 * the planner can't know and guesses as a third of the table; it then picks plans meant for
 * millions of rows. Adding {@code id > hint} with a constant it can look up in the statistics fixes
 * the estimate. Progress only grows, so any value read earlier is a lower bound and the extra
 * predicate never drops a row the real one keeps. Refreshed at most once a second.
 *
 * <p>The days: the raw events are partitioned by day, and {@code unrolled_days} lists the days the
 * batch writer wrote since the job last caught up (see sql/V21). As constants in the statement they
 * let the planner skip every other partition; read per query, after the query began, so every
 * event acknowledged before it is covered.
 */
public final class UnrolledTail {
    private static final long REFRESH_NANOS = 1_000_000_000L;
    private static final OffsetDateTime NOTHING = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final Jdbi jdbi;
    private final AtomicLong hint = new AtomicLong();
    private final AtomicLong refreshedAt = new AtomicLong(System.nanoTime() - REFRESH_NANOS);

    public UnrolledTail(Jdbi jdbi) {
        AnalyticsJdbi.describe(jdbi, RollupDao.class); // read on every dashboard query
        this.jdbi = jdbi;
    }

    /** The statement parameters {@code :tail.progressHint}, {@code :tail.from} and {@code :tail.to}. */
    public record Bounds(long progressHint, OffsetDateTime from, OffsetDateTime to) {
    }

    public Bounds current() {
        return jdbi.withHandle(this::current);
    }

    /** The bounds, read on {@code handle}: the connection the query then runs on. */
    public Bounds current(Handle handle) {
        RollupDao.DaySpan days = handle.attach(RollupDao.class).unrolledDays();
        if (days.first() == null) {
            return new Bounds(progressHint(), NOTHING, NOTHING);
        }
        return new Bounds(progressHint(), utcMidnight(days.first()), utcMidnight(days.last().plusDays(1)));
    }

    private long progressHint() {
        long last = refreshedAt.get();
        if (System.nanoTime() - last >= REFRESH_NANOS && refreshedAt.compareAndSet(last, System.nanoTime())) {
            hint.accumulateAndGet(jdbi.withExtension(RollupDao.class, RollupDao::progress), Math::max);
        }
        return hint.get();
    }

    private static OffsetDateTime utcMidnight(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
