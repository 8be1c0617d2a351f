package org.credanalytics.api;

import io.dropwizard.jersey.errors.LoggingExceptionMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.credanalytics.db.ClusterOutages;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;

/**
 * A query that failed because the database is unreachable, restarting or shutting down is a 503
 * with {@code Retry-After}, like ingest: the client may simply retry. So is a Citus node's report
 * of a worker it lost. A query cancelled by the dashboard pool's {@code statement_timeout} is a
 * 503 too, with a longer {@code Retry-After}. Any other database failure stays a logged 500, since
 * retrying would not help.
 */
@Provider
public final class DatabaseUnavailableMapper extends LoggingExceptionMapper<JdbiException> {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** A query cancelled by its timeout is likely slow because the database is busy: give it longer. */
    private static final Duration TIMEOUT_RETRY_AFTER = Duration.ofSeconds(5);
    /** query_canceled: by statement_timeout (or a cancel request; the service sends none). */
    private static final String QUERY_CANCELED = "57014";
    private final ApiExceptionMapper errors = new ApiExceptionMapper();

    @Override
    public Response toResponse(JdbiException exception) {
        if (isStatementTimeout(exception)) {
            return errors.toResponse(new ApiException(503, "the query ran longer than the statement timeout allows;"
                    + " retry after the indicated delay, or ask for a shorter range", List.of(), TIMEOUT_RETRY_AFTER));
        }
        if (!isUnavailable(exception)) {
            return super.toResponse(exception);
        }
        return errors.toResponse(new ApiException(503, "the database is unavailable; retry after the indicated delay",
                List.of(), RETRY_AFTER));
    }

    static boolean isStatementTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (isUnavailableState(sql.getSQLState()) || ClusterOutages.isLostNode(sql))) {
                return true;
            }
        }
        return false;
    }

    /** Class 08 (connection exception) and 57P01-57P03 (admin or crash shutdown, cannot connect now). */
    private static boolean isUnavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
