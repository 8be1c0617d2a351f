package org.credanalytics.ingest;

import java.sql.SQLException;

/** Sorts database failures into "this data is unacceptable" and "the database is unavailable". */
final class SqlStates {
    static final String UNIQUE_VIOLATION = "23505";

    private SqlStates() {
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /** Class 40: a deadlock or serialization failure between concurrent writers; retrying will do. */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("40");
    }

    /** Class 22 (data exception) and 23 (integrity constraint violation): retrying won't help. */
    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
