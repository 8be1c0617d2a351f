package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Instant;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The funnel, period comparison, CSV and conditional GETs, through the real server. */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class DashboardApiTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("rollup.interval", "200ms"));
    static final String MARCH = "from=2026-03-01&to=2026-04-01&tz=UTC";

    private Http http;

    @BeforeEach
    void connect() {
        http = new Http(APP.getLocalPort());
    }

    private static String event(String id, String type, long institution, String at, String metadata) {
        return """
                {"event_id": "%s", "event_type": "%s", "institution_id": %d, "occurred_at": "%s", "metadata": %s}"""
                .formatted(id, type, institution, at, metadata);
    }

    /** March: 4 issued, 6 views, 3 shares; February: 2 issued, 1 view, 0 shares; March 2025: 1 issued. */
    private void ingestEngagement(long institution) {
        String issued = "{\"credential_type\": \"CPR\", \"recipient_id\": \"r-%d\", \"recipient_location\": \"DE\", \"processing_time_ms\": %d}";
        String viewed = "{\"viewer_id\": \"v-%d\"}";
        assertThat(http.post("/v1/events/batch", "application/json", Events.array(
                event("i1", "credential_issued", institution, "2026-03-02T10:00:00Z", issued.formatted(1, 100)),
                event("i2", "credential_issued", institution, "2026-03-03T10:00:00Z", issued.formatted(2, 300)),
                event("i3", "credential_issued", institution, "2026-03-10T10:00:00Z", issued.formatted(3, 500)),
                event("i4", "credential_issued", institution, "2026-03-31T23:59:00Z", issued.formatted(3, 700)),
                event("v1", "credential_viewed", institution, "2026-03-04T10:00:00Z", viewed.formatted(1)),
                event("v2", "credential_viewed", institution, "2026-03-04T11:00:00Z", viewed.formatted(1)),
                event("v3", "credential_viewed", institution, "2026-03-05T10:00:00Z", viewed.formatted(2)),
                event("v4", "credential_viewed", institution, "2026-03-06T10:00:00Z", viewed.formatted(3)),
                event("v5", "credential_viewed", institution, "2026-03-07T10:00:00Z", viewed.formatted(4)),
                event("v6", "credential_viewed", institution, "2026-03-08T10:00:00Z", viewed.formatted(5)),
                event("s1", "credential_shared", institution, "2026-03-09T10:00:00Z", "{}"),
                event("s2", "credential_shared", institution, "2026-03-09T11:00:00Z", "{}"),
                event("s3", "credential_shared", institution, "2026-03-09T12:00:00Z", "{}"),
                event("p1", "credential_issued", institution, "2026-02-10T10:00:00Z", issued.formatted(7, 200)),
                event("p2", "credential_issued", institution, "2026-02-11T10:00:00Z", issued.formatted(8, 200)),
                event("p3", "credential_viewed", institution, "2026-02-12T10:00:00Z", viewed.formatted(9)),
                event("y1", "credential_issued", institution, "2025-03-15T10:00:00Z", issued.formatted(9, 400)))).status())
                .isEqualTo(200);
    }

    @Test
    void funnelCountsEachStepAndTheRatesBetweenThem() {
        ingestEngagement(61);

        JsonNode funnel = http.get("/v1/institutions/61/funnel?" + MARCH).json();
        JsonNode summary = http.get("/v1/institutions/61/summary?" + MARCH).json();

        assertThat(funnel.get("stages")).extracting(s -> s.get("stage").asText()).containsExactly("issued", "viewed", "shared");
        assertThat(funnel.get("stages")).extracting(s -> s.get("count").asLong()).containsExactly(
                summary.get("credentials_issued").asLong(), summary.get("views").asLong(), summary.get("shares").asLong());
        assertThat(funnel.get("stages")).extracting(s -> s.get("count").asLong()).containsExactly(4L, 6L, 3L);
        assertThat(funnel.at("/stages/0/rate_from_previous").isNull()).isTrue();
        assertThat(funnel.at("/stages/0/rate_from_issued").asDouble()).isEqualTo(1.0);
        assertThat(funnel.at("/stages/1/rate_from_previous").asDouble()).isEqualTo(1.5);
        assertThat(funnel.at("/stages/2/rate_from_previous").asDouble()).isEqualTo(0.5);
        assertThat(funnel.at("/stages/2/rate_from_issued").asDouble()).isEqualTo(0.75);
        assertThat(funnel.has("comparison")).isFalse();
    }

    @Test
    void anEmptyFunnelHasNoRates() {
        JsonNode funnel = http.get("/v1/institutions/62/funnel?" + MARCH).json();

        assertThat(funnel.get("stages")).extracting(s -> s.get("count").asLong()).containsExactly(0L, 0L, 0L);
        assertThat(funnel.get("stages")).allSatisfy(stage -> assertThat(stage.get("rate_from_issued").isNull()).isTrue());
    }

    @Test
    void summaryComparedWithThePreviousPeriodAndTheYearBefore() {
        ingestEngagement(63);

        JsonNode summary = http.get("/v1/institutions/63/summary?" + MARCH + "&compare=previous_period").json();

        JsonNode comparison = summary.get("comparison");
        assertThat(comparison.get("compare").asText()).isEqualTo("previous_period");
        assertThat(comparison.get("from").asText()).isEqualTo("2026-02-01"); // whole months: February, not 31 days back
        assertThat(comparison.get("to").asText()).isEqualTo("2026-03-01");
        assertThat(comparison.at("/previous/credentials_issued").asLong()).isEqualTo(2);
        assertThat(comparison.at("/previous/views").asLong()).isEqualTo(1);
        assertThat(comparison.at("/previous/comparison").isMissingNode()).isTrue();
        assertThat(comparison.at("/change_percent/credentials_issued").asDouble()).isEqualTo(100.0);
        assertThat(comparison.at("/change_percent/views").asDouble()).isEqualTo(500.0);
        assertThat(comparison.at("/change_percent/shares").isNull()).isTrue(); // nothing to compare with
        assertThat(comparison.at("/change_percent/avg_processing_time_ms").asDouble()).isEqualTo(100.0); // 400 vs 200

        JsonNode yearly = http.get("/v1/institutions/63/summary?" + MARCH + "&compare=previous_year").json();
        assertThat(yearly.at("/comparison/from").asText()).isEqualTo("2025-03-01");
        assertThat(yearly.at("/comparison/to").asText()).isEqualTo("2025-04-01");
        assertThat(yearly.at("/comparison/previous/credentials_issued").asLong()).isEqualTo(1);
        assertThat(yearly.at("/comparison/change_percent/credentials_issued").asDouble()).isEqualTo(300.0);
    }

    @Test
    void aRangeOfDaysIsComparedWithAsManyDaysBefore() {
        ingestEngagement(64);

        JsonNode activity = http.get("/v1/institutions/64/activity?from=2026-03-02&to=2026-03-04&granularity=day&tz=UTC"
                + "&compare=previous_period").json();

        assertThat(activity.at("/comparison/from").asText()).isEqualTo("2026-02-28");
        assertThat(activity.at("/comparison/to").asText()).isEqualTo("2026-03-02");
        assertThat(activity.at("/comparison/previous/points")).extracting(p -> p.get("period").asText())
                .containsExactly("2026-02-28", "2026-03-01");
        assertThat(activity.at("/comparison/previous/granularity").asText()).isEqualTo("day");
        assertThat(activity.at("/comparison/change_percent/credentials_issued").isNull()).isTrue();

        JsonNode funnel = http.get("/v1/institutions/64/funnel?" + MARCH + "&compare=previous_period").json();
        assertThat(funnel.at("/comparison/previous/stages")).extracting(s -> s.get("count").asLong()).containsExactly(2L, 1L, 0L);
        assertThat(funnel.at("/comparison/change_percent/issued").asDouble()).isEqualTo(100.0);
        assertThat(funnel.at("/comparison/change_percent/viewed").asDouble()).isEqualTo(500.0);
    }

    @Test
    void locationsAndTypesAreComparedByName() {
        ingestEngagement(70);
        String cpr = "{\"credential_type\": \"CPR\", \"recipient_id\": \"r-x\", \"recipient_location\": \"FR\"}";
        String aed = "{\"credential_type\": \"AED\", \"recipient_id\": \"r-y\", \"recipient_location\": \"DE\"}";
        http.post("/v1/events/batch", "application/json", Events.array(
                event("fr", "credential_issued", 70, "2026-03-20T10:00:00Z", cpr),
                event("aed", "credential_issued", 70, "2026-02-20T10:00:00Z", aed)));

        JsonNode geo = http.get("/v1/institutions/70/geo?" + MARCH + "&compare=previous_period").json();
        assertThat(geo.at("/comparison/previous/locations")).extracting(l -> l.get("location").asText()).containsExactly("DE");
        assertThat(geo.at("/comparison/previous/locations/0/credentials_issued").asLong()).isEqualTo(3);
        assertThat(geo.at("/comparison/change_percent/DE").asDouble()).isEqualTo(33.33); // 4 against 3
        assertThat(geo.at("/comparison/change_percent/FR").isNull()).isTrue();           // none in February
        assertThat(http.get("/v1/institutions/70/geo?" + MARCH + "&compare=previous_period&format=csv").body())
                .isEqualTo("location,credentials_issued,unique_recipients,previous_credentials_issued,change_percent\r\n"
                        + "DE,4,3,3,33.33\r\nFR,1,1,,\r\n");

        JsonNode types = http.get("/v1/institutions/70/credential-types?" + MARCH + "&limit=1&compare=previous_period").json();
        assertThat(types.get("credential_types")).extracting(t -> t.get("credential_type").asText()).containsExactly("CPR");
        assertThat(types.at("/comparison/previous/credential_types")).extracting(t -> t.get("credential_type").asText())
                .containsExactly("CPR"); // CPR 2, AED 1 in February: the same limit
        assertThat(types.at("/comparison/change_percent/CPR").asDouble()).isEqualTo(150.0); // 5 against 2
        assertThat(types.has("comparison") && geo.has("comparison")).isTrue();
        assertThat(http.get("/v1/institutions/70/geo?" + MARCH).json().has("comparison")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"previous_week", "PREVIOUS_PERIOD", "1"})
    void anUnknownComparisonIsA400NamingCompare(String compare) {
        Http.Reply reply = http.get("/v1/institutions/1/summary?" + MARCH + "&compare=" + compare);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("compare");
    }

    @Test
    void csvByAcceptHeaderOrFormatParameter() {
        ingestEngagement(65);

        Http.Reply byHeader = http.get("/v1/institutions/65/activity?from=2026-03-01&to=2026-03-04&granularity=day&tz=UTC",
                "Accept", "text/csv");
        Http.Reply byParameter = http.get("/v1/institutions/65/activity?from=2026-03-01&to=2026-03-04&granularity=day&tz=UTC&format=csv");

        assertThat(byHeader.status()).isEqualTo(200);
        assertThat(byHeader.header("Content-Type")).startsWith("text/csv");
        assertThat(byHeader.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"institution-65-activity-by-day-2026-03-01-to-2026-03-04.csv\"");
        assertThat(byHeader.body()).isEqualTo(
                "period,credentials_issued,unique_recipients,avg_processing_time_ms,views,shares,unique_viewers\r\n"
                        + "2026-03-01,0,0,,0,0,0\r\n"
                        + "2026-03-02,1,1,100.0,0,0,0\r\n"
                        + "2026-03-03,1,1,300.0,0,0,0\r\n");
        assertThat(byParameter.body()).isEqualTo(byHeader.body());
        assertThat(http.get("/v1/institutions/65/activity?from=2026-03-01&to=2026-03-04&format=json").header("Content-Type"))
                .startsWith("application/json");
        assertThat(http.get("/v1/institutions/65/summary?" + MARCH).header("Content-Type")).startsWith("application/json");
    }

    @Test
    void csvQuotesFieldsAsRfc4180Says() {
        String metadata = "{\"credential_type\": \"Safety, \\\"Level 2\\\"\\nrefresher\", \"recipient_id\": \"r\", \"recipient_location\": \"Zürich, CH\"}";
        http.post("/v1/events", "application/json", event("q1", "credential_issued", 66, "2026-03-02T10:00:00Z", metadata));

        assertThat(http.get("/v1/institutions/66/credential-types?" + MARCH + "&format=csv").body())
                .isEqualTo("credential_type,credentials_issued\r\n\"Safety, \"\"Level 2\"\"\nrefresher\",1\r\n");
        assertThat(http.get("/v1/institutions/66/geo?" + MARCH + "&format=csv").body())
                .isEqualTo("location,credentials_issued,unique_recipients\r\n\"Zürich, CH\",1,1\r\n");
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAsFormulasGetALeadingQuote() {
        String may = "from=2026-05-01&to=2026-06-01";
        String[] types = {"=1+2", "+1", "-1", "@A1", "\\tcmd", "Forklift"};
        for (int i = 0; i < types.length; i++) {
            String metadata = "{\"credential_type\": \"" + types[i] + "\", \"recipient_id\": \"r" + i
                    + "\", \"recipient_location\": \"=HYPERLINK(1)\"}";
            http.post("/v1/events", "application/json", event("inj" + i, "credential_issued", 168, "2026-05-02T10:00:00Z", metadata));
        }

        assertThat(http.get("/v1/institutions/168/credential-types?" + may + "&format=csv").body().split("\r\n"))
                .contains("'=1+2,1", "'+1,1", "'-1,1", "'@A1,1", "'\tcmd,1", "Forklift,1");
        assertThat(http.get("/v1/institutions/168/geo?" + may + "&format=csv").body())
                .isEqualTo("location,credentials_issued,unique_recipients\r\n'=HYPERLINK(1),6,6\r\n");
        assertThat(http.get("/v1/platform/geo?" + may + "&format=csv").body()).contains("\r\n'=HYPERLINK(1),6,6\r\n");
        assertThat(http.get("/v1/institutions/168/geo?" + may).body()).as("JSON keeps the value as it was sent")
                .contains("\"location\":\"=HYPERLINK(1)\"");
    }

    @Test
    void everyInstitutionEndpointAndComparisonHasACsvForm() {
        ingestEngagement(67);

        assertThat(http.get("/v1/institutions/67/summary?" + MARCH + "&compare=previous_period&format=csv").body())
                .isEqualTo("from,to,tz,credentials_issued,unique_recipients,avg_processing_time_ms,views,shares,unique_viewers,"
                        + "previous_from,previous_to,previous_credentials_issued,previous_unique_recipients,"
                        + "previous_avg_processing_time_ms,previous_views,previous_shares,previous_unique_viewers,"
                        + "change_percent_credentials_issued,change_percent_unique_recipients,"
                        + "change_percent_avg_processing_time_ms,change_percent_views,change_percent_shares,"
                        + "change_percent_unique_viewers\r\n"
                        + "2026-03-01,2026-04-01,UTC,4,3,400.0,6,3,5,2026-02-01,2026-03-01,2,2,200.0,1,0,1,"
                        + "100.0,50.0,100.0,500.0,,400.0\r\n");
        assertThat(http.get("/v1/institutions/67/funnel?" + MARCH + "&compare=previous_period&format=csv").body())
                .isEqualTo("stage,count,rate_from_previous,rate_from_issued,previous_count,change_percent\r\n"
                        + "issued,4,,1.0,2,100.0\r\n"
                        + "viewed,6,1.5,1.5,1,500.0\r\n"
                        + "shared,3,0.5,0.75,0,\r\n");
        assertThat(http.get("/v1/institutions/67/activity?from=2026-03-02&to=2026-03-03&compare=previous_year&format=csv").body())
                .isEqualTo("period,credentials_issued,unique_recipients,avg_processing_time_ms,views,shares,unique_viewers,"
                        + "previous_period,previous_credentials_issued,previous_unique_recipients,"
                        + "previous_avg_processing_time_ms,previous_views,previous_shares,previous_unique_viewers\r\n"
                        + "2026-03-02,1,1,100.0,0,0,0,2025-03-02,0,0,,0,0,0\r\n");
        assertThat(http.get("/v1/platform/institutions?from=2026-03-01&to=2026-04-01&format=csv").body())
                .startsWith("institution_id,credentials_issued,views,shares,events,avg_processing_time_ms\r\n67,4,6,3,13,400.0\r\n");
        assertThat(http.get("/v1/platform/geo?from=2026-03-01&to=2026-04-01&format=csv").body())
                .isEqualTo("location,credentials_issued,unique_recipients\r\nDE,4,3\r\n");
    }

    @Test
    void anUnknownFormatIsA400NamingFormat() {
        Http.Reply reply = http.get("/v1/institutions/1/summary?" + MARCH + "&format=xml");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("format");
    }

    @Test
    void errorsStayJsonWhenCsvIsAskedFor() {
        Http.Reply reply = http.get("/v1/institutions/1/summary?from=2026-03-01&to=nope", "Accept", "text/csv");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("to");
    }

    @Test
    void anUnchangedAnswerIsA304UntilAnEventChangesIt() {
        ingestEngagement(68);
        String path = "/v1/institutions/68/summary?" + MARCH;

        Http.Reply first = http.get(path);
        String tag = first.header("ETag");
        assertThat(tag).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(first.header("Cache-Control")).isEqualTo("private, no-cache");
        assertThat(first.header("Vary")).contains("Accept").contains("Authorization");

        Http.Reply again = http.get(path, "If-None-Match", tag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(tag);
        assertThat(http.get(path, "If-None-Match", "\"other\", W/" + tag).status()).isEqualTo(304);
        assertThat(http.get(path, "If-None-Match", "\"other\"").status()).isEqualTo(200);

        Http.Reply csv = http.get(path + "&format=csv", "If-None-Match", tag);
        assertThat(csv.status()).isEqualTo(200); // another representation, another tag
        assertThat(csv.header("ETag")).isNotEqualTo(tag);

        http.post("/v1/events", "application/json", event("late", "credential_shared", 68, "2026-03-20T10:00:00Z", "{}"));
        Http.Reply changed = http.get(path, "If-None-Match", tag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("shares").asLong()).isEqualTo(4);
        assertThat(changed.header("ETag")).isNotEqualTo(tag);
    }

    @Test
    void theTagDoesNotDependOnAsOf() {
        ingestEngagement(69);
        String path = "/v1/institutions/69/activity?" + MARCH;

        Http.Reply first = http.get(path);
        Http.Reply second = http.get(path);

        assertThat(first.json().get("as_of")).isNotEqualTo(second.json().get("as_of"));
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
    }

    @Test
    void errorsCarryNoTag() {
        Http.Reply reply = http.get("/v1/institutions/1/summary?from=2026-03-01&to=nope");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("ETag")).isNull();
        assertThat(Instant.now()).isNotNull();
    }
}
