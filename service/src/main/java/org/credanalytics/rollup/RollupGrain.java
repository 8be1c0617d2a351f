package org.credanalytics.rollup;

/**
 * The time buckets rollups are kept in, all in UTC. Quarter hours answer any zone (every zone's
 * offset is a whole number of quarter hours); hours answer whole-hour zones, and the rest of a
 * day elsewhere; days answer periods that start at UTC midnight with 24 times fewer rows; months
 * cover the middle of long UTC ranges. SQL names the tables {@code <grain>_...} and the bucket
 * column and its function {@code <bucket>}: rendered through Jdbi's {@code @Define} from
 * {@link #tablePrefix()} and {@link #bucket()}.
 */
public enum RollupGrain {
    QUARTER_HOURLY("quarter_hourly", "quarter_hour"),
    HOURLY("hourly", "hour"),
    DAILY("daily", "day"),
    MONTHLY("monthly", "month");

    private final String tablePrefix;
    private final String bucket;

    RollupGrain(String tablePrefix, String bucket) {
        this.tablePrefix = tablePrefix;
        this.bucket = bucket;
    }

    public String tablePrefix() {
        return tablePrefix;
    }

    public String bucket() {
        return bucket;
    }
}
