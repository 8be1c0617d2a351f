package org.credanalytics.rollup;

/** What a rollup table counts by; with a {@link RollupGrain}, it names the table: {@code <grain>_<dimension>}. */
public enum RollupDimension {
    EVENT_COUNTS("event_counts"),
    GEO("geo"),
    CREDENTIAL_TYPES("credential_types");

    private final String tableSuffix;

    RollupDimension(String tableSuffix) {
        this.tableSuffix = tableSuffix;
    }

    @Override
    public String toString() {
        return tableSuffix;
    }
}
