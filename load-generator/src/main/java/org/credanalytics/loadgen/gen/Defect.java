package org.credanalytics.loadgen.gen;

import java.util.Arrays;

/**
 * Ways to make an event invalid under the ingest contract, used by the mixed-bad scenario. Each
 * breaks exactly one documented rule, so the service must answer the whole batch with a 4xx.
 */
public enum Defect {
    NONE,
    MISSING_EVENT_TYPE,
    BAD_EVENT_TYPE,
    TIMESTAMP_WITHOUT_OFFSET,
    UNPARSEABLE_TIMESTAMP,
    FAR_FUTURE_TIMESTAMP,
    INSTITUTION_AS_STRING,
    NON_POSITIVE_INSTITUTION,
    EVENT_ID_TOO_LONG,
    METADATA_NOT_OBJECT;

    private static final Defect[] INVALID = Arrays.copyOfRange(values(), 1, values().length);

    /** All defects except {@link #NONE}. */
    public static Defect[] invalid() {
        return INVALID.clone();
    }
}
