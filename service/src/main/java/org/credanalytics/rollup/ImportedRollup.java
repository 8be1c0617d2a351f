package org.credanalytics.rollup;

import java.util.ArrayList;
import java.util.List;
import org.credanalytics.db.AnalyticsJdbi;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Rolls up the events an import chunk left in {@code import_staged_events}, inside the chunk's
 * transaction, as a rollup step does the live ones: staged once into quarter hours, merged into
 * every grain and every kept zone's local days, each row tagged with the import. The rows never
 * meet the rollup job's (their import_id differs), so on PostgreSQL both run at once. On Citus two
 * transactions that write many shards of the same tables take Citus's shard locks in orders that
 * can deadlock: there an import's transactions first take the rollup job's progress lock
 * ({@link #awaitTurn}), and the job and the imports take turns.
 */
public final class ImportedRollup {
    private static final List<RollupGrain> EVERY_GRAIN = List.of(RollupGrain.values());

    private final int valuesPerDay;
    private final boolean citus;

    public ImportedRollup(Jdbi jdbi, int valuesPerDay, boolean citus) {
        AnalyticsJdbi.describe(jdbi, RollupDao.class);
        this.valuesPerDay = valuesPerDay;
        this.citus = citus;
    }

    /**
     * On Citus, locks the rollup job's progress row until the transaction ends: call first in every
     * transaction that writes or deletes an import's rollups.
     */
    public void awaitTurn(Handle handle) {
        if (citus) {
            RollupStep.lockProgress(handle.attach(RollupDao.class));
        }
    }

    /** Returns the rollup rows written. */
    public long rollUp(Handle handle, long importId) {
        RollupDao dao = handle.attach(RollupDao.class);
        StagedRollup.stage(dao, EventSelection.IMPORT_CHUNK, EventWindow.importChunk(importId), valuesPerDay);
        long rows = 0;
        for (String zone : dao.localDayZones()) { // before mergeInto empties the staging tables
            rows += dao.mergeLocalDayEventCounts(zone);
        }
        return rows + StagedRollup.mergeInto(dao, EVERY_GRAIN);
    }

    /** The rollup tables an import's rows are in, for its removal. */
    public static List<String> tables() {
        List<String> tables = new ArrayList<>();
        for (RollupGrain grain : RollupGrain.values()) {
            for (RollupDimension dimension : RollupDimension.values()) {
                tables.add(grain.tablePrefix() + "_" + dimension);
            }
        }
        tables.add("local_daily_event_counts");
        return List.copyOf(tables);
    }
}
