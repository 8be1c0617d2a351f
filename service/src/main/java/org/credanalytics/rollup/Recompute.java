package org.credanalytics.rollup;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.credanalytics.retention.PartitionDao;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Rebuilds one institution's rollups for a range of UTC days from the raw events still retained:
 * for backfills and corrections (raw events fixed or removed by hand). In one transaction, with the
 * rollup job's progress row locked: the job waits meanwhile, the recompute counts exactly the
 * events up to that progress (later ones are the job's, and the queries' raw tail), and readers see
 * the old rollups or the new ones, never a mix. Quarter-hour, hourly and daily rows of the range are
 * replaced from the raw events; the months the range touches are rebuilt from their daily rows,
 * which hold every day of a month, also days whose raw events expired; and the local days of
 * {@link LocalDayZones} that overlap the range from the quarter-hour rows.
 */
public final class Recompute {
    private static final List<RollupGrain> FROM_RAW = List.of(RollupGrain.QUARTER_HOURLY, RollupGrain.HOURLY,
            RollupGrain.DAILY);

    private final Jdbi jdbi;
    private final int valuesPerDay;

    public Recompute(Jdbi jdbi) {
        this(jdbi, RollupConfiguration.DEFAULT_VALUES_PER_DAY);
    }

    /** {@code valuesPerDay}: as the rollup job's, so that a recompute caps a day's values as the job did. */
    public Recompute(Jdbi jdbi, int valuesPerDay) {
        this.jdbi = jdbi;
        this.valuesPerDay = valuesPerDay;
    }

    /** What a recompute did: the range, the progress it counted up to, and the rollup rows it wrote. */
    public record Result(long institutionId, LocalDate from, LocalDate to, long progress, long rowsWritten) {
    }

    /** Thrown, before anything changed, when raw events of the range have expired. */
    public static final class RangeExpired extends RuntimeException {
        private final OffsetDateTime retainedSince;

        RangeExpired(OffsetDateTime retainedSince) {
            super("raw events before " + retainedSince + " have expired", null, false, false);
            this.retainedSince = retainedSince;
        }

        public OffsetDateTime retainedSince() {
            return retainedSince;
        }
    }

    /** Recomputes [from, to), UTC days. */
    public Result run(long institutionId, LocalDate from, LocalDate to) {
        OffsetDateTime fromTs = utcMidnight(from);
        OffsetDateTime toTs = utcMidnight(to);
        OffsetDateTime monthsFrom = utcMidnight(from.withDayOfMonth(1));
        OffsetDateTime monthsTo = utcMidnight(to.minusDays(1).withDayOfMonth(1).plusMonths(1));
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            RollupDao dao = h.attach(RollupDao.class);
            long progress = RollupStep.lockProgress(dao); // partition drops take it too: none runs meanwhile
            Optional<OffsetDateTime> expiredUntil = h.attach(PartitionDao.class).expiredUntil();
            if (expiredUntil.isPresent() && fromTs.isBefore(expiredUntil.get())) {
                throw new RangeExpired(expiredUntil.get());
            }
            long rows = 0;
            for (RollupGrain grain : FROM_RAW) {
                for (RollupDimension dimension : RollupDimension.values()) {
                    dao.deleteRange(grain, dimension, institutionId, fromTs, toTs);
                }
            }
            StagedRollup.stage(dao, EventSelection.RECOMPUTE, EventWindow.institution(institutionId, fromTs, toTs, progress),
                    valuesPerDay);
            rows += StagedRollup.mergeInto(dao, FROM_RAW);
            for (RollupDimension dimension : RollupDimension.values()) {
                dao.deleteRange(RollupGrain.MONTHLY, dimension, institutionId, monthsFrom, monthsTo);
            }
            rows += dao.monthlyEventCountsFromDaily(institutionId, monthsFrom, monthsTo);
            rows += dao.monthlyGeoFromDaily(institutionId, monthsFrom, monthsTo);
            rows += dao.monthlyCredentialTypesFromDaily(institutionId, monthsFrom, monthsTo);
            rows += LocalDayZones.rebuild(dao, institutionId, fromTs, toTs);
            return new Result(institutionId, from, to, progress, rows);
        });
    }

    private static OffsetDateTime utcMidnight(LocalDate date) {
        return date.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
