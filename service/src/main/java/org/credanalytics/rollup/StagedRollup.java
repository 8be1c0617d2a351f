package org.credanalytics.rollup;

import java.util.List;

/**
 * The two halves every rollup write shares, inside the caller's transaction: aggregate the
 * selected raw events once into the quarter-hour staging tables, then merge those few rows into
 * each grain's rollups and empty the staging tables again.
 */
final class StagedRollup {
    private StagedRollup() {
    }

    static void stage(RollupDao dao, EventSelection selection, EventWindow window) {
        dao.stageEventCounts(selection, window);
        dao.stageGeo(selection, window);
        dao.stageCredentialTypes(selection, window);
    }

    /** Merges the staged rows into {@code grains}, empties the staging tables; returns the rollup rows written. */
    static long mergeInto(RollupDao dao, List<RollupGrain> grains) {
        long rows = 0;
        for (RollupGrain grain : grains) {
            rows += dao.mergeEventCounts(grain);
            rows += dao.mergeGeo(grain);
            rows += dao.mergeCredentialTypes(grain);
        }
        dao.clearStaging();
        return rows;
    }
}
