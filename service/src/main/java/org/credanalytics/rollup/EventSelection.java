package org.credanalytics.rollup;

import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * Which raw events a staging statement reads, rendered into its {@code <selection>}: a rollup
 * step's id window, or a recompute's institution and time range (up to the progress it holds).
 * The conditions are in {@code EventSelection/*.sql}.
 */
public enum EventSelection {
    STEP("step"),
    RECOMPUTE("recompute");

    private final String condition;

    EventSelection(String file) {
        this.condition = ClasspathSqlLocator.removingComments().locate(EventSelection.class, file).strip();
    }

    @Override
    public String toString() {
        return condition;
    }
}
