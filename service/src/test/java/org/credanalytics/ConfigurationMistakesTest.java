package org.credanalytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.credanalytics.testing.ChildCommand;
import org.credanalytics.testing.ChildCommand.Run;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration mistake ends a command with one line naming the setting to change, never a
 * stack trace: each case runs the real command line in a child JVM.
 */
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
                    "ANALYTICS_LOCAL_DB=true");
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

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
