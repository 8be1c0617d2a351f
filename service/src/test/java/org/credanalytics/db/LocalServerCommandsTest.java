package org.credanalytics.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.credanalytics.AnalyticsApplication;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.local.LocalPostgres;
import org.credanalytics.testing.ChildCommand.Run;
import org.credanalytics.testing.ChildCommand;
import org.credanalytics.testing.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code db} and {@code keys} commands next to a service that runs on its own local
 * PostgreSQL (what {@code run-local.sh} sets up): each command is a child JVM with the same
 * configuration, attaches to the running server and leaves it running.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LocalServerCommandsTest {
    static final Path DIR = serverDirectory();
    static final int PORT = freePort();
    static final String SUMMARY = "/v1/institutions/42/summary?from=2026-03-01&to=2026-04-01";

    static final DropwizardAppExtension<AnalyticsConfiguration> APP = new DropwizardAppExtension<>(
            AnalyticsApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", "jdbc:postgresql://127.0.0.1:1/unused"),
            ConfigOverride.config("localDatabase.enabled", "true"),
            ConfigOverride.config("localDatabase.dataDirectory", DIR.resolve("data").toString()),
            ConfigOverride.config("localDatabase.port", String.valueOf(PORT)),
            ConfigOverride.config("rollup.enabled", "false"));

    static Path config;

    @BeforeAll
    static void writeConfig() throws IOException {
        String yaml;
        try (InputStream in = LocalServerCommandsTest.class.getClassLoader().getResourceAsStream("test-config.yml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // As in service/config.yml: an unset password, which YAML reads as null.
        yaml = yaml.replace("url: set-by-the-test", "url: jdbc:postgresql://127.0.0.1:1/unused")
                .replace("user: set-by-the-test", "user: nobody")
                .replace("password: \"\"", "password:")
                + "\nlocalDatabase:\n  enabled: true\n  dataDirectory: " + DIR.resolve("data") + "\n  port: " + PORT + "\n";
        config = DIR.resolve("config.yml");
        Files.writeString(config, yaml);
    }

    @Test
    void dbAndKeysCommandsLeaveTheRunningServiceHealthy() throws Exception {
        Http admin = new Http(APP.getLocalPort());
        assertThat(new Http(APP.getAdminPort()).get("/healthcheck").status()).isEqualTo(200);

        Run info = command("db", "info");
        assertThat(info.exitCode()).as(info.out()).isZero();
        assertThat(info.out()).contains("SUCCESS").doesNotContain("restarting", "Local PostgreSQL stopped");
        Run migrate = command("db", "migrate");
        assertThat(migrate.exitCode()).as(migrate.out()).isZero();
        Run list = command("keys", "list");
        assertThat(list.exitCode()).as(list.out()).isZero();
        assertThat(list.out()).contains("admin").doesNotContain("Local PostgreSQL stopped");

        assertThat(new Http(APP.getAdminPort()).get("/healthcheck").status()).isEqualTo(200);
        assertThat(admin.get(SUMMARY).status()).isEqualTo(200);
    }

    private static Run command(String... args) throws Exception {
        return ChildCommand.run(config, Map.of(), args);
    }

    private static Path serverDirectory() {
        try {
            Path dir = Files.createTempDirectory("analytics-commands-");
            // The server runs as the postgres OS user when the tests run as root: it must enter the directory.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            // The service, stopped after the class, stops its server; the files go at JVM exit.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir), "commands-test-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left behind at worst
        }
    }

    private static int freePort() {
        try {
            return LocalPostgres.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
