package org.credanalytics.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dropwizard.db.DataSourceFactory;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.credanalytics.local.LocalDatabase;
import org.credanalytics.local.LocalPostgres;
import org.credanalytics.local.ServerPassword;
import org.credanalytics.testing.TestDatabase;
import org.credanalytics.testing.Writers;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Connections to the database: the service's direct ones, and what the local test server lets in. */
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

    @Test
    void anotherNodeIsReachedWithTheSameSettingsUrlParametersAndApplicationName() throws SQLException {
        DataSourceFactory database = Writers.dataSource();
        database.setUrl(database.getUrl() + (database.getUrl().contains("?") ? "&" : "?") + "currentSchema=public");
        Properties parsed = org.postgresql.Driver.parseURL(database.getUrl(), new Properties());
        String host = parsed.getProperty("PGHOST").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT").split(",")[0]);

        try (Connection connection = new DirectConnections(database, "direct-connections-test")
                .forNode(host, port).withSetting("work_mem", "8MB").open()) {
            assertThat(show(connection, "work_mem")).isEqualTo("8MB");
            assertThat(show(connection, "search_path")).as("from the configured URL's parameters").isEqualTo("public");
            assertThat(show(connection, "application_name")).isEqualTo("direct-connections-test");
        }
    }

    @Test
    void theLocalServerRefusesTheSuperuserWithoutItsPassword() {
        LocalDatabase local = localTestServer();

        assertThatThrownBy(() -> DriverManager.getConnection(local.jdbcUrl(), LocalPostgres.SUPERUSER, ""))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(local.jdbcUrl(), LocalPostgres.SUPERUSER, "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void theLocalServerHasNoTrustRuleOnAnyNode() {
        Jdbi jdbi = TestDatabase.get().jdbi();
        localTestServer();

        String trustRules = "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust'";
        long trusting = jdbi.withHandle(h -> h.createQuery(trustRules).mapTo(Long.class).one());
        String encryption = jdbi.withHandle(h -> h.createQuery("SHOW password_encryption").mapTo(String.class).one());
        assertThat(trusting).as("trust rules in pg_hba.conf").isZero();
        assertThat(encryption).isEqualTo("scram-sha-256");
        if (Citus.isPresent(jdbi)) {
            List<String> onWorkers = jdbi.withHandle(h -> h.createQuery(
                    "SELECT result FROM run_command_on_workers($$" + trustRules + "$$)").mapTo(String.class).list());
            assertThat(onWorkers).isNotEmpty().containsOnly("0");
        }
    }

    @Test
    void theLocalPasswordFilesAreReadableByTheirOwnerAlone() throws Exception {
        ServerPassword password = localTestServer().password();

        for (var file : List.of(password.file(), password.serverPassfile())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(Files.getOwner(password.file()).getName()).isEqualTo(System.getProperty("user.name"));
        assertThat(Files.readString(password.file()).strip()).hasSize(32).matches("[A-Za-z0-9_-]+");
    }

    private static LocalDatabase localTestServer() {
        var local = TestDatabase.get().local();
        assumeTrue(local.isPresent(), "the test database is not one this run started from the machine's binaries");
        return local.get();
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
