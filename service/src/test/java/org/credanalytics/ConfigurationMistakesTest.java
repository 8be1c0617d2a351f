package org.credanalytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.credanalytics.testing.ChildCommand;
import org.credanalytics.testing.ChildCommand.Run;
import org.credanalytics.testing.LocalClusterProcess;
import org.credanalytics.testing.PostgresInstallCopy;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration mistake ends a command with one line naming the setting to change, never a
 * stack trace: each case runs the real command line in a child JVM.
 */
@Tag("engine-independent")
class ConfigurationMistakesTest {
    @TempDir
    Path dir;

    @Test
    void anUnreachableDatabaseNamesDatabaseUrl() throws Exception {
        Path config = config(Map.of("url: \"" + TestDatabase.get().url() + "\"",
                "url: jdbc:postgresql://127.0.0.1:" + closedPort() + "/analytics"));

        for (String[] command : List.of(new String[] {"db", "info"}, new String[] {"keys", "list"}, new String[] {"server"})) {
            Run run = run(config, Map.of(), command);

            assertThat(run.exitCode()).as(run.out()).isNotZero();
            assertThat(run.stackTraceLines()).as(run.out()).isEmpty();
            assertThat(run.out()).as(run.out()).contains(command[0] + ": cannot connect to the database at", "database.url",
                    "scripts/run-local.sh");
        }
    }

    @Test
    void aValueOfTheWrongTypeNamesTheSetting() throws Exception {
        Path config = config(Map.of("      port: 0\n  adminConnectors", "      port: not-a-port\n  adminConnectors"));

        Run run = run(config, Map.of(), "db", "info");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stackTraceLines()).as(run.out()).isEmpty();
        assertThat(run.out()).contains("db: ", "server.applicationConnectors.[0].port");
    }

    @Test
    void aShortBootstrapKeyNamesItsVariable() throws Exception {
        Path config = config(Map.of("bootstrapAdminKey: test-admin-key-0123456789abcdef0123456789",
                "bootstrapAdminKey: ${ANALYTICS_BOOTSTRAP_ADMIN_KEY:-}"));

        Run run = run(config, Map.of("ANALYTICS_BOOTSTRAP_ADMIN_KEY", "short"), "server");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stackTraceLines()).as(run.out()).isEmpty();
        assertThat(run.out()).contains("server: ANALYTICS_BOOTSTRAP_ADMIN_KEY (auth.bootstrapAdminKey) must be");
    }

    /** A key copied from a file that says to change it (as the compose file once did) stops the start. */
    @Test
    void placeholderSecretsStopTheStartNamingTheirVariables() throws Exception {
        Path config = config(Map.of("bootstrapAdminKey: test-admin-key-0123456789abcdef0123456789",
                "bootstrapAdminKey: ${ANALYTICS_BOOTSTRAP_ADMIN_KEY:-}",
                "\nretention:", "\nembed:\n  signingKey: ${ANALYTICS_EMBED_SIGNING_KEY:-}\nretention:"));

        Run adminKey = run(config, Map.of("ANALYTICS_BOOTSTRAP_ADMIN_KEY", "compose-admin-key-change-me-0123456789abcdef"),
                "server");
        Run signingKey = run(config, Map.of("ANALYTICS_BOOTSTRAP_ADMIN_KEY", "a-key-of-our-own-9f8e7d6c5b4a39281706f5e4",
                "ANALYTICS_EMBED_SIGNING_KEY", "compose-embed-signing-key-change-me-0123456789"), "server");

        assertThat(adminKey.exitCode()).isNotZero();
        assertThat(adminKey.stackTraceLines()).as(adminKey.out()).isEmpty();
        assertThat(adminKey.out()).contains("server: ANALYTICS_BOOTSTRAP_ADMIN_KEY (auth.bootstrapAdminKey) is a placeholder");
        assertThat(signingKey.exitCode()).isNotZero();
        assertThat(signingKey.stackTraceLines()).as(signingKey.out()).isEmpty();
        assertThat(signingKey.out()).contains("server: ANALYTICS_EMBED_SIGNING_KEY (embed.signingKey) is a placeholder");
    }

    /**
     * A PostgreSQL without the hll extension: a copy of the machine's installation less hll's
     * files (PostgreSQL finds its share and lib directories relative to its binaries), run by
     * {@code local-cluster run} as {@code run-local.sh} runs it, with the service on it. The
     * service's start stops with one line naming the package.
     */
    @Test
    void aServerWithoutHllStopsTheStartNamingThePackage() throws Exception {
        Path bin = PostgresInstallCopy.withoutExtension(dir.resolve("pg"), "hll");
        Path data = dir.resolve("data");
        Path config = dir.resolve("service-config.yml");
        Files.copy(Path.of("config.yml"), config); // service/config.yml: Surefire runs in the module directory
        try (LocalClusterProcess cluster = LocalClusterProcess.start(data, freePort(),
                Map.of("ANALYTICS_PG_BIN", bin.toString())).awaitReady()) {
            Map<String, String> environment = new HashMap<>(cluster.serviceEnvironment());
            environment.put("ANALYTICS_HTTP_PORT", String.valueOf(freePort()));
            environment.put("ANALYTICS_ADMIN_PORT", String.valueOf(freePort()));
            Run run = run(config, environment, "server");

            assertThat(run.exitCode()).as(run.out()).isNotZero();
            assertThat(run.stackTraceLines()).as(run.out()).isEmpty();
            assertThat(run.out()).contains("server: the hll extension", "is not installed on this server",
                    "install the package postgresql-" + PostgresInstallCopy.major(bin) + "-hll");
        } finally {
            PostgresInstallCopy.stopServer(bin, data);
        }
    }

    /** The test configuration with these replacements, made before it is pointed at the test database. */
    private Path config(Map<String, String> replacements) throws IOException {
        String yaml = ChildCommand.testConfig();
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            assertThat(yaml).contains(replacement.getKey());
            yaml = yaml.replace(replacement.getKey(), replacement.getValue());
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, yaml);
        return config;
    }

    private static Run run(Path config, Map<String, String> environment, String... args) throws Exception {
        return ChildCommand.run(config, environment, args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
