package org.credanalytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CleanDatabase.class)
class RollupStepTest {
    static final String ROLLED_UP = "SELECT COALESCE(sum(events), 0) FROM hourly_event_counts";
    static final String RAW = "SELECT count(*) FROM analytics_events";

    private final TestDatabase db = TestDatabase.get();
    private final RollupStep step = new RollupStep(db.jdbi(), 1_000_000);

    @Test
    void aggregatesEachEventOnceAcrossSteps() {
        insert(1, 500, "2026-03-01T10:00:00Z");
        step.run(step.horizon());
        insert(1, 300, "2026-03-01T10:30:00Z");
        step.run(step.horizon());
        step.run(step.horizon());

        assertThat(db.count(ROLLED_UP)).isEqualTo(800);
        assertThat(db.count("SELECT events FROM hourly_event_counts")).isEqualTo(800);
    }

    @Test
    void lateEventsUpdateTheirOldPeriod() {
        insert(2, 10, "2026-03-01T10:00:00Z");
        step.run(step.horizon());
        insert(2, 5, "2026-01-15T08:00:00Z");
        insert(2, 1, "2026-03-01T10:59:59Z");
        step.run(step.horizon());

        assertThat(db.count("SELECT events FROM hourly_event_counts WHERE hour = '2026-03-01T10:00:00Z'")).isEqualTo(11);
        assertThat(db.count("SELECT events FROM hourly_event_counts WHERE hour = '2026-01-15T08:00:00Z'")).isEqualTo(5);
        assertThat(db.count("SELECT credentials_issued FROM daily_analytics_rollups WHERE date = '2026-01-15'")).isEqualTo(5);
    }

    @Test
    void daysAnnouncedLongerThanTenMinutesBeforeACaughtUpHorizonAreForgotten() {
        db.jdbi().useHandle(h -> h.execute("""
                INSERT INTO unrolled_days (day, written_at) VALUES
                    ('2034-01-01', now() - INTERVAL '11 minutes'), ('2034-01-02', now() - INTERVAL '9 minutes')
                ON CONFLICT (day) DO UPDATE SET written_at = EXCLUDED.written_at"""));
        RollupStep.Horizon horizon = step.horizon();
        step.run(horizon);

        step.forgetRolledUpDays(horizon);

        assertThat(db.count("SELECT count(*) FROM unrolled_days WHERE day = '2034-01-01'")).isZero();
        assertThat(db.count("SELECT count(*) FROM unrolled_days WHERE day = '2034-01-02'")).isOne();
        db.jdbi().useHandle(h -> h.execute("DELETE FROM unrolled_days WHERE day >= '2034-01-01'"));
    }

    @Test
    void everyMergedRowKeepsItsSketchesEstimate() {
        insert(4, 300, "2026-03-01T10:00:00Z");
        step.run(step.horizon());
        insert(4, 200, "2026-03-01T10:20:00Z");
        insert(4, 50, "2026-03-02T09:00:00Z");
        step.run(step.horizon());

        for (String table : List.of("quarter_hourly_event_counts", "hourly_event_counts", "daily_event_counts",
                "monthly_event_counts")) {
            assertThat(db.count("SELECT count(*) FROM " + table + " WHERE actors_estimate IS NOT NULL")).as(table).isPositive();
            assertThat(db.count("SELECT count(*) FROM " + table
                    + " WHERE actors_estimate IS DISTINCT FROM hll_cardinality(actors)")).as(table).isZero();
        }
    }

    @Test
    void aStepKilledMidwayLeavesNoTraceAndTheNextStepCountsEverythingOnce() throws Exception {
        insert(3, 1_000, "2026-03-01T10:00:00Z");
        CompletableFuture<RollupStep.Result> killed;
        try (Connection blocker = connect()) {
            blocker.setAutoCommit(false);
            // The step writes the finer grains, then waits here on the monthly table, mid-transaction.
            blocker.createStatement().execute("LOCK TABLE monthly_event_counts IN ACCESS EXCLUSIVE MODE");
            RollupStep.Horizon horizon = step.horizon();
            killed = CompletableFuture.supplyAsync(() -> step.run(horizon));
            awaitBlockedStep();
            db.jdbi().useHandle(h -> h.execute("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE query LIKE '%INSERT INTO monthly_event_counts%' AND pid <> pg_backend_pid()"""));
            blocker.rollback();
        }
        assertThat(killed).failsWithin(Duration.ofSeconds(30));

        assertThat(db.count(ROLLED_UP)).isZero();
        assertThat(db.count("SELECT COALESCE(sum(last_id), 0) FROM rollup_progress")).isZero();
        step.run(step.horizon());
        assertThat(db.count(ROLLED_UP)).isEqualTo(1_000);
        assertThat(db.count("SELECT credentials_issued FROM daily_analytics_rollups")).isEqualTo(1_000);
    }

    /**
     * Writers commit out of id order (long and short transactions interleave) while the job runs
     * continuously; without the horizon lock the job would pass ids still in flight and lose them.
     */
    @Test
    void neverSkipsIdsOfTransactionsStillInFlight() throws Exception {
        db.createPartitions(Instant.now(), Instant.now().plus(Duration.ofDays(1)));
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Integer>> inserted = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int seed = w;
            inserted.add(CompletableFuture.supplyAsync(() -> writeSlowly(seed, writing), writers));
        }
        CompletableFuture<Void> job = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                step.run(step.horizon());
            }
        });
        Thread.sleep(3_000);
        writing.set(false);
        int total = inserted.stream().mapToInt(CompletableFuture::join).sum();
        job.join();
        writers.shutdown();
        step.run(step.horizon());

        assertThat(total).isPositive();
        assertThat(db.count(RAW)).isEqualTo(total);
        assertThat(db.count(ROLLED_UP)).isEqualTo(total);
    }

    private int writeSlowly(int seed, AtomicBoolean writing) {
        Random random = new Random(seed);
        int count = 0;
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO analytics_events (event_type, institution_id, issued_at) VALUES ('credential_issued', ?, now())")) {
                while (writing.get()) {
                    int rows = 1 + random.nextInt(20);
                    for (int i = 0; i < rows; i++) {
                        insert.setLong(1, 1 + random.nextInt(50));
                        insert.executeUpdate();
                    }
                    Thread.sleep(random.nextInt(40)); // hold the ids while others commit newer ones
                    connection.commit();
                    count += rows;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return count;
    }

    private void awaitBlockedStep() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (db.count("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%INSERT INTO monthly_event_counts%' AND pid <> pg_backend_pid()"
                    + " AND wait_event_type = 'Lock'") > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the rollup step never reached the daily table");
    }

    /**
     * Two distinct values per day: in the first step the two most frequent locations take the
     * day's room and the third is 'other'; a later step keeps a value the day already holds and
     * folds a new one; another day has room of its own. Credential types likewise.
     */
    @Test
    void valuesBeyondTheDaysCapAreCountedAsOther() {
        RollupStep capped = new RollupStep(db.jdbi(), 1_000_000, 2);
        insertIssued(9, "2026-03-01T10:00:00Z", "DE", "badge", 5);
        insertIssued(9, "2026-03-01T11:00:00Z", "FR", "degree", 3);
        insertIssued(9, "2026-03-01T12:00:00Z", "IT", "course", 1);
        RollupStep.Result first = capped.run(capped.horizon());
        insertIssued(9, "2026-03-01T13:00:00Z", "FR", "degree", 2);
        insertIssued(9, "2026-03-01T14:00:00Z", "ES", "micro", 4);
        insertIssued(9, "2026-03-02T09:00:00Z", "PT", "course", 1);
        RollupStep.Result second = capped.run(capped.horizon());

        Map<String, String> buckets = Map.of("quarter_hourly", "quarter_hour", "hourly", "hour", "daily", "day",
                "monthly", "month");
        buckets.forEach((grain, bucket) -> {
            String firstDay = " WHERE institution_id = 9 AND " + bucket + " >= '2026-03-01' AND " + bucket + " < '2026-03-02'";
            if (grain.equals("monthly")) {
                firstDay = " WHERE institution_id = 9 AND location <> 'PT'";
            }
            assertThat(rows("SELECT location || '=' || sum(credentials_issued) FROM " + grain + "_geo" + firstDay
                    + " GROUP BY location ORDER BY location")).as(grain).containsExactly("DE=5", "FR=5", "other=5");
        });
        buckets.forEach((grain, bucket) -> {
            String firstDay = " WHERE institution_id = 9 AND " + bucket + " >= '2026-03-01' AND " + bucket + " < '2026-03-02'";
            assertThat(rows("SELECT credential_type || '=' || sum(credentials_issued) FROM " + grain + "_credential_types"
                    + (grain.equals("monthly") ? " WHERE institution_id = 9" : firstDay)
                    + " GROUP BY credential_type ORDER BY credential_type"))
                    .as(grain).containsExactly(grain.equals("monthly")
                            ? new String[] {"badge=5", "course=1", "degree=5", "other=5"}
                            : new String[] {"badge=5", "degree=5", "other=5"});
        });
        assertThat(rows("SELECT location FROM daily_geo WHERE institution_id = 9 AND day = '2026-03-02'")).containsExactly("PT");
        assertThat(first.folded()).containsEntry(RollupDimension.GEO, 1L).containsEntry(RollupDimension.CREDENTIAL_TYPES, 1L);
        assertThat(second.folded()).containsEntry(RollupDimension.GEO, 4L).containsEntry(RollupDimension.CREDENTIAL_TYPES, 4L);
        assertThat(db.count("SELECT count(*) FROM analytics_events WHERE metadata ->> 'recipient_location' = 'IT'"))
                .as("raw events keep their values").isEqualTo(1);
    }

    private List<String> rows(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    /** Asia/Kolkata stays registered at the end: the suite's test app keeps it (test-config.yml). */
    @Test
    void aZonesLocalDaysAreFilledWhenItIsRegisteredKeptByEveryStepAndDroppedWhenNoLongerConfigured() {
        insert(5, 100, "2026-03-01T18:40:00Z"); // 00:10 on 03-02 in Kolkata, 03:40 on 03-02 in Tokyo
        step.run(step.horizon());

        LocalDayZones.sync(db.jdbi(), List.of(ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Tokyo")));
        assertThat(localDay("Asia/Tokyo", "2026-03-02")).as("filled from the quarter hours").isEqualTo(100);

        insert(5, 50, "2026-03-01T18:20:00Z"); // 23:50 on 03-01 in Kolkata, 03:20 on 03-02 in Tokyo
        step.run(step.horizon());
        assertThat(localDay("Asia/Tokyo", "2026-03-02")).isEqualTo(150);
        assertThat(localDay("Asia/Kolkata", "2026-03-01")).isEqualTo(50);
        assertThat(localDay("Asia/Kolkata", "2026-03-02")).isEqualTo(100);

        LocalDayZones kept = LocalDayZones.sync(db.jdbi(), List.of(ZoneId.of("Asia/Kolkata")));
        assertThat(db.count("SELECT count(*) FROM local_daily_event_counts WHERE zone = 'Asia/Tokyo'")).isZero();
        assertThat(db.count("SELECT count(*) FROM local_day_zones WHERE zone = 'Asia/Tokyo'")).isZero();
        assertThat(localDay("Asia/Kolkata", "2026-03-02")).isEqualTo(100);
        assertThat(kept.keeping(ZoneId.of("Asia/Calcutta"))).as("another name, the same rules")
                .contains(ZoneId.of("Asia/Kolkata"));
        assertThat(kept.keeping(ZoneId.of("Asia/Tokyo"))).isEmpty();
    }

    private long localDay(String zone, String day) {
        return db.count("SELECT COALESCE(sum(events), 0) FROM local_daily_event_counts WHERE institution_id = 5"
                + " AND zone = ? AND day = CAST(? AS date)", zone, day);
    }

    private void insertIssued(long institution, String at, String location, String type, int n) {
        db.createPartitions(Instant.parse(at), Instant.parse(at));
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO analytics_events (event_id, event_type, institution_id,"
                        + " issued_at, metadata) SELECT 'cap-' || gen_random_uuid(), 'credential_issued', :institution,"
                        + " CAST(:at AS timestamptz), jsonb_build_object('recipient_id', 'r-' || g,"
                        + " 'recipient_location', CAST(:location AS text), 'credential_type', CAST(:type AS text))"
                        + " FROM generate_series(1, :n) AS g")
                .bind("institution", institution).bind("n", n).bind("at", at).bind("location", location)
                .bind("type", type).execute());
    }

    private void insert(long institution, int n, String at) {
        db.createPartitions(Instant.parse(at), Instant.parse(at));
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO analytics_events (event_id, event_type, institution_id, issued_at, metadata)
                SELECT 'e-' || gen_random_uuid(), 'credential_issued', :institution, CAST(:at AS timestamptz),
                       jsonb_build_object('recipient_id', 'r-' || g % 37, 'processing_time_ms', g)
                FROM generate_series(1, :n) AS g""")
                .bind("institution", institution).bind("n", n).bind("at", at).execute());
    }

    private Connection connect() throws Exception {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        props.setProperty("password", db.password());
        return DriverManager.getConnection(db.url(), props);
    }
}
