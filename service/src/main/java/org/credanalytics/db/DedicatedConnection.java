package org.credanalytics.db;

import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * One connection kept open for a single-threaded worker (the rollup job), outside the request
 * pool: the worker never waits behind dashboard queries for a connection, and operators see it
 * under its own application_name in {@code pg_stat_activity}. A connection that broke (e.g. the
 * server restarted) is replaced on the next use. Not for concurrent use.
 */
public final class DedicatedConnection implements ConnectionFactory, Managed {
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final DirectConnections connections;
    private Connection current;

    public DedicatedConnection(DirectConnections connections) {
        this.connections = connections;
    }

    @Override
    public synchronized Connection openConnection() throws SQLException {
        if (current == null || !current.isValid(VALIDATION_TIMEOUT_SECONDS)) {
            closeQuietly();
            current = connections.open();
        }
        return current;
    }

    /** Kept open for the next handle; {@link #openConnection()} replaces it if it broke meanwhile. */
    @Override
    public void closeConnection(Connection connection) {
    }

    @Override
    public synchronized void stop() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // already broken: nothing left to release
            }
            current = null;
        }
    }
}
