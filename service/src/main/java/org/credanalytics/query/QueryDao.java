package org.credanalytics.query;

import java.time.OffsetDateTime;
import java.util.List;
import org.credanalytics.db.ComposedSqlFiles;
import org.credanalytics.query.QueryResponses.CredentialType;
import org.credanalytics.query.QueryResponses.Location;
import org.credanalytics.query.QueryRows.InstitutionSums;
import org.credanalytics.query.QueryRows.TypeTotals;
import org.credanalytics.rollup.DefineGrain;
import org.credanalytics.rollup.RollupGrain;
import org.credanalytics.rollup.UnrolledTail;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The dashboard SQL (one file per method under {@code org/credanalytics/query/QueryDao/}). Every
 * statement reads the rollups that {@link RollupRead} picks plus the raw events beyond the rollup
 * job's progress ({@code <unrolled>}, see {@link org.credanalytics.rollup.UnrolledEvents}), in one
 * statement and so one snapshot: every event committed before the query started is counted,
 * exactly once. {@code tail} is {@link UnrolledTail}'s current value. The statements that read an
 * institution's totals from every grain name their columns and call {@code readPlan} in
 * {@code QueryDao/readPlan.stg}, which writes out that union of sources once.
 */
@ComposedSqlFiles("readPlan.stg")
interface QueryDao {
    @SqlQuery("activity")
    @RegisterConstructorMapper(TypeTotals.class)
    List<TypeTotals> activity(@Bind("institutionId") long institutionId, @BindMethods RollupRead read,
                              @DefineGrain RollupGrain grain, @BindMethods("tail") UnrolledTail.Bounds tail);

    /** Days in UTC: {@code read} has the daily grain and no months. */
    @SqlQuery("activityByUtcDay")
    @RegisterConstructorMapper(TypeTotals.class)
    List<TypeTotals> activityByUtcDay(@Bind("institutionId") long institutionId, @BindMethods RollupRead read,
                                      @BindMethods("tail") UnrolledTail.Bounds tail);

    /** A series in a zone whose local days are kept ({@code localDayZone}, the id they are kept under). */
    @SqlQuery("activityByLocalDay")
    @RegisterConstructorMapper(TypeTotals.class)
    List<TypeTotals> activityByLocalDay(@Bind("institutionId") long institutionId, @BindMethods RollupRead read,
                                        @Bind("localDayZone") String localDayZone,
                                        @BindMethods("tail") UnrolledTail.Bounds tail);

    @SqlQuery("geo")
    @RegisterConstructorMapper(Location.class)
    List<Location> geo(@Bind("institutionId") long institutionId, @BindMethods RollupRead read,
                       @DefineGrain RollupGrain grain, @BindMethods("tail") UnrolledTail.Bounds tail);

    @SqlQuery("credentialTypes")
    @RegisterConstructorMapper(CredentialType.class)
    List<CredentialType> credentialTypes(@Bind("institutionId") long institutionId, @BindMethods RollupRead read,
                                         @DefineGrain RollupGrain grain, @Bind("limit") int limit,
                                         @BindMethods("tail") UnrolledTail.Bounds tail);

    @SqlQuery("platformInstitutions")
    @RegisterConstructorMapper(InstitutionSums.class)
    List<InstitutionSums> leaderboard(@BindMethods RollupRead read, @Bind("limit") int limit,
                                      @BindMethods("tail") UnrolledTail.Bounds tail);

    @SqlQuery("platformGeo")
    @RegisterConstructorMapper(Location.class)
    List<Location> platformGeo(@BindMethods RollupRead read, @Bind("limit") int limit,
                               @BindMethods("tail") UnrolledTail.Bounds tail);
}
