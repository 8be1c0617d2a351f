package org.credanalytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.credanalytics.ingest.BatchWriter;
import org.credanalytics.ingest.Event;
import org.credanalytics.ingest.EventKey;
import org.credanalytics.query.EventOracle.Expected;
import org.credanalytics.query.EventOracle.Stored;
import org.credanalytics.query.QueryResponses.Activity;
import org.credanalytics.query.QueryResponses.ActivityPoint;
import org.credanalytics.rollup.LocalDayZones;
import org.credanalytics.rollup.RollupStep;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.TestDatabase;
import org.credanalytics.testing.Writers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomized: events around DST changes and ISO week, month and year boundaries, with duplicates
 * and late events, rolled up in many small steps with a tail left un-rolled; every dashboard
 * answer must equal what plain Java computes from the same events (uniques within HLL error).
 * One fixed case besides: a rolled-up day that the tail also has, for activity by UTC day.
 */
@ExtendWith(CleanDatabase.class)
class RollupMatchesRawEventsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Whole-hour zones, and zones whose midnight falls inside a UTC hour (+5:30, +5:45, +9:30/+10:30, -3:30/-2:30). */
    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"),
            ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Tokyo"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("Australia/Adelaide"), ZoneId.of("America/St_Johns"));
    /**
     * Zones whose local days are kept: maintained by every step from the start, and two registered
     * after most events were rolled up (Adelaide and St John's change their offsets in the windows).
     * Asia/Kolkata stays in both: the suite's test app keeps it (test-config.yml).
     */
    static final List<ZoneId> KEPT_FROM_THE_START = List.of(ZoneId.of("Asia/Kolkata"), ZoneId.of("America/New_York"));
    static final List<ZoneId> KEPT_AT_THE_END = List.of(ZoneId.of("Asia/Kolkata"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Adelaide"), ZoneId.of("America/St_Johns"));
    /** The fixed case's institution; the randomized events use 1 to 4. */
    private static final long FIXED_INSTITUTION = 77;
    private static final long[] INSTITUTIONS = {1, 2, 3, 4};
    static final String[][] WINDOWS = {
            {"2025-12-27T00:00:00Z", "2026-01-06T00:00:00Z"}, // year end, ISO week 1 of 2026
            {"2026-01-30T00:00:00Z", "2026-02-02T00:00:00Z"},
            {"2026-02-27T00:00:00Z", "2026-03-11T00:00:00Z"}, // US DST starts 2026-03-08
            {"2026-03-27T00:00:00Z", "2026-04-01T00:00:00Z"}, // EU DST starts 2026-03-29
            {"2026-04-02T00:00:00Z", "2026-04-08T00:00:00Z"}, // Adelaide's DST ends 2026-04-05
            {"2026-10-01T00:00:00Z", "2026-10-07T00:00:00Z"}, // Adelaide's DST starts 2026-10-04
            {"2026-10-23T00:00:00Z", "2026-11-03T00:00:00Z"}, // EU ends 10-25, US and St John's end 11-01
    };

    private final TestDatabase db = TestDatabase.get();
    private BatchWriter writer;

    /**
     * The tables are empty, but the id sequence goes on from the earlier tests (hundreds of
     * thousands of ids on Citus by now): move the rollup's progress up to it, or the first catch-up
     * would walk there in steps of a few hundred ids (minutes on Citus).
     */
    @BeforeEach
    void start() {
        RollupStep skipToTheSequence = new RollupStep(db.jdbi(), Long.MAX_VALUE / 2);
        assertThat(skipToTheSequence.run(skipToTheSequence.horizon()).rowsWritten()).as("rows of an empty table").isZero();
        writer = Writers.started();
    }

    @AfterEach
    void stop() throws InterruptedException {
        writer.stop();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void dashboardsEqualAggregatesOfTheRawEvents(long seed) throws Exception {
        System.out.println("RollupMatchesRawEventsTest seed=" + seed);
        Random random = new Random(seed);
        RollupStep step = new RollupStep(db.jdbi(), 300);
        Map<EventKey, Stored> stored = new LinkedHashMap<>();
        List<List<Event>> batches = generate(random, stored);
        LocalDayZones.sync(db.jdbi(), KEPT_FROM_THE_START);

        for (int i = 0; i < batches.size(); i++) {
            writer.submit(batches.get(i)).join();
            boolean leaveTail = i >= batches.size() - 2;
            if (!leaveTail && random.nextInt(3) == 0) {
                catchUp(step);
            }
        }
        // Two more zones, whose days are filled from the quarter-hour rollups of what was rolled up so far.
        LocalDayZones localDays = LocalDayZones.sync(db.jdbi(), KEPT_AT_THE_END);

        DashboardQueries queries = DashboardQueries.create(db.jdbi(), localDays);
        EventOracle oracle = new EventOracle(stored.values());
        LocalDate from = LocalDate.parse("2025-12-01");
        LocalDate to = LocalDate.parse("2026-12-01");
        for (ZoneId zone : ZONES) {
            DashboardOracleChecks.assertInstitutionDashboards(queries, oracle, new QueryRange(from, to, zone), INSTITUTIONS);
        }
        // Totals in other zones read whole UTC days and hours at the edges: ranges whose edges hold events.
        DashboardOracleChecks.assertInstitutionDashboards(queries, oracle,
                new QueryRange(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-09"), ZoneId.of("Asia/Kolkata")), INSTITUTIONS);
        DashboardOracleChecks.assertInstitutionDashboards(queries, oracle,
                new QueryRange(LocalDate.parse("2026-10-24"), LocalDate.parse("2026-11-02"), ZoneId.of("America/St_Johns")), INSTITUTIONS);
        // UTC ranges read whole months from the monthly rollups: whole months only; whole months with
        // partial months at both edges; no whole month at all.
        for (QueryRange utc : List.of(new QueryRange(from, to, ZoneId.of("UTC")),
                new QueryRange(LocalDate.parse("2026-02-17"), LocalDate.parse("2026-11-09"), ZoneId.of("UTC")),
                new QueryRange(LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-30"), ZoneId.of("UTC")))) {
            DashboardOracleChecks.assertInstitutionDashboards(queries, oracle, utc, INSTITUTIONS);
            DashboardOracleChecks.assertLeaderboard(queries, oracle, utc);
            DashboardOracleChecks.assertPlatformGeo(queries, oracle, utc);
        }
        catchUp(step);
        assertDailyTable(oracle);
        // the tail, now merged by the steps into the local days of every kept zone
        DashboardOracleChecks.assertInstitutionDashboards(queries, oracle, new QueryRange(from, to, ZoneId.of("America/St_Johns")), INSTITUTIONS);
    }

    /**
     * Activity by day in UTC returns daily rollup rows as they stand, and merges a row with the raw
     * tail only where the tail has the same day and event type: each case on purpose, with the
     * uniques small enough for HLL to count them exactly.
     */
    @Test
    void rolledUpDaysMergeWithTheTailOnlyWhereTheTailHasTheSameDayAndType() {
        writer.submit(List.of(
                issuedTo("r1", "r-1", "2026-05-10T10:00:00Z"),
                issuedTo("r2", "r-2", "2026-05-10T11:00:00Z"),
                fixedEvent("v1", "credential_viewed", "{\"viewer_id\": \"v-1\"}", "2026-05-10T12:00:00Z"),
                issuedTo("r9", "r-9", "2026-05-11T09:00:00Z"))).join();
        catchUp(new RollupStep(db.jdbi(), 1000));
        writer.submit(List.of(
                issuedTo("t1", "r-2", "2026-05-10T15:00:00Z"), // a recipient the rolled-up day already has
                issuedTo("t2", "r-3", "2026-05-10T16:00:00Z"),
                fixedEvent("t3", "credential_shared", "{}", "2026-05-10T17:00:00Z"), // a type the day had not
                issuedTo("t4", "r-5", "2026-05-12T08:00:00Z"))).join(); // a day only the tail has

        List<ActivityPoint> points = DashboardQueries.create(db.jdbi()).activity(FIXED_INSTITUTION,
                new QueryRange(LocalDate.parse("2026-05-10"), LocalDate.parse("2026-05-13"), ZoneId.of("UTC")),
                Granularity.DAY).points();

        assertThat(points).extracting(ActivityPoint::period).containsExactly(
                LocalDate.parse("2026-05-10"), LocalDate.parse("2026-05-11"), LocalDate.parse("2026-05-12"));
        ActivityPoint merged = points.get(0);
        assertThat(merged.credentialsIssued()).isEqualTo(4);
        assertThat(merged.uniqueRecipients()).as("r-1, r-2 and r-3: the union, not 2 + 2").isEqualTo(3);
        assertThat(merged.views()).isEqualTo(1);
        assertThat(merged.uniqueViewers()).isEqualTo(1);
        assertThat(merged.shares()).isEqualTo(1);
        assertThat(points.get(1).credentialsIssued()).isEqualTo(1);
        assertThat(points.get(1).uniqueRecipients()).isEqualTo(1);
        assertThat(points.get(2).credentialsIssued()).isEqualTo(1);
        assertThat(points.get(2).uniqueRecipients()).isEqualTo(1);
    }

    private static Event issuedTo(String id, String recipient, String at) {
        return fixedEvent(id, "credential_issued", "{\"recipient_id\": \"" + recipient + "\"}", at);
    }

    private static Event fixedEvent(String id, String type, String metadata, String at) {
        return new Event(id, type, FIXED_INSTITUTION, Instant.parse(at), metadata.getBytes(StandardCharsets.UTF_8));
    }

    private static void catchUp(RollupStep step) {
        RollupStep.Horizon horizon = step.horizon();
        while (!step.run(horizon).caughtUp()) {
            // several small steps: rollup rows are merged again and again
        }
    }

    private List<List<Event>> generate(Random random, Map<EventKey, Stored> stored) throws Exception {
        List<List<Event>> batches = new ArrayList<>();
        List<Event> all = new ArrayList<>();
        for (int b = 0; b < 14; b++) {
            List<Event> batch = new ArrayList<>();
            boolean lateBatch = b >= 10;
            for (int i = 0; i < 180; i++) {
                if (!all.isEmpty() && random.nextInt(10) == 0) {
                    batch.add(all.get(random.nextInt(all.size()))); // a duplicate, dropped on write
                    continue;
                }
                Event event = event(random, "s" + b + "-" + i, lateBatch ? 0 : random.nextInt(WINDOWS.length));
                all.add(event);
                batch.add(event);
                @SuppressWarnings("unchecked")
                Map<String, Object> metadata = event.metadataJson() == null ? Map.of()
                        : JSON.readValue(event.metadataJson(), Map.class);
                stored.putIfAbsent(event.key(), new Stored(event, metadata));
            }
            batches.add(batch);
        }
        return batches;
    }

    /** Late batches use the first window only, long after it was rolled up. */
    private static Event event(Random random, String id, int window) throws Exception {
        Instant start = Instant.parse(WINDOWS[window][0]);
        long seconds = ChronoUnit.SECONDS.between(start, Instant.parse(WINDOWS[window][1]));
        Instant at = start.plusSeconds((long) (random.nextDouble() * seconds));
        long institution = random.nextInt(10) < 6 ? 1 : 2 + random.nextInt(3);
        String[] types = {"credential_issued", "credential_issued", "credential_issued", "credential_viewed",
                "credential_viewed", "credential_shared", "credential_revoked"};
        String type = types[random.nextInt(types.length)];
        Map<String, Object> metadata = new LinkedHashMap<>();
        switch (type) {
            case "credential_issued" -> {
                metadata.put("recipient_id", "r-" + random.nextInt(120));
                if (random.nextInt(8) != 0) {
                    metadata.put("recipient_location", new String[] {"US", "DE", "JP", "BR", "IN"}[random.nextInt(5)]);
                }
                metadata.put("credential_type", new String[] {"First Aid", "CPR", "Forklift", "Python"}[random.nextInt(4)]);
                int p = random.nextInt(10);
                metadata.put("processing_time_ms", p == 0 ? "slow" : p == 1 ? 12.5 : 100 + random.nextInt(5000));
            }
            case "credential_viewed" -> metadata.put("viewer_id", "v-" + random.nextInt(60));
            default -> metadata.put("note", "x");
        }
        return new Event(id, type, institution, at, JSON.writeValueAsBytes(metadata));
    }







    /** The original design's table, once everything is rolled up, per UTC day. */
    private void assertDailyTable(EventOracle oracle) {
        QueryRange all = new QueryRange(LocalDate.parse("2025-12-01"), LocalDate.parse("2026-12-01"), ZoneId.of("UTC"));
        for (long institution = 1; institution <= 4; institution++) {
            Map<LocalDate, Expected> expected = oracle.activity(institution, all, d -> d);
            long id = institution;
            List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT date, credentials_issued, views, events FROM daily_analytics_rollups WHERE institution_id = :id")
                    .bind("id", id).mapToMap().list());
            assertThat(rows).hasSize(expected.size());
            for (Map<String, Object> row : rows) {
                Expected e = expected.get(((java.sql.Date) row.get("date")).toLocalDate());
                assertThat(((Number) row.get("credentials_issued")).longValue()).isEqualTo(e.issued());
                assertThat(((Number) row.get("views")).longValue()).isEqualTo(e.views());
            }
        }
    }

}
