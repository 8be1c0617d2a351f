package org.credanalytics.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.StoredEvents;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Once every raw event of a range has expired (its partitions dropped), every dashboard endpoint
 * answers exactly what it answered before, from the rollups alone: counts, averages and unique
 * counts, in UTC and in zones whose midnight falls inside a UTC hour. The rollups' sketches are
 * the same bytes. Fixed seed, printed.
 */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class ExpiredRangesTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("rollup.interval", "100ms"));
    private static final long SEED = 15;
    private static final String SKETCHES = """
            SELECT md5(string_agg(institution_id || ' ' || bucket || ' ' || kind || ' ' || sketch::text, ',' ORDER BY 1))
            FROM (SELECT institution_id, quarter_hour AS bucket, event_type AS kind, actors AS sketch FROM quarter_hourly_event_counts
                  UNION ALL SELECT institution_id, hour, event_type, actors FROM hourly_event_counts
                  UNION ALL SELECT institution_id, day, event_type, actors FROM daily_event_counts
                  UNION ALL SELECT institution_id, month, event_type, actors FROM monthly_event_counts
                  UNION ALL SELECT institution_id, day, location, recipients FROM daily_geo
                  UNION ALL SELECT institution_id, month, location, recipients FROM monthly_geo) AS s""";

    private final TestDatabase db = TestDatabase.get();

    @Test
    void everyEndpointAnswersTheSameFromTheRollupsAloneAfterTheRawEventsExpired() throws Exception {
        System.out.println("ExpiredRangesTest seed=" + SEED);
        Http http = new Http(APP.getLocalPort());
        Instant now = Instant.now();
        Random random = new Random(SEED);
        for (int batch = 0; batch < 4; batch++) {
            assertThat(http.post("/v1/events/batch", "application/json", Events.mixed(random, "x" + batch, 800, 1, 3,
                    now.minus(Duration.ofDays(9)), now)).status()).isEqualTo(200);
        }
        StoredEvents stored = new StoredEvents(db.jdbi());
        stored.awaitRollupCaughtUp();
        Map<String, JsonNode> before = answers(http, LocalDate.ofInstant(now, ZoneOffset.UTC));
        String sketchesBefore = sketches();

        PartitionMaintenance maintenance = new PartitionMaintenance(db.jdbi(), APP.getConfiguration().getRetention(),
                db.isCitus(), new RetentionMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
        List<String> dropped = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        maintenance.dropEndedBefore(now.plus(Duration.ofDays(2)), dropped, kept);

        assertThat(kept).as("every event is rolled up").isEmpty();
        assertThat(dropped).hasSizeGreaterThanOrEqualTo(10);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).as("raw events left").isZero();
        assertThat(answers(http, LocalDate.ofInstant(now, ZoneOffset.UTC))).isEqualTo(before);
        assertThat(sketches()).isEqualTo(sketchesBefore);
        assertThat(before.get("/v1/institutions/1/summary?from=%s&to=%s").get("credentials_issued").asLong()).isPositive();
    }

    private String sketches() {
        return db.jdbi().withHandle(h -> h.createQuery(SKETCHES).mapTo(String.class).one());
    }

    /** Every endpoint's answer, without as_of, keyed by its URL pattern. */
    private static Map<String, JsonNode> answers(Http http, LocalDate today) {
        String from = today.minusDays(10).toString();
        String to = today.plusDays(1).toString();
        List<String> urls = new ArrayList<>();
        for (long institution = 1; institution <= 3; institution++) {
            for (String tz : List.of("UTC", "Asia/Kolkata", "America/St_Johns")) {
                for (String granularity : List.of("day", "week", "month")) {
                    urls.add("/v1/institutions/" + institution + "/activity?from=%s&to=%s&granularity=" + granularity
                            + "&tz=" + tz);
                }
                urls.add("/v1/institutions/" + institution + "/summary?from=%s&to=%s&tz=" + tz);
                urls.add("/v1/institutions/" + institution + "/geo?from=%s&to=%s&tz=" + tz);
                urls.add("/v1/institutions/" + institution + "/credential-types?from=%s&to=%s&tz=" + tz);
            }
            urls.add("/v1/institutions/" + institution + "/summary?from=%s&to=%s");
        }
        urls.add("/v1/platform/institutions?from=%s&to=%s");
        urls.add("/v1/platform/geo?from=%s&to=%s");
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String url : urls) {
            Http.Reply reply = http.get(url.formatted(from, to));
            assertThat(reply.status()).as(url).isEqualTo(200);
            ObjectNode answer = (ObjectNode) reply.json();
            answer.remove("as_of");
            answers.put(url, answer);
        }
        return answers;
    }
}
