package org.credanalytics.rollup;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The two halves every rollup write shares, inside the caller's transaction: aggregate the
 * selected raw events once into the quarter-hour staging tables, then merge those few rows into
 * each grain's rollups and empty the staging tables again.
 */
final class StagedRollup {
    private StagedRollup() {
    }

    /**
     * Stages the selected events, with each institution's distinct locations and credential types
     * per UTC day capped at {@code valuesPerDay} (the rest counted as 'other'); returns the issued
     * credentials folded into 'other', per dimension.
     */
    static Map<RollupDimension, Long> stage(RollupDao dao, EventSelection selection, EventWindow window, int valuesPerDay) {
        dao.stageEventCounts(selection.source(), selection, window);
        dao.stageGeo(selection.source(), selection, window);
        dao.stageCredentialTypes(selection.source(), selection, window);
        Map<RollupDimension, Long> folded = new EnumMap<>(RollupDimension.class);
        for (RollupDimension dimension : RollupDimension.CAPPED) {
            long events = dao.foldBeyondCap(dimension, dimension.valueColumn(), valuesPerDay).stream()
                    .mapToLong(Long::longValue).sum();
            folded.put(dimension, events);
        }
        return folded;
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
