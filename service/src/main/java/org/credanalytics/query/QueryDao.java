package org.credanalytics.query;

import java.util.List;
import org.credanalytics.db.UniqueCounting;
import org.credanalytics.rollup.ProgressHint;
import org.credanalytics.rollup.RollupGrain;
import org.credanalytics.query.QueryResponses.CredentialType;
import org.credanalytics.query.QueryResponses.Location;
import org.credanalytics.query.QueryRows.InstitutionSums;
import org.credanalytics.query.QueryRows.TypeTotals;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Runs the dashboard SQL (resources under {@code org/credanalytics/query/QueryDao/}). Every statement reads the rollups
 * plus the raw events beyond the rollup job's progress, in one statement and so one snapshot:
 * every event committed before the query started is counted, exactly once.
 */
final class QueryDao {
    private final Jdbi jdbi;
    private final UniqueCounting counting;
    private final ClasspathSqlLocator locator = ClasspathSqlLocator.create();
    private final ProgressHint progressHint;

    QueryDao(Jdbi jdbi, UniqueCounting counting) {
        this.jdbi = jdbi;
        this.counting = counting;
        this.progressHint = new ProgressHint(jdbi);
        jdbi.registerRowMapper(ConstructorMapper.factory(TypeTotals.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(InstitutionSums.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(Location.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(CredentialType.class));
    }

    /** Totals per period and event type; {@code periodUnit} "all" folds the whole range into one period. */
    List<TypeTotals> activity(long institutionId, QueryRange range, String periodUnit) {
        boolean periodsAreUtcDays = "all".equals(periodUnit) ? range.boundsOnUtcMidnights() : range.zoneIsUtc();
        RollupGrain grain = periodsAreUtcDays ? RollupGrain.DAILY : RollupGrain.HOURLY;
        boolean periodsAreWholeMonths = "all".equals(periodUnit) || "month".equals(periodUnit);
        // Days in UTC are the daily rollup's rows as they stand. Exact counting gains nothing from
        // that path: its cost is counting distinct actors in the raw events.
        String statement = counting == UniqueCounting.HLL && "day".equals(periodUnit) && range.zoneIsUtc()
                ? "activityByUtcDay.hll" : counting.variant("activity");
        return jdbi.withHandle(h -> bindMonths(bindRange(h.createQuery(sql(statement)), range, grain),
                        range, periodsAreWholeMonths)
                .bind("institution_id", institutionId)
                .bind("period_unit", periodUnit)
                .mapTo(TypeTotals.class).list());
    }

    List<Location> geo(long institutionId, QueryRange range) {
        return jdbi.withHandle(h -> bindMonths(bindRange(h.createQuery(sql(counting.variant("geo"))), range, grainFor(range)),
                        range, true)
                .bind("institution_id", institutionId)
                .mapTo(Location.class).list());
    }

    List<CredentialType> credentialTypes(long institutionId, QueryRange range, int limit) {
        return jdbi.withHandle(h -> bindMonths(bindRange(h.createQuery(sql("credentialTypes")), range, grainFor(range)),
                        range, true)
                .bind("institution_id", institutionId)
                .bind("limit", limit)
                .mapTo(CredentialType.class).list());
    }

    List<InstitutionSums> leaderboard(QueryRange range, int limit) {
        return jdbi.withHandle(h -> bindMonths(bindRange(h.createQuery(sql("platformInstitutions")), range), range, true)
                .bind("limit", limit)
                .mapTo(InstitutionSums.class).list());
    }

    List<Location> platformGeo(QueryRange range, int limit) {
        return jdbi.withHandle(h -> bindMonths(bindRange(h.createQuery(sql(counting.variant("platformGeo"))), range), range, true)
                .bind("limit", limit)
                .mapTo(Location.class).list());
    }

    /** Daily rollups when whole UTC days cover the range, else hourly ones. */
    private static RollupGrain grainFor(QueryRange range) {
        return range.boundsOnUtcMidnights() ? RollupGrain.DAILY : RollupGrain.HOURLY;
    }

    /**
     * The whole UTC months the SQL reads from the monthly rollup, the days at the edges coming from the
     * daily one: when the zone is UTC and every period asked for is made of whole months (a range's
     * totals, or months). Otherwise an empty month range, and everything comes from the finer grain.
     */
    private static Query bindMonths(Query query, QueryRange range, boolean periodsAreWholeMonths) {
        boolean useMonths = periodsAreWholeMonths && range.zoneIsUtc();
        return query.bind("months_from_ts", useMonths ? range.wholeMonthsFrom() : range.fromInstant())
                .bind("months_to_ts", useMonths ? range.wholeMonthsTo() : range.fromInstant());
    }

    private Query bindRange(Query query, QueryRange range, RollupGrain grain) {
        return bindRange(grain.define(query), range);
    }

    private Query bindRange(Query query, QueryRange range) {
        return query.configure(SqlStatements.class, statements -> statements.setUnusedBindingAllowed(true))
                .bind("from_ts", range.fromInstant())
                .bind("to_ts", range.toInstant())
                .bind("from_date", range.from())
                .bind("to_date", range.to())
                .bind("tz", range.tz().getId())
                .bind("progress_hint", progressHint.current());
    }

    private String sql(String name) {
        return locator.locate(QueryDao.class, name);
    }
}
