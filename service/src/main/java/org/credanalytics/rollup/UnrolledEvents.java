package org.credanalytics.rollup;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * The raw events the rollup job has not reached yet: the condition, written once in
 * {@code UnrolledEvents/condition.sql}, that every query adding the raw tail to the rollups
 * renders as {@code <unrolled>}. It binds {@code :tail.*} ({@link UnrolledTail.Bounds}).
 */
public final class UnrolledEvents {
    private static final String CONDITION = ClasspathSqlLocator.removingComments()
            .locate(UnrolledEvents.class, "condition").strip();

    private UnrolledEvents() {
    }

    /** Makes {@code <unrolled>} available to every statement of {@code jdbi}. */
    public static Jdbi defineOn(Jdbi jdbi) {
        return jdbi.define("unrolled", CONDITION);
    }
}
