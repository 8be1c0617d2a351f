package org.credanalytics.ingest;

import java.sql.SQLException;
import java.util.regex.Pattern;
import org.credanalytics.db.ClusterOutages;

/** Sorts database failures into "this data is unacceptable" and "the database is unavailable". */
final class SqlStates {
    static final String UNIQUE_VIOLATION = "23505";

    /** Citus re-raises errors of COPY on a worker with this code, the worker's message and no code of its own. */
    static final String INTERNAL_ERROR = "XX000";

    /**
     * What a worker's data error (class 22 or 23) says when a Citus node passes it on as {@code
     * XX000}. Every other {@code XX000} is a failure of the cluster, such as "failure on connection
     * marked as essential" while a worker is down: retryable, never the client's fault.
     */
    private static final Pattern WORKER_DATA_ERROR = Pattern.compile(
            "violates|duplicate key|no partition of relation|invalid input|out of range|value too long"
                    + "|invalid byte sequence|null value in column|malformed");

    private SqlStates() {
    }

    /** 23505, or a Citus coordinator's {@code XX000} carrying a worker's unique-violation message. */
    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState()) || INTERNAL_ERROR.equals(e.getSQLState())
                && e.getMessage() != null && e.getMessage().contains("duplicate key value violates unique constraint");
    }

    /**
     * No raw-event partition for an event's day: 23514 from PostgreSQL, Citus's {@code XX000} with
     * the worker's message. Creating the partition and retrying will do.
     */
    static boolean isMissingPartition(SQLException e) {
        return ("23514".equals(e.getSQLState()) || INTERNAL_ERROR.equals(e.getSQLState()))
                && e.getMessage() != null && e.getMessage().contains("no partition of relation");
    }

    /**
     * Class 08 (connection exception, also what pgjdbc reports for an I/O error and Citus for a
     * worker it cannot reach), class 57 (operator intervention: shutdown, cancel) and 53
     * (insufficient resources): the database is unavailable, no lookup can help. Also a Citus node's
     * {@code XX000} for a node it lost (see {@link ClusterOutages}).
     */
    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57") || state.startsWith("53")
                || ClusterOutages.isLostNode(e);
    }

    /** Class 40: a deadlock or serialization failure between concurrent writers; retrying will do. */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("40");
    }

    /**
     * Class 22 (data exception) and 23 (integrity constraint violation): retrying won't help. Also
     * {@code XX000} with a worker's data-error message, which is how a Citus node reports either of
     * them from another node.
     */
    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23")
                || INTERNAL_ERROR.equals(state) && messageMatches(e, WORKER_DATA_ERROR) && !isConnectionFailure(e));
    }

    private static boolean messageMatches(SQLException e, Pattern pattern) {
        return e.getMessage() != null && pattern.matcher(e.getMessage()).find();
    }
}
