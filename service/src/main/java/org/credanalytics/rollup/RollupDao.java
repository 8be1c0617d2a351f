package org.credanalytics.rollup;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.credanalytics.db.SqlFiles;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.AllowUnusedBindings;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlScript;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The rollup job's and recompute's statements (one file each under {@code org/credanalytics/rollup/RollupDao/}). */
@SqlFiles
public interface RollupDao {
    String PROGRESS = "events";

    /** Every event with {@code id <= progress()} is in the rollups. */
    @SqlQuery("progress")
    long progress();

    /** The first and last day in {@code unrolled_days}; both null when it is empty. */
    record DaySpan(LocalDate first, LocalDate last) {
    }

    @SqlQuery("unrolledDays")
    @RegisterConstructorMapper(DaySpan.class)
    DaySpan unrolledDays();

    @SqlQuery("lockProgress")
    Optional<Long> lockProgress(@Bind("name") String name);

    @SqlUpdate("createProgress")
    void createProgress(@Bind("name") String name);

    @SqlUpdate("saveProgress")
    void saveProgress(@Bind("name") String name, @Bind("last_id") long lastId);

    @SqlQuery("horizon")
    @RegisterConstructorMapper(RollupStep.Horizon.class)
    RollupStep.Horizon horizon();

    @SqlUpdate("forgetUnrolledDays")
    int forgetUnrolledDays(@Bind("read_at") OffsetDateTime readAt);

    @SqlQuery("writersInFlight")
    List<String> writersInFlight();

    @SqlQuery("writersStillRunning")
    long writersStillRunning(@Bind("writers") List<String> writers);

    @SqlUpdate("stageEventCounts")
    @AllowUnusedBindings
    int stageEventCounts(@Define("source") String source, @Define("selection") EventSelection selection,
                        @BindMethods EventWindow window);

    @SqlUpdate("stageGeo")
    @AllowUnusedBindings
    int stageGeo(@Define("source") String source, @Define("selection") EventSelection selection,
                @BindMethods EventWindow window);

    @SqlUpdate("stageCredentialTypes")
    @AllowUnusedBindings
    int stageCredentialTypes(@Define("source") String source, @Define("selection") EventSelection selection,
                            @BindMethods EventWindow window);

    /** Folds staged values beyond the day's cap into 'other'; the issued credentials of each folded staged row. */
    @SqlQuery("foldBeyondCap")
    List<Long> foldBeyondCap(@Define("dimension") RollupDimension dimension, @Define("column") String valueColumn,
                             @Bind("cap") int cap);

    @SqlUpdate("eventCounts")
    int mergeEventCounts(@DefineGrain RollupGrain grain);

    @SqlUpdate("geo")
    int mergeGeo(@DefineGrain RollupGrain grain);

    @SqlUpdate("credentialTypes")
    int mergeCredentialTypes(@DefineGrain RollupGrain grain);

    @SqlUpdate("localDayEventCounts")
    int mergeLocalDayEventCounts(@Bind("zone") String zone);

    @SqlQuery("localDayZones")
    List<String> localDayZones();

    @SqlUpdate("registerLocalDayZone")
    void registerLocalDayZone(@Bind("zone") String zone);

    @SqlUpdate("forgetLocalDays")
    int forgetLocalDays(@Bind("zone") String zone);

    @SqlUpdate("forgetLocalDayZone")
    void forgetLocalDayZone(@Bind("zone") String zone);

    /** {@code institutionId} null: every institution; {@code liveOnly}: only the rows of live ingest (import_id 0). */
    @SqlUpdate("localDaysFromQuarterHours")
    int localDaysFromQuarterHours(@Bind("zone") String zone, @Bind("institution_id") Long institutionId,
                                  @Bind("from_ts") OffsetDateTime from, @Bind("to_ts") OffsetDateTime to,
                                  @Bind("live_only") boolean liveOnly);

    @SqlUpdate("deleteLocalDays")
    int deleteLocalDays(@Bind("zone") String zone, @Bind("institution_id") long institutionId,
                        @Bind("first") LocalDate first, @Bind("last") LocalDate last);

    @SqlScript("clearStaging")
    void clearStaging();

    /** VACUUM: only outside a transaction. */
    @SqlUpdate("vacuumStaging")
    void vacuumStaging();

    @SqlUpdate("deleteRange")
    int deleteRange(@DefineGrain RollupGrain grain, @Define("dimension") RollupDimension dimension,
                    @Bind("institution_id") long institutionId, @Bind("from_ts") OffsetDateTime from,
                    @Bind("to_ts") OffsetDateTime to);

    @SqlUpdate("monthlyEventCountsFromDaily")
    int monthlyEventCountsFromDaily(@Bind("institution_id") long institutionId, @Bind("from_ts") OffsetDateTime from,
                                    @Bind("to_ts") OffsetDateTime to);

    @SqlUpdate("monthlyGeoFromDaily")
    int monthlyGeoFromDaily(@Bind("institution_id") long institutionId, @Bind("from_ts") OffsetDateTime from,
                            @Bind("to_ts") OffsetDateTime to);

    @SqlUpdate("monthlyCredentialTypesFromDaily")
    int monthlyCredentialTypesFromDaily(@Bind("institution_id") long institutionId,
                                        @Bind("from_ts") OffsetDateTime from, @Bind("to_ts") OffsetDateTime to);
}
