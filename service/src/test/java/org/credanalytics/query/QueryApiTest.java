package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class QueryApiTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("rollup.interval", "200ms"),
            ConfigOverride.config("queries.statementTimeout", "2s"));

    private Http http;

    @BeforeEach
    void connect() {
        http = new Http(APP.getLocalPort());
    }

    @Test
    void activityListsEveryPeriodWithZerosAndLabelsWeeksByMonday() {
        http.post("/v1/events/batch", "application/json", Events.array(
                Events.issued("a-1", 42, Instant.parse("2026-03-03T10:00:00Z")),
                Events.issued("a-2", 42, Instant.parse("2026-03-17T23:30:00Z"))));

        JsonNode weekly = http.get("/v1/institutions/42/activity?from=2026-03-01&to=2026-04-01&granularity=week&tz=UTC").json();

        assertThat(weekly.get("institution_id").asLong()).isEqualTo(42);
        assertThat(weekly.get("granularity").asText()).isEqualTo("week");
        assertThat(weekly.get("as_of").asText()).isNotBlank();
        assertThat(weekly.get("points")).extracting(p -> p.get("period").asText())
                .containsExactly("2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30");
        assertThat(weekly.get("points")).extracting(p -> p.get("credentials_issued").asLong())
                .containsExactly(0L, 1L, 0L, 1L, 0L, 0L);
        JsonNode point = weekly.get("points").get(1);
        assertThat(point.get("unique_recipients").asLong()).isEqualTo(1);
        assertThat(point.get("avg_processing_time_ms").asDouble()).isEqualTo(950.0);
        assertThat(point.get("events").get("credential_issued").asLong()).isEqualTo(1);
        assertThat(point.has("views") && point.has("shares") && point.has("unique_viewers")).isTrue();
    }

    @Test
    void dayBoundariesFollowTheRequestedTimeZone() {
        // 23:30 UTC on 17 March is already 18 March in Tokyo (UTC+9).
        http.post("/v1/events", "application/json", Events.issued("tz-1", 7, Instant.parse("2026-03-17T23:30:00Z")));

        JsonNode tokyo = http.get("/v1/institutions/7/activity?from=2026-03-17&to=2026-03-19&granularity=day&tz=Asia/Tokyo").json();

        assertThat(tokyo.get("points")).extracting(p -> p.get("credentials_issued").asLong()).containsExactly(0L, 1L);
    }

    @Test
    void everyEndpointAnswers() {
        http.post("/v1/events", "application/json", Events.issued("e-1", 5, Instant.parse("2026-03-03T10:00:00Z")));

        JsonNode summary = http.get("/v1/institutions/5/summary?from=2026-03-01&to=2026-04-01").json();
        JsonNode geo = http.get("/v1/institutions/5/geo?from=2026-03-01&to=2026-04-01").json();
        JsonNode types = http.get("/v1/institutions/5/credential-types?from=2026-03-01&to=2026-04-01&limit=3").json();
        JsonNode leaderboard = http.get("/v1/platform/institutions?from=2026-03-01&to=2026-04-01&limit=20").json();
        JsonNode platformGeo = http.get("/v1/platform/geo?from=2026-03-01&to=2026-04-01").json();

        assertThat(summary.get("credentials_issued").asLong()).isEqualTo(1);
        assertThat(summary.get("top_credential_types").get(0).get("credential_type").asText()).isEqualTo("First Aid");
        assertThat(geo.get("locations").get(0).get("location").asText()).isEqualTo("US");
        assertThat(types.get("credential_types").get(0).get("credentials_issued").asLong()).isEqualTo(1);
        assertThat(leaderboard.get("institutions").get(0).get("institution_id").asLong()).isEqualTo(5);
        assertThat(platformGeo.get("locations").get(0).get("unique_recipients").asLong()).isEqualTo(1);
    }

    /** Acknowledged events are visible at once: the rollups plus the raw tail, while ingest runs. */
    @Test
    void acknowledgedEventsAreVisibleImmediatelyDuringIngestion() {
        AtomicBoolean running = new AtomicBoolean(true);
        CompletableFuture<Void> background = CompletableFuture.runAsync(() -> {
            for (int i = 0; running.get(); i++) {
                http.post("/v1/events/batch", "application/json", Events.batch("bg" + i, 500, 1 + i % 20, Instant.now().minusSeconds(60)));
            }
        });
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        try {
            for (int i = 1; i <= 30; i++) {
                Http.Reply ack = http.post("/v1/events", "application/json",
                        Events.issued("fresh-" + i, 999, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
                assertThat(ack.status()).isEqualTo(200);
                JsonNode summary = http.get("/v1/institutions/999/summary?from=" + today + "&to=" + tomorrow).json();
                assertThat(summary.get("credentials_issued").asLong()).as("after ack %d", i).isEqualTo(i);
            }
        } finally {
            running.set(false);
            background.join();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/v1/institutions/abc/activity?from=2026-03-01&to=2026-04-01 | id",
            "/v1/institutions/0/summary?from=2026-03-01&to=2026-04-01 | id",
            "/v1/institutions/1/activity?from=2026-03-01&to=2026-04-01&tz=Mars/Olympus | tz",
            "/v1/institutions/1/activity?from=2026-04-01&to=2026-03-01 | to",
            "/v1/institutions/1/activity?from=2026-04-01&to=2026-04-01 | to",
            "/v1/institutions/1/activity?from=2020-01-01&to=2026-01-01&granularity=day | granularity",
            "/v1/institutions/1/activity?from=2026-03-01&to=2026-04-01&granularity=hour | granularity",
            "/v1/institutions/1/activity?from=03/01/2026&to=2026-04-01 | from",
            "/v1/institutions/1/geo?to=2026-04-01 | from",
            "/v1/institutions/1/credential-types?from=2026-03-01&to=2026-04-01&limit=0 | limit",
            "/v1/institutions/1/credential-types?from=2026-03-01&to=2026-04-01&limit=ten | limit",
            "/v1/platform/institutions?from=2026-03-01&to=2026-04-01&limit=100000 | limit",
            "/v1/platform/geo?from=2026-03-01&to=2026-04-01&tz=Europe/Berlin | tz",
            "/v1/institutions/1/activity?from=2026-03-01&to=2026-04-01&tz=%2B00:07 | tz",
            "/v1/institutions/1/summary?from=1970-03-01&to=1970-04-01&tz=Africa/Monrovia | tz",
            "/v1/institutions/1/activity?from=2010-01-01&to=2020-01-02&granularity=month | to",
            "/v1/platform/institutions?from=2010-01-01&to=2020-01-02 | to",
            "/v1/institutions/1/summary?from=-999999999-01-01&to=-999999999-02-01 | from",
            "/v1/institutions/1/geo?from=%2B999999999-12-01&to=%2B999999999-12-31&compare=previous_year | from",
            "/v1/institutions/1/activity?from=9999-12-01&to=%2B10000-01-01 | to",
    })
    void badParametersGet400NamingTheParameter(String path, String parameter) {
        Http.Reply reply = http.get(path);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo(parameter);
        assertThat(reply.json().get("message").asText()).isNotBlank();
    }

    @Test
    void zonesWhoseOffsetsAreWholeQuarterHoursAreAllowed() {
        for (String tz : new String[] {"Asia/Kathmandu", "Asia/Kolkata", "%2B05:45", "Africa/Monrovia"}) {
            Http.Reply reply = http.get("/v1/institutions/1/summary?from=2026-03-01&to=2026-04-01&tz=" + tz);
            assertThat(reply.status()).as(tz + ": " + reply.body()).isEqualTo(200);
        }
    }

    @Test
    void aRangeOfTenYearsIsAllowed() {
        assertThat(http.get("/v1/institutions/1/activity?from=2016-01-01&to=2026-01-01&granularity=month").status())
                .isEqualTo(200);
        assertThat(http.get("/v1/platform/geo?from=2016-01-01&to=2026-01-01").status()).isEqualTo(200);
    }

    /**
     * A query still waiting when the query pool's statement_timeout fires is cancelled in the
     * database and answered 503 with Retry-After; the connection goes back to the pool and serves
     * the next query. It waits here on a lock that another session holds on the raw events.
     */
    @Test
    void aQueryPastTheStatementTimeoutIsCancelledWith503AndRetryAfter() {
        http.post("/v1/events", "application/json", Events.issued("slow-1", 9, Instant.parse("2026-03-03T10:00:00Z")));
        String path = "/v1/institutions/9/activity?from=2026-03-01&to=2026-04-01&tz=Asia/Kolkata";
        Http.Reply reply;
        try (Handle locker = TestDatabase.get().jdbi().open()) {
            locker.begin();
            locker.execute("LOCK TABLE analytics_events IN ACCESS EXCLUSIVE MODE");
            reply = http.get(path);
            locker.rollback();
        }

        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isEqualTo("5");
        assertThat(reply.json().get("message").asText()).contains("statement timeout");
        Http.Reply after = http.get(path);
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().get("points")).extracting(p -> p.get("credentials_issued").asLong()).contains(1L);
    }

    @Test
    void weeklySeriesOverThreeYearsIsAllowed() {
        assertThat(http.get("/v1/institutions/1/activity?from=2020-01-01&to=2026-01-01&granularity=week").status()).isEqualTo(200);
    }
}
