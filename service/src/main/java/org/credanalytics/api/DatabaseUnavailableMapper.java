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
 * of a worker it lost. Any other database failure
 * stays a logged 500, since retrying would not help.
 */
@Provider
public final class DatabaseUnavailableMapper extends LoggingExceptionMapper<JdbiException> {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private final ApiExceptionMapper errors = new ApiExceptionMapper();

    @Override
    public Response toResponse(JdbiException exception) {
        if (!isUnavailable(exception)) {
            return super.toResponse(exception);
        }
        return errors.toResponse(new ApiException(503, "the database is unavailable; retry after the indicated delay",
                List.of(), RETRY_AFTER));
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
