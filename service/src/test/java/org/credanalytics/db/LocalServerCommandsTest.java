package org.credanalytics.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.credanalytics.AnalyticsApplication;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.local.LocalCitusCluster;
import org.credanalytics.testing.ChildCommand;
import org.credanalytics.testing.ChildCommand.Run;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.LocalClusterProcess;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code run-local.sh} sets up: {@code local-cluster run} in a child JVM (plain PostgreSQL, or
 * on the Citus test run a coordinator and two workers), the service on the connection settings it
 * wrote, and the {@code db} and {@code keys} commands, each a child JVM reading the same settings
 * from the environment, next to the running service. SIGTERM stops the servers; the next run finds
 * the data again.
 */
class LocalServerCommandsTest {
    static final String SUMMARY = "/v1/institutions/42/summary?from=2026-03-01&to=2026-04-01";

    @TempDir
    Path dir;

    @Test
    void serviceAndCommandsRunOnTheLocalClusterWhoseDataOutlivesItsStop() throws Exception {
        // The servers run as the postgres OS user when the tests run as root: it must enter the directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path data = dir.resolve("data");
        boolean citus = TestDatabase.citusRequested();
        int port = citus ? LocalCitusCluster.freePortRange(3) : LocalClusterProcess.freePort();
        String[] engine = citus ? new String[] {"--engine", "citus"} : new String[] {"--engine", "postgres"};
        Path config = configReadingTheEnvironment();

        try (LocalClusterProcess cluster = LocalClusterProcess.start(data, port, Map.of(), engine).awaitReady()) {
            Map<String, String> connection = cluster.serviceEnvironment();
            assertThat(Files.getPosixFilePermissions(cluster.connectionFile().path()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(connection.get("ANALYTICS_DB_URL")).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/analytics");

            DropwizardTestSupport<AnalyticsConfiguration> service = new DropwizardTestSupport<>(AnalyticsApplication.class,
                    config.toString(),
                    ConfigOverride.config("database.url", connection.get("ANALYTICS_DB_URL")),
                    ConfigOverride.config("database.user", connection.get("ANALYTICS_DB_USER")),
                    ConfigOverride.config("database.password", connection.get("ANALYTICS_DB_PASSWORD")),
                    ConfigOverride.config("rollup.enabled", "false"));
            service.before();
            try {
                assertThat(new Http(service.getAdminPort()).get("/healthcheck").status()).isEqualTo(200);

                Run info = command(config, connection, "db", "info");
                assertThat(info.exitCode()).as(info.out()).isZero();
                assertThat(info.out()).contains("SUCCESS");
                Run migrate = command(config, connection, "db", "migrate");
                assertThat(migrate.exitCode()).as(migrate.out()).isZero();
                Run create = command(config, connection, "keys", "create", "--institution", "42", "--scopes", "read",
                        "--description", "kept-across-restarts");
                assertThat(create.exitCode()).as(create.out()).isZero();

                assertThat(new Http(service.getAdminPort()).get("/healthcheck").status()).isEqualTo(200);
                assertThat(new Http(service.getLocalPort()).get(SUMMARY).status()).isEqualTo(200);
            } finally {
                service.after();
            }

            assertThat(cluster.terminate()).as(cluster.output()).isEqualTo(143); // 128 + SIGTERM, after the hooks ran
            assertThat(cluster.output()).contains("stopped");
            assertThat(cluster.connectionFile().path()).doesNotExist();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        }

        try (LocalClusterProcess again = LocalClusterProcess.start(data, port, Map.of(), engine).awaitReady()) {
            Run list = command(config, again.serviceEnvironment(), "keys", "list");
            assertThat(list.exitCode()).as(list.out()).isZero();
            assertThat(list.out()).contains("kept-across-restarts");
        }
    }

    /** The test configuration with the database settings from the environment, as service/config.yml has them. */
    private Path configReadingTheEnvironment() throws IOException {
        String yaml;
        try (InputStream in = LocalServerCommandsTest.class.getClassLoader().getResourceAsStream("test-config.yml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        yaml = yaml.replace("url: set-by-the-test", "url: ${ANALYTICS_DB_URL}")
                .replace("user: set-by-the-test", "user: ${ANALYTICS_DB_USER}")
                .replace("password: \"\"", "password: ${ANALYTICS_DB_PASSWORD}");
        Path config = dir.resolve("config.yml");
        Files.writeString(config, yaml);
        return config;
    }

    private static Run command(Path config, Map<String, String> environment, String... args) throws Exception {
        return ChildCommand.run(config, environment, args);
    }
}
