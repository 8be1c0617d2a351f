package org.credanalytics.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.credanalytics.testing.Writers;
import org.junit.jupiter.api.Test;

class DirectConnectionsTest {
    @Test
    void aSettingIsAddedToTheConfiguredOptionsAndTheApplicationNameIsSet() throws SQLException {
        DataSourceFactory database = Writers.dataSource();
        database.setProperties(Map.of("options", "-c jit=off"));

        try (Connection connection = new DirectConnections(database, "direct-connections-test")
                .withSetting("work_mem", "65536kB").open()) {
            assertThat(show(connection, "work_mem")).isEqualTo("64MB");
            assertThat(show(connection, "jit")).isEqualTo("off");
            assertThat(show(connection, "application_name")).isEqualTo("direct-connections-test");
        }
    }

    @Test
    void aSettingAloneNeedsNoConfiguredOptions() throws SQLException {
        try (Connection connection = new DirectConnections(Writers.dataSource(), "direct-connections-test")
                .withSetting("work_mem", "8MB").open()) {
            assertThat(show(connection, "work_mem")).isEqualTo("8MB");
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
