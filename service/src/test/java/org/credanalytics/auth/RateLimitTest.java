package org.credanalytics.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-key limits: the configured default for institution keys (50 events/s here), per-key
 * overrides, and none for admin keys; each embed token's own limit (3 requests/s here); and failed
 * authentications per client address (1 per second here). Each bucket holds one second's worth,
 * so a request sent right after the bucket was exhausted is refused; only a stall of a whole
 * second between the two could let it through.
 */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class RateLimitTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("auth.institutionLimits.eventsPerSecond", "50"),
            ConfigOverride.config("auth.embedTokenRequestsPerSecond", "3"),
            ConfigOverride.config("auth.failedAuthenticationsPerSecond", "1"));
    static final Instant AT = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    static final String SUMMARY = "/v1/institutions/42/summary?from=2026-03-01&to=2026-04-01";

    private final TestKeyFactory keys = new TestKeyFactory();
    private final TestDatabase db = TestDatabase.get();

    private Http as(String key) {
        return new Http(APP.getLocalPort(), key);
    }

    @Test
    void requestsOverTheKeysLimitGet429WithRetryAfter() {
        Http limited = as(keys.create(new ApiKeyDao.NewKey(KeyKind.INSTITUTION, 42L, Set.of(Scope.READ), null, 1, "1 rps"))
                .plaintext());

        List<Http.Reply> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(limited.get(SUMMARY));
        }

        assertThat(replies.get(0).status()).isEqualTo(200);
        Http.Reply refused = replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow(
                () -> new AssertionError("no 429 in " + replies.stream().map(Http.Reply::status).toList()));
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().get("code").asInt()).isEqualTo(429);
        assertThat(refused.json().get("message").asText()).contains("1 requests per second");
    }

    @Test
    void eventsOverTheDefaultLimitGet429AndAreNotStored() {
        Http institution = as(keys.institution(42, Scope.INGEST, Scope.READ).plaintext());

        Http.Reply first = institution.post("/v1/events/batch", "application/json", Events.batch("d1", 50, 42, AT));
        Http.Reply second = institution.post("/v1/events/batch", "application/json", Events.batch("d2", 50, 42, AT));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
        assertThat(Integer.parseInt(second.header("Retry-After"))).isBetween(1, 2);
        assertThat(second.json().get("message").asText()).contains("50 events per second");
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(50);
    }

    @Test
    void aPerKeyOverrideReplacesTheDefault() {
        Http generous = as(keys.create(new ApiKeyDao.NewKey(KeyKind.INSTITUTION, 42L, Set.of(Scope.INGEST), 300, null,
                "300 events/s")).plaintext());

        assertThat(generous.post("/v1/events/batch", "application/json", Events.batch("o1", 300, 42, AT)).status())
                .isEqualTo(200);
        assertThat(generous.post("/v1/events/batch", "application/json", Events.batch("o2", 300, 42, AT)).status())
                .isEqualTo(429);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(300);
    }

    @Test
    void aBatchLargerThanOneSecondsBudgetIs413() {
        Http institution = as(keys.institution(42, Scope.INGEST).plaintext());

        Http.Reply reply = institution.post("/v1/events/batch", "application/json", Events.batch("big", 51, 42, AT));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("message").asText()).contains("at most 50 events per second");
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isZero();
    }

    /**
     * The budget is checked as the body is parsed: events past it are never decoded, so a body
     * whose part beyond the budget is not even JSON gets the budget's answer, not a 400.
     */
    @Test
    void aBodyOverTheBudgetIsRefusedBeforeItIsParsedWhole() {
        Http institution = as(keys.institution(42, Scope.INGEST).plaintext());
        String withinBudget = Events.batch("p1", 30, 42, AT);
        String overBudget = Events.batch("p2", 50, 42, AT);
        String brokenAfterTheBudget = overBudget.substring(0, overBudget.length() - 1) + ", {not json at all";

        Http.Reply tooLarge = institution.post("/v1/events/batch", "application/json", brokenAfterTheBudget);
        assertThat(institution.post("/v1/events/batch", "application/json", withinBudget).status()).isEqualTo(200);
        Http.Reply overWhatIsLeft = institution.post("/v1/events/batch", "application/json", brokenAfterTheBudget);

        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.json().get("message").asText()).contains("at most 50 events per second");
        // 429 with what is left of the second's budget (about 20); 413 if the first write took a whole second to commit.
        assertThat(overWhatIsLeft.status()).as(overWhatIsLeft.body()).isIn(429, 413);
        if (overWhatIsLeft.status() == 429) {
            assertThat(overWhatIsLeft.header("Retry-After")).isNotNull();
        }
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(30);
    }

    @Test
    void adminKeysAreNotLimitedByDefault() {
        Http admin = new Http(APP.getLocalPort());

        for (int i = 0; i < 10; i++) {
            assertThat(admin.post("/v1/events/batch", "application/json", Events.batch("adm" + i, 100, 42, AT)).status())
                    .isEqualTo(200);
        }
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(1000);
    }

    @Test
    void eachEmbedTokenHasARequestRateOfItsOwn() {
        Http admin = new Http(APP.getLocalPort());
        Http leaked = as(admin.post("/v1/institutions/42/embed-tokens", "application/json", "{}").json().get("token").asText());
        Http other = as(admin.post("/v1/institutions/42/embed-tokens", "application/json", "{}").json().get("token").asText());

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(leaked.get(SUMMARY).status());
        }
        Http.Reply otherReply = other.get(SUMMARY);

        assertThat(statuses).contains(429);
        assertThat(otherReply.status()).isEqualTo(200);
        Http.Reply refused = leaked.get(SUMMARY);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("message").asText()).contains("this embed token may send 3 requests per second");
    }

    @Test
    void anAddressThatKeepsFailingAuthenticationIsRefusedBeforeAnyLookUp() throws InterruptedException {
        Http valid = as(keys.institution(42, Scope.READ).plaintext());
        assertThat(valid.get(SUMMARY).status()).isEqualTo(200);

        Http.Reply unknown = as("guess-1-0123456789abcdef0123456789abcdef").get(SUMMARY);
        Http.Reply nextGuess = as("guess-2-0123456789abcdef0123456789abcdef").get(SUMMARY);
        Http.Reply refused = valid.get(SUMMARY);

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(nextGuess.status()).isEqualTo(429);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.json().get("message").asText()).contains("too many failed authentications from this address");
        Thread.sleep(1_500); // the address's bucket refills: later tests start with it full
        assertThat(valid.get(SUMMARY).status()).isEqualTo(200);
    }
}
