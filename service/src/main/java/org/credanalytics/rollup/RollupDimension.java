package org.credanalytics.rollup;

import java.util.List;

/** What a rollup table counts by; with a {@link RollupGrain}, it names the table: {@code <grain>_<dimension>}. */
public enum RollupDimension {
    EVENT_COUNTS("event_counts", null),
    GEO("geo", "location"),
    CREDENTIAL_TYPES("credential_types", "credential_type");

    /** The dimensions whose values come from clients' metadata, and are therefore capped per day. */
    static final List<RollupDimension> CAPPED = List.of(GEO, CREDENTIAL_TYPES);

    private final String tableSuffix;
    private final String valueColumn;

    RollupDimension(String tableSuffix, String valueColumn) {
        this.tableSuffix = tableSuffix;
        this.valueColumn = valueColumn;
    }

    /** The column of the client's value (location, credential type); null for event counts. */
    String valueColumn() {
        return valueColumn;
    }

    @Override
    public String toString() {
        return tableSuffix;
    }
}
