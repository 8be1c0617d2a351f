package org.credanalytics.db;

import org.jdbi.v3.core.Jdbi;

/**
 * How unique recipients and viewers are counted, decided by the schema: HLL sketches when the
 * migrations found the hll extension (sketch columns of type hll), else exact counts from the
 * raw events. Both the rollup job and the queries follow the same mode.
 */
public enum UniqueCounting {
    HLL("hll"),
    EXACT("exact");

    private final String sqlVariant;

    UniqueCounting(String sqlVariant) {
        this.sqlVariant = sqlVariant;
    }

    /** The suffix of the SQL resource written for this mode, e.g. {@code geo.hll.sql}. */
    public String variant(String statement) {
        return statement + "." + sqlVariant;
    }

    public static UniqueCounting detect(Jdbi jdbi) {
        String type = jdbi.withHandle(h -> h.createQuery("""
                        SELECT format_type(atttypid, atttypmod) FROM pg_attribute
                        WHERE attrelid = 'hourly_event_counts'::regclass AND attname = 'actors'""")
                .mapTo(String.class).findOne().orElse("none"));
        return "hll".equals(type) ? HLL : EXACT;
    }
}
