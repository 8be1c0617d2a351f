package org.credanalytics.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import org.credanalytics.db.DirectConnections;

/**
 * A writer thread's connection in manual-commit mode, opened on first use and kept until
 * {@link #close()} (after a failure, the next use opens a fresh one). Not for concurrent use.
 */
final class HeldConnection implements AutoCloseable {
    private final DirectConnections connections;
    private Connection connection;

    HeldConnection(DirectConnections connections) {
        this.connections = connections;
    }

    Connection get() throws SQLException {
        if (connection == null) {
            Connection fresh = connections.open();
            fresh.setAutoCommit(false);
            connection = fresh;
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection; nothing to recover
            }
            connection = null;
        }
    }
}
