package org.credanalytics.rollup;

import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * Which events a staging statement reads, rendered into its {@code <source>} and
 * {@code <selection>}: a rollup step's id window, or a recompute's institution and time range (up
 * to the progress it holds), both of the live raw events; or the chunk of an import being applied,
 * all of it. The conditions are in {@code EventSelection/*.sql}.
 */
public enum EventSelection {
    STEP("analytics_events", "step"),
    RECOMPUTE("analytics_events", "recompute"),
    IMPORT_CHUNK("import_staged_events", "importChunk");

    private final String source;
    private final String condition;

    EventSelection(String source, String file) {
        this.source = source;
        this.condition = ClasspathSqlLocator.removingComments().locate(EventSelection.class, file).strip();
    }

    /** The table the events are read from. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return condition;
    }
}
