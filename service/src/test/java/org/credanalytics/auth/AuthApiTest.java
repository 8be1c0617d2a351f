package org.credanalytics.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.credanalytics.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may call what, through the real service: 401 without a valid key, 403 outside the key's rights. */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class AuthApiTest {
    // No key cache, so that a revocation is seen by the very next request.
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("auth.cacheTtl", "0s"));
    static final Instant AT = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    static final String RANGE = "?from=2026-03-01&to=2026-04-01";

    private final TestKeyFactory keys = new TestKeyFactory();
    private final TestDatabase db = TestDatabase.get();

    private Http as(String key) {
        return new Http(APP.getLocalPort(), key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/institutions/42/summary" + RANGE, "/v1/platform/geo" + RANGE, "/v1/cluster/shards",
            "/v1/no-such-endpoint"})
    void requestsWithoutAKeyGet401WithABearerChallenge(String path) {
        Http.Reply reply = as(null).get(path);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reply.json().get("code").asInt()).isEqualTo(401);
        assertThat(reply.json().get("message").asText()).contains("Authorization: Bearer");
    }

    @Test
    void ingestWithoutAKeyGets401AndStoresNothing() {
        Http.Reply reply = as(null).post("/v1/events", "application/json", Events.issued("n-1", 42, AT));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dGVzdDp0ZXN0", "Bearer", "Bearer ", "Token " + TestKeys.ADMIN, TestKeys.ADMIN,
            "Bearer " + TestKeys.ADMIN + " extra", "Bearer " + TestKeys.ADMIN + "x", "Bearer \u00e9\u00e9\u00e9"})
    void malformedOrWrongAuthorizationHeadersGet401(String header) {
        Http.Reply reply = as(null).withAuthorizationHeader(header).get("/v1/platform/geo" + RANGE);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void unknownKeysGet401() {
        assertThat(as(KeyMaterial.generate().plaintext()).get("/v1/institutions/42/summary" + RANGE).status()).isEqualTo(401);
        assertThat(as("x".repeat(1_000)).get("/v1/institutions/42/summary" + RANGE).status()).isEqualTo(401);
    }

    @Test
    void aRevokedKeyGets401() {
        TestKeyFactory.Created key = keys.institution(42, Scope.READ);
        assertThat(as(key.plaintext()).get("/v1/institutions/42/summary" + RANGE).status()).isEqualTo(200);

        keys.revoke(key.key());

        Http.Reply reply = as(key.plaintext()).get("/v1/institutions/42/summary" + RANGE);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void anInstitutionKeyIngestsAndReadsItsOwnInstitution() {
        Http institution = as(keys.institution(42, Scope.INGEST, Scope.READ).plaintext());

        assertThat(institution.post("/v1/events", "application/json", Events.issued("own-1", 42, AT)).status()).isEqualTo(200);
        assertThat(institution.post("/v1/events/batch", "application/json", Events.batch("own-b", 3, 42, AT)).status())
                .isEqualTo(200);
        assertThat(institution.get("/v1/institutions/42/summary" + RANGE).status()).isEqualTo(200);
        assertThat(db.count("SELECT count(*) FROM analytics_events WHERE institution_id = 42")).isEqualTo(4);
    }

    @Test
    void ingestingForAnotherInstitutionIs403AndAMixedBatchIsRejectedWhole() {
        Http institution = as(keys.institution(42, Scope.INGEST, Scope.READ).plaintext());

        Http.Reply single = institution.post("/v1/events", "application/json", Events.issued("f-1", 43, AT));
        Http.Reply mixed = institution.post("/v1/events/batch", "application/json", Events.array(
                Events.issued("m-1", 42, AT), Events.issued("m-2", 42, AT), Events.issued("m-3", 43, AT)));
        Http.Reply mixedNdjson = institution.post("/v1/events/batch", "application/x-ndjson",
                Events.issued("j-1", 42, AT).replace("\n", " ") + "\n" + Events.issued("j-2", 7, AT).replace("\n", " ") + "\n");

        assertThat(single.status()).isEqualTo(403);
        assertThat(mixed.status()).isEqualTo(403);
        assertThat(mixedNdjson.status()).isEqualTo(403);
        assertThat(mixed.json().get("code").asInt()).isEqualTo(403);
        assertThat(mixed.json().get("message").asText()).contains("institution 43").contains("nothing was stored");
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isZero();
    }

    @Test
    void readingAnotherInstitutionIs403() {
        Http institution = as(keys.institution(42, Scope.INGEST, Scope.READ).plaintext());

        Http.Reply reply = institution.get("/v1/institutions/43/summary" + RANGE);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("message").asText()).contains("institution 43");
    }

    @Test
    void anIngestOnlyKeyCannotReadAndAReadOnlyKeyCannotIngest() {
        Http ingestOnly = as(keys.institution(42, Scope.INGEST).plaintext());
        Http readOnly = as(keys.institution(42, Scope.READ).plaintext());

        assertThat(ingestOnly.get("/v1/institutions/42/activity" + RANGE).status()).isEqualTo(403);
        assertThat(readOnly.post("/v1/events", "application/json", Events.issued("r-1", 42, AT)).status()).isEqualTo(403);
        assertThat(readOnly.post("/v1/events/batch", "application/json", Events.batch("r-b", 2, 42, AT)).status())
                .isEqualTo(403);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/platform/institutions" + RANGE, "/v1/platform/geo" + RANGE, "/v1/cluster/shards",
            "/v1/cluster/rebalance", "/v1/no-such-endpoint", "/v1/institutions/42/../../platform/geo" + RANGE})
    void institutionKeysAreRefusedOnPlatformClusterAndUnknownPaths(String path) {
        Http institution = as(keys.institution(42, Scope.INGEST, Scope.READ).plaintext());

        Http.Reply reply = institution.get(path);

        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(institution.post("/v1/cluster/rebalance", "application/json", "{}").status()).isEqualTo(403);
    }

    @Test
    void encodedSlashesDoNotLeadAnInstitutionKeyElsewhere() {
        Http institution = as(keys.institution(42, Scope.READ).plaintext());

        Http.Reply reply = institution.get("/v1/institutions/42%2F..%2F..%2Fplatform/geo" + RANGE);

        assertThat(reply.status()).as(reply.body()).isIn(400, 403, 404);
    }

    @Test
    void adminKeysReachEveryInstitutionThePlatformAndAnyPath() {
        Http admin = as(keys.admin().plaintext());

        assertThat(admin.post("/v1/events/batch", "application/json", Events.array(
                Events.issued("a-1", 42, AT), Events.issued("a-2", 43, AT))).status()).isEqualTo(200);
        assertThat(admin.get("/v1/institutions/43/summary" + RANGE).status()).isEqualTo(200);
        assertThat(admin.get("/v1/platform/institutions" + RANGE).status()).isEqualTo(200);
        assertThat(admin.get("/v1/platform/geo" + RANGE).status()).isEqualTo(200);
        assertThat(admin.get("/v1/no-such-endpoint").status()).isEqualTo(404);
        assertThat(new Http(APP.getLocalPort()).get("/v1/platform/geo" + RANGE).status()).isEqualTo(200); // TestKeys.ADMIN
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(2);
    }

    @Test
    void refusalsAreCountedByReason() {
        Http institution = as(keys.institution(42, Scope.READ).plaintext());
        double unauthenticated = rejected("unauthenticated");
        double forbidden = rejected("forbidden");

        as(null).get("/v1/platform/geo" + RANGE);
        as(null).get("/v1/platform/geo" + RANGE);
        institution.get("/v1/institutions/43/summary" + RANGE);
        institution.post("/v1/events", "application/json", Events.issued("c-1", 42, AT));

        assertThat(rejected("unauthenticated")).isEqualTo(unauthenticated + 2);
        assertThat(rejected("forbidden")).isEqualTo(forbidden + 2);
    }

    private static double rejected(String reason) {
        String prefix = "analytics_auth_rejected_total{reason=\"" + reason + "\"} ";
        return new Http(APP.getAdminPort()).get("/prometheus").body().lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix));
    }

    @Test
    void theKeyTableHoldsOnlyHashes() {
        TestKeyFactory.Created key = keys.institution(42, Scope.INGEST, Scope.READ);
        String secret = key.plaintext().substring(key.key().prefix().length() + 1);

        for (String value : new String[] {key.plaintext(), secret, TestKeys.ADMIN}) {
            assertThat(db.count("SELECT count(*) FROM api_keys WHERE strpos(row_to_json(api_keys)::text, ?) > 0", value))
                    .isZero();
        }
        assertThat(db.count("SELECT count(*) FROM api_keys WHERE key_hash = sha256(convert_to(?, 'UTF8')) AND id = ?",
                key.plaintext(), key.key().id())).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM api_keys WHERE key_hash = sha256(convert_to(?, 'UTF8')) AND kind = 'admin'",
                TestKeys.ADMIN)).isEqualTo(1);
    }
}
