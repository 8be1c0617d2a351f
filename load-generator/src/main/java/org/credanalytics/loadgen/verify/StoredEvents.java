package org.credanalytics.loadgen.verify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Streams the event ids of a run with their row counts from the events table. Grouping by
 * event_id alone (not by institution) finds an id stored under two institutions, which the
 * table's unique constraint on (institution_id, event_id) would not prevent.
 */
final class StoredEvents {
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final int FETCH_SIZE = 10_000;

    /** Receives one id and its row count. */
    @FunctionalInterface
    interface Sink {
        void accept(String eventId, long rows);
    }

    private StoredEvents() {
    }

    static void scan(String url, String user, String password, String table, String runId, Sink sink) throws SQLException {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // The table name cannot be a bind parameter; it is checked against TABLE above.
        String sql = "SELECT event_id, count(*) FROM " + table
                + " WHERE event_id LIKE ? ESCAPE '\\' GROUP BY event_id";
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            connection.setAutoCommit(false); // needed for the driver to stream with a fetch size
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH_SIZE);
                statement.setString(1, likePrefix(runId));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            connection.rollback();
        }
    }

    static String likePrefix(String runId) {
        return runId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%";
    }
}
