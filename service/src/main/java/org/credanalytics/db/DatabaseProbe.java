package org.credanalytics.db;

import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.SQLException;
import org.credanalytics.ConfigurationProblem;

/**
 * Opens one connection with the configured settings before anything else uses the database, so
 * that a wrong URL, user or password is reported as the setting to fix (a
 * {@link ConfigurationProblem}) rather than as a pool's or Flyway's stack trace.
 */
public final class DatabaseProbe {
    private DatabaseProbe() {
    }

    public static void requireReachable(DataSourceFactory database) {
        try (Connection connection = new DirectConnections(database, "credential-analytics-probe").open()) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new ConfigurationProblem(describe(database, e), e);
        }
    }

    static String describe(DataSourceFactory database, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String reason = firstLine(e.getMessage());
        if (state.startsWith("28")) {
            return "the database refused user '" + database.getUser() + "' (" + reason + "): check database.user"
                    + " and database.password (ANALYTICS_DB_USER, ANALYTICS_DB_PASSWORD)";
        }
        if (state.equals("3D000")) {
            return "no such database (" + reason + "): check database.url (ANALYTICS_DB_URL)";
        }
        return "cannot connect to the database at " + database.getUrl() + " (" + reason + "): check database.url"
                + " (ANALYTICS_DB_URL), or set ANALYTICS_LOCAL_DB=true to use the self-managed local server";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
