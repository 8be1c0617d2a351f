package org.credanalytics.rollup;

import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The time buckets rollups are kept in: UTC hours, which answer any whole-hour-offset time zone;
 * UTC days, which answer periods that start at UTC midnight with 24 times fewer rows; and UTC
 * months, which cover the middle of long UTC ranges. Rollup and query SQL name the tables
 * {@code <grain>_...} and the bucket column and function {@code <bucket>}; a grain defines both.
 */
public enum RollupGrain {
    HOURLY("hourly", "hour"),
    DAILY("daily", "day"),
    MONTHLY("monthly", "month");

    private final String tablePrefix;
    private final String bucket;

    RollupGrain(String tablePrefix, String bucket) {
        this.tablePrefix = tablePrefix;
        this.bucket = bucket;
    }

    /** Fills the grain's names into a statement's {@code <grain>} and {@code <bucket>} placeholders. */
    public <T extends SqlStatement<T>> T define(T statement) {
        return statement.define("grain", tablePrefix).define("bucket", bucket);
    }
}
