package org.credanalytics.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.ChildCommand;
import org.credanalytics.testing.ChildCommand.Run;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys create|list|revoke} through the real command line: each run is a child JVM started
 * like {@code java -jar analytics-service.jar keys ... config.yml}, against the test database,
 * and the keys it prints work (or stop working) on a running service.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeysCommandTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("auth.cacheTtl", "0s"), ConfigOverride.config("rollup.enabled", "false"));
    static final String SUMMARY = "/v1/institutions/%d/summary?from=2026-03-01&to=2026-04-01";

    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void writeConfig() throws IOException {
        config = dir.resolve("config.yml");
        Files.writeString(config, ChildCommand.testConfig());
    }

    private static Run keys(String... args) throws Exception {
        return keysWith(config, args);
    }

    private static Run keysWith(Path configFile, String... args) throws Exception {
        return keysWith(configFile, Map.of(), args);
    }

    private static Run keysWith(Path configFile, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("keys"));
        command.addAll(List.of(args));
        return ChildCommand.run(configFile, environment, command.toArray(String[]::new));
    }

    private static String printedKey(Run run) {
        return run.out().lines().filter(line -> line.startsWith("key: ")).map(line -> line.substring(5)).findFirst()
                .orElseThrow(() -> new AssertionError("no key printed:\n" + run.out()));
    }

    @Test
    void createListAndRevokeAnInstitutionKey() throws Exception {
        Run created = keys("create", "--institution", "4242", "--scopes", "ingest,read", "--description", "cli test",
                "--events-per-second", "500", "--requests-per-second", "20");
        assertThat(created.exitCode()).as(created.out()).isZero();
        String key = printedKey(created);
        assertThat(key).matches("cak_[0-9a-f]{8}_[A-Za-z0-9_-]{43}");
        ApiKey stored = TestDatabase.get().jdbi().onDemand(ApiKeyDao.class).findActive(KeyMaterial.hash(key)).orElseThrow();
        assertThat(stored.institutionId()).isEqualTo(4242L);
        assertThat(stored.scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.READ);
        assertThat(stored.eventsPerSecond()).isEqualTo(500);
        assertThat(stored.requestsPerSecond()).isEqualTo(20);
        assertThat(new Http(APP.getLocalPort(), key).get(SUMMARY.formatted(4242)).status()).isEqualTo(200);
        assertThat(new Http(APP.getLocalPort(), key).get(SUMMARY.formatted(4243)).status()).isEqualTo(403);

        Run listed = keys("list");
        assertThat(listed.exitCode()).as(listed.out()).isZero();
        String row = listed.out().lines().filter(line -> line.startsWith(stored.id() + " ")).findFirst().orElseThrow();
        assertThat(row).contains(stored.prefix(), "institution", "4242", "ingest,read", "cli test");
        assertThat(listed.out()).doesNotContain(key).doesNotContain(key.substring(stored.prefix().length() + 1));

        Run revoked = keys("revoke", String.valueOf(stored.id()));
        assertThat(revoked.exitCode()).as(revoked.out()).isZero();
        assertThat(revoked.out()).contains("Revoked institution key " + stored.id());
        assertThat(new Http(APP.getLocalPort(), key).get(SUMMARY.formatted(4242)).status()).isEqualTo(401);
        assertThat(TestDatabase.get().jdbi().onDemand(ApiKeyDao.class).findByHash(KeyMaterial.hash(key)).orElseThrow().revokedAt())
                .isNotNull();
    }

    @Test
    void creatingAndRevokingAreAudited() throws Exception {
        Path audited = dir.resolve("audited-config.yml");
        Files.writeString(audited, ChildCommand.testConfig()
                .replace("logging:\n  level: WARN\n", "logging:\n  level: WARN\n  loggers:\n    audit: INFO\n")
                .replace("      threshold: WARN\n", "      threshold: INFO\n"));

        Run created = keysWith(audited, "create", "--institution", "4245", "--scopes", "read");
        ApiKey stored = TestDatabase.get().jdbi().onDemand(ApiKeyDao.class).findActive(KeyMaterial.hash(printedKey(created)))
                .orElseThrow();
        Run revoked = keysWith(audited, "revoke", String.valueOf(stored.id()));

        String who = "who=\"os user " + System.getProperty("user.name") + "\"";
        assertThat(created.out()).contains("audit: at=", who, "action=\"keys create\"",
                "status=\"created institution key " + stored.id() + " (" + stored.prefix() + ")", "from=\"command line\"");
        assertThat(revoked.out()).contains(who, "action=\"keys revoke " + stored.id() + "\"",
                "status=\"revoked institution key " + stored.id());
        assertThat(created.out().lines().filter(line -> line.contains("audit: ")))
                .noneMatch(line -> line.contains(printedKey(created).substring(stored.prefix().length() + 1)));
    }

    @Test
    void worksWithAnUnsetPasswordAsTheServerDoes() throws Exception {
        TestDatabase db = TestDatabase.get();
        assumeTrue(db.password().isEmpty() || db.local().isPresent(), "the test database needs a password");
        // service/config.yml's default: ANALYTICS_DB_PASSWORD unset, for trust or peer authentication or, as
        // here with the local test server, a libpq password file (PGPASSFILE, which the JDBC driver reads too).
        Map<String, String> environment = db.local()
                .map(local -> Map.of("PGPASSFILE", local.password().serverPassfile().toString()))
                .orElse(Map.of());
        Path unset = dir.resolve("unset-password.yml");
        Files.writeString(unset, Files.readString(config).replace("password: \"\"", "password: ${ANALYTICS_DB_PASSWORD:-}"));

        Run created = keysWith(unset, environment, "create", "--institution", "4244", "--scopes", "read");
        Run listed = keysWith(unset, environment, "list");

        assertThat(created.exitCode()).as(created.out()).isZero();
        assertThat(listed.exitCode()).as(listed.out()).isZero();
        assertThat(created.out() + listed.out()).doesNotContain("NullPointerException");
        assertThat(new Http(APP.getLocalPort(), printedKey(created)).get(SUMMARY.formatted(4244)).status()).isEqualTo(200);
    }

    @Test
    void listShowsTheDefaultLimitsOfTheKeysKind() throws Exception {
        String institution = printedKey(keys("create", "--institution", "4245", "--scopes", "read"));
        String admin = printedKey(keys("create", "--admin"));

        Run listed = keys("list");

        assertThat(listed.exitCode()).as(listed.out()).isZero();
        assertThat(row(listed, institution)).contains("50000 (default)", "1000 (default)");
        assertThat(row(listed, admin)).contains("unlimited (default)");
    }

    private static String row(Run listed, String key) {
        ApiKey stored = TestDatabase.get().jdbi().onDemand(ApiKeyDao.class).findActive(KeyMaterial.hash(key)).orElseThrow();
        return listed.out().lines().filter(line -> line.startsWith(stored.id() + " ")).findFirst().orElseThrow();
    }

    @Test
    void createAnAdminKey() throws Exception {
        Run created = keys("create", "--admin", "--description", "ops");
        assertThat(created.exitCode()).as(created.out()).isZero();
        assertThat(created.out()).contains("Created admin key");

        Http admin = new Http(APP.getLocalPort(), printedKey(created));
        assertThat(admin.get(SUMMARY.formatted(77)).status()).isEqualTo(200);
        assertThat(admin.get("/v1/platform/geo?from=2026-03-01&to=2026-04-01").status()).isEqualTo(200);
    }

    @Test
    void badArgumentsExitNonZeroAndCreateNothing() throws Exception {
        long before = TestDatabase.get().count("SELECT count(*) FROM api_keys");

        Run both = keys("create", "--admin", "--institution", "5");
        Run badScope = keys("create", "--institution", "5", "--scopes", "ingest,write");
        Run unknownId = keys("revoke", "999999999");

        assertThat(both.exitCode()).isNotZero();
        assertThat(both.out()).contains("an admin key has no --institution");
        assertThat(badScope.exitCode()).isNotZero();
        assertThat(badScope.out()).contains("unknown scope 'write'");
        assertThat(unknownId.exitCode()).isNotZero();
        assertThat(unknownId.out()).contains("no active key with id 999999999");
        assertThat(TestDatabase.get().count("SELECT count(*) FROM api_keys")).isEqualTo(before);
    }
}
