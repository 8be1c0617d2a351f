package org.credanalytics.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.audit.AuditLog;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** Dashboard embed tokens: who may mint them, and what they do and don't open. */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class EmbedTokenApiTest {
    static final String SECRET = "embed-token-test-secret-0123456789abcdefghij";
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("embed.signingKey", SECRET),
            ConfigOverride.config("embed.maxTtl", "2h"),
            ConfigOverride.config("auth.cacheTtl", "0s"));
    static final String MARCH = "?from=2026-03-01&to=2026-04-01";

    private final TestKeyFactory keys = new TestKeyFactory();
    private Http admin;

    @BeforeEach
    void connect() {
        admin = new Http(APP.getLocalPort());
    }

    private Http bearer(String token) {
        return new Http(APP.getLocalPort(), token);
    }

    @Test
    void anEmbedTokenReadsAtMostThirteenMonthsWhereAKeyReadsTenYears() {
        Http embed = bearer(mint(75));
        String thirteenMonths = "/v1/institutions/75/activity?from=2025-03-01&to=2026-04-01&granularity=month";
        String longer = "/v1/institutions/75/activity?from=2025-03-01&to=2026-04-02&granularity=month";

        assertThat(embed.get(thirteenMonths).status()).isEqualTo(200);
        Http.Reply refused = embed.get(longer);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("to");
        assertThat(refused.json().get("message").asText()).contains("13 months with an embed token");
        assertThat(embed.get("/v1/institutions/75/summary?from=2025-03-01&to=2026-04-02").status()).isEqualTo(400);
        assertThat(admin.get(longer).status()).isEqualTo(200);
    }

    private String mint(long institution) {
        Http.Reply reply = admin.post("/v1/institutions/" + institution + "/embed-tokens", "application/json", "{\"ttl_seconds\": 600}");
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().get("token").asText();
    }

    @Test
    void anAdminMintsATokenThatReadsTheInstitutionsDashboard() {
        admin.post("/v1/events", "application/json", Events.issued("e-1", 71, Instant.parse("2026-03-03T10:00:00Z")));
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Http.Reply reply = admin.post("/v1/institutions/71/embed-tokens", "application/json", "{\"ttl_seconds\": 900}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Cache-Control")).contains("no-store");
        JsonNode minted = reply.json();
        String token = minted.get("token").asText();
        assertThat(minted.get("institution_id").asLong()).isEqualTo(71);
        assertThat(minted.get("dashboard_path").asText()).isEqualTo("/dashboard/71#token=" + token);
        Instant expiresAt = Instant.parse(minted.get("expires_at").asText());
        assertThat(expiresAt).isBetween(before.plusSeconds(900), before.plusSeconds(902));
        assertThat(new EmbedTokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC()).verify(token).expiresAt())
                .isEqualTo(expiresAt);

        Http embed = bearer(token);
        for (String endpoint : new String[] {"summary", "activity", "geo", "credential-types", "funnel"}) {
            assertThat(embed.get("/v1/institutions/71/" + endpoint + MARCH).status()).as(endpoint).isEqualTo(200);
        }
        assertThat(embed.get("/v1/institutions/71/summary" + MARCH).json().get("credentials_issued").asLong()).isEqualTo(1);
    }

    @Test
    void mintingAndRefusedAdminActionsAreAudited() {
        Logger audit = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        audit.addAppender(lines);
        audit.setLevel(Level.INFO);
        try {
            TestKeyFactory.Created reader = keys.institution(86, Scope.READ);
            Http institution = new Http(APP.getLocalPort(), reader.plaintext());

            institution.post("/v1/institutions/86/embed-tokens", "application/json", "{}");
            institution.post("/v1/admin/recompute", "application/json", "{}");
            institution.get("/v1/institutions/86/summary" + MARCH);
            new Http(APP.getLocalPort(), null).post("/v1/cluster/rebalance", "application/json", "");

            List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            String who = "who=\"key " + reader.key().id() + " (" + reader.key().prefix() + ")\"";
            assertThat(logged).hasSize(3);
            assertThat(logged.get(0)).startsWith("at=").contains(who,
                    "action=\"POST /v1/institutions/86/embed-tokens\"", "status=201", "from=\"127.0.0.1\"");
            assertThat(logged.get(1)).contains(who, "action=\"POST /v1/admin/recompute\"", "status=403");
            assertThat(logged.get(2)).contains("who=\"-\"", "action=\"POST /v1/cluster/rebalance\"", "status=401");
        } finally {
            audit.detachAppender(lines);
        }
    }

    @Test
    void mintedTokensAreCounted() {
        Http metrics = new Http(APP.getAdminPort(), null);
        double before = minted(metrics.get("/prometheus").body());

        mint(82);
        mint(82);

        assertThat(minted(metrics.get("/prometheus").body())).isEqualTo(before + 2);
    }

    private static double minted(String scrape) {
        return scrape.lines().filter(line -> line.startsWith("analytics_embed_tokens_minted_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElseThrow();
    }

    @Test
    void aMintingBodyOverFourKibIsA413NamingTheBody() {
        String padded = "{\"ttl_seconds\": 600" + " ".repeat(EmbedTokenResource.MAX_BODY_BYTES) + "}";
        Http.Reply reply = admin.post("/v1/institutions/74/embed-tokens", "application/json", padded);

        assertThat(reply.status()).as(reply.body()).isEqualTo(413);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("body");
        assertThat(admin.post("/v1/institutions/74/embed-tokens", "application/json", "{\"ttl_seconds\": 600}").status())
                .isEqualTo(201);
    }

    @Test
    void withoutABodyTheTokenLastsTheDefaultTtl() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        JsonNode minted = admin.post("/v1/institutions/72/embed-tokens", "application/json", "").json();

        assertThat(Instant.parse(minted.get("expires_at").asText())).isBetween(before.plusSeconds(3600), before.plusSeconds(3602));
    }

    @Test
    void anInstitutionReadKeyMintsForItsOwnInstitutionOnly() {
        Http reader = new Http(APP.getLocalPort(), keys.institution(73, Scope.READ).plaintext());
        Http ingester = new Http(APP.getLocalPort(), keys.institution(73, Scope.INGEST).plaintext());

        assertThat(reader.post("/v1/institutions/73/embed-tokens", "application/json", "{}").status()).isEqualTo(201);
        assertThat(reader.post("/v1/institutions/74/embed-tokens", "application/json", "{}").status()).isEqualTo(403);
        assertThat(ingester.post("/v1/institutions/73/embed-tokens", "application/json", "{}").status()).isEqualTo(403);
        assertThat(new Http(APP.getLocalPort(), null).post("/v1/institutions/73/embed-tokens", "application/json", "{}").status())
                .isEqualTo(401);
    }

    @Test
    void aTokenOpensNothingBeyondItsInstitutionsDashboard() {
        Http embed = bearer(mint(75));

        assertThat(embed.get("/v1/institutions/76/summary" + MARCH).status()).isEqualTo(403);
        assertThat(embed.get("/v1/institutions/76/summary" + MARCH).json().get("message").asText())
                .contains("institution 75, not 76");
        assertThat(embed.get("/v1/platform/institutions" + MARCH).status()).isEqualTo(403);
        assertThat(embed.get("/v1/admin/keys").status()).isEqualTo(403);
        assertThat(embed.get("/v1/cluster").status()).isEqualTo(403);
        assertThat(embed.get("/v1/institutions/75").status()).isEqualTo(403);
        assertThat(embed.post("/v1/institutions/75/embed-tokens", "application/json", "{}").status()).isEqualTo(403);
        assertThat(embed.post("/v1/events", "application/json", Events.issued("x", 75, Instant.now())).status()).isEqualTo(403);
    }

    @Test
    void aTokenStopsWorkingOnceTheKeyThatMintedItIsRevoked() {
        TestKeyFactory.Created reader = keys.institution(83, Scope.READ);
        Http.Reply minted = new Http(APP.getLocalPort(), reader.plaintext())
                .post("/v1/institutions/83/embed-tokens", "application/json", "{}");
        Http embed = bearer(minted.json().get("token").asText());
        Http mintedByAdmin = bearer(mint(83));
        assertThat(embed.get("/v1/institutions/83/summary" + MARCH).status()).isEqualTo(200);

        keys.revoke(reader.key());

        Http.Reply refused = embed.get("/v1/institutions/83/summary" + MARCH);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("message").asText()).contains("the key that minted this embed token was revoked");
        assertThat(mintedByAdmin.get("/v1/institutions/83/summary" + MARCH).status()).isEqualTo(200);
    }

    @Test
    void aTokenThatNamesNoMintingKeyIsA401() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(EmbedTokens.ISSUER).audience(EmbedTokens.AUDIENCE)
                .subject("84").issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .jwtID("no-key").build();
        SignedJWT keyless = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(EmbedTokens.TYPE).build(), claims);
        keyless.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));

        assertThat(bearer(keyless.serialize()).get("/v1/institutions/84/summary" + MARCH).status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsA401ThatSaysSo() {
        String expired = new EmbedTokens(SECRET.getBytes(StandardCharsets.UTF_8),
                Clock.fixed(Instant.now().minus(2, ChronoUnit.HOURS), ZoneOffset.UTC)).mint(77, 1, Duration.ofHours(1));

        Http.Reply reply = bearer(expired).get("/v1/institutions/77/summary" + MARCH);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("message").asText()).contains("expired");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aTamperedTokenIsA401() {
        String token = mint(78);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"78\"", "\"79\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        Http.Reply reply = bearer(tampered).get("/v1/institutions/79/summary" + MARCH);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("message").asText()).isEqualTo("the embed token is not valid");
    }

    @Test
    void tokensSignedWithAnotherKeyOrNoneOrAnotherAlgorithmAreA401() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(EmbedTokens.ISSUER).audience(EmbedTokens.AUDIENCE)
                .subject("80").issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .jwtID("j").build();
        String otherKey = new EmbedTokens("another-secret-of-forty-characters-000000".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC()).mint(80, 1, Duration.ofMinutes(10));
        String unsigned = new PlainJWT(new PlainHeader.Builder().type(EmbedTokens.TYPE).build(), claims).serialize();
        SignedJWT hs512 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512).type(EmbedTokens.TYPE).build(), claims);
        hs512.sign(new MACSigner((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)));
        SignedJWT untyped = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        untyped.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));

        for (String token : new String[] {otherKey, unsigned, hs512.serialize(), untyped.serialize(), "a.b.c"}) {
            assertThat(bearer(token).get("/v1/institutions/80/summary" + MARCH).status()).as(token).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"ttl_seconds\": 59}", "{\"ttl_seconds\": 7201}", "{\"ttl_seconds\": \"600\"}",
            "{\"ttl_seconds\": 1.5}", "{\"ttl\": 600}"})
    void aBadTtlIsA400NamingTheField(String body) {
        Http.Reply reply = admin.post("/v1/institutions/81/embed-tokens", "application/json", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/errors/0/field").asText()).startsWith("ttl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[600]", "600", "{not json"})
    void aBodyThatIsNotAnObjectIsA400(String body) {
        assertThat(admin.post("/v1/institutions/81/embed-tokens", "application/json", body).status()).isEqualTo(400);
    }
}
