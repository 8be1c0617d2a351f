package org.credanalytics.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import io.dropwizard.db.DataSourceFactory;
import org.credanalytics.ConfigurationProblem;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * Opens one connection with the configured settings before anything else uses the database, so
 * that a wrong URL, user or password is reported as the setting to fix (a
 * {@link ConfigurationProblem}) rather than as a pool's or Flyway's stack trace.
 */
public final class DatabaseProbe {
    private static final ClasspathSqlLocator SQL = ClasspathSqlLocator.create();
    private DatabaseProbe() {
    }

    public static void requireReachable(DataSourceFactory database) {
        try (Connection connection = new DirectConnections(database, "credential-analytics-probe").open()) {
            connection.isValid(5);
            requireHll(connection);
        } catch (SQLException e) {
            throw new ConfigurationProblem(describe(database, e), e);
        }
    }

    /**
     * Unique counts are HyperLogLog sketches: every database node needs the hll extension
     * (postgresql-hll). Checked before the migrations, so its absence is one clear line.
     */
    static void requireHll(Connection connection) throws SQLException {
        List<String> missing = new ArrayList<>();
        if (!queryBoolean(connection, "hllAvailable")) {
            missing.add("this server");
        }
        if (queryBoolean(connection, "citusPresent")) {
            try (Statement statement = connection.createStatement();
                 ResultSet workers = statement.executeQuery(SQL.locate(DatabaseProbe.class, "citusWorkersWithoutHll"))) {
                while (workers.next()) {
                    missing.add("Citus worker " + workers.getString(1));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationProblem("the hll extension (HyperLogLog, for unique counts) is not installed on "
                    + String.join(", ", missing) + ": install the package postgresql-"
                    + connection.getMetaData().getDatabaseMajorVersion() + "-hll (Debian, Ubuntu;"
                    + " postgresql-hll elsewhere) on every database node, then start the service again");
        }
    }

    private static boolean queryBoolean(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(SQL.locate(DatabaseProbe.class, name))) {
            return result.next() && result.getBoolean(1);
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
                + " (ANALYTICS_DB_URL), or start a local database with scripts/run-local.sh";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
