package org.credanalytics.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.credanalytics.local.LocalCitusCluster;
import org.credanalytics.local.LocalDatabase;
import org.credanalytics.local.LocalPostgres;
import org.credanalytics.rollup.RollupStep;
import org.credanalytics.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database from before the data lifecycle (schema V12: one unpartitioned events table, rollups
 * by hour, day and month) upgrades to the current schema: V17 to V20 move its events into daily
 * partitions with their ids, V14 and V16 add the quarter-hour grain and have the job rebuild every
 * rollup. After one catch-up, every grain must equal an aggregate of the raw events.
 * Runs on a database of its own (a Citus cluster in the Citus run), because it needs a schema
 * stopped at V12.
 */
class SchemaUpgradeTest {
    private static final String EVENTS = """
            INSERT INTO analytics_events (event_id, event_type, institution_id, issued_at, metadata)
            SELECT 'up-' || g,
                   (ARRAY['credential_issued', 'credential_issued', 'credential_viewed', 'credential_shared'])[1 + g % 4],
                   1 + g % 3,
                   TIMESTAMPTZ '2026-01-27 00:00:00+00' + make_interval(mins => g * 37),
                   jsonb_build_object('recipient_id', 'r-' || g % 40, 'viewer_id', 'v-' || g % 25,
                                      'recipient_location', (ARRAY['US', 'DE', 'IN'])[1 + g % 3],
                                      'credential_type', 'type-' || g % 5, 'processing_time_ms', g % 900)
            FROM generate_series(1, 600) AS g""";

    /** A stale rollup row: the rebuild must not keep it. */
    private static final String STALE_ROLLUP = """
            INSERT INTO hourly_event_counts (institution_id, hour, event_type, events)
            VALUES (1, '2026-01-27 00:00:00+00', 'credential_issued', 1000000)""";

    private static LocalDatabase database;
    private static Jdbi jdbi;
    private static long maxIdBefore;

    @BeforeAll
    static void fillAtV12ThenMigrate() throws Exception {
        database = TestDatabase.citusRequested()
                ? LocalCitusCluster.throwaway("analytics_upgrade", 2, TestDatabase.CITUS_SHARDS)
                : LocalPostgres.throwaway("analytics_upgrade");
        database.start();
        Flyway.configure().dataSource(database.jdbcUrl(), LocalPostgres.SUPERUSER, database.password().value())
                .locations("classpath:db/migration").target("12").load().migrate();
        jdbi = AnalyticsJdbi.install(Jdbi.create(database.jdbcUrl(), LocalPostgres.SUPERUSER, database.password().value()));
        jdbi.useHandle(h -> {
            h.execute(EVENTS);
            h.execute(STALE_ROLLUP);
            h.execute("INSERT INTO rollup_progress (name, last_id) SELECT 'events', max(id) FROM analytics_events");
        });
        maxIdBefore = count("SELECT max(id) FROM analytics_events");
        new DatabaseMigrator(database.jdbcUrl(), LocalPostgres.SUPERUSER, database.password().value()).migrate();
        RollupStep step = new RollupStep(jdbi, 1_000_000);
        step.run(step.horizon());
    }

    @AfterAll
    static void stop() throws Exception {
        database.stop();
    }

    @Test
    void eventsMoveIntoDailyPartitionsWithTheirIds() {
        assertThat(count("SELECT count(*) FROM analytics_events")).isEqualTo(600);
        assertThat(count("SELECT max(id) FROM analytics_events")).isEqualTo(maxIdBefore);
        assertThat(count("SELECT count(*) FROM pg_inherits WHERE inhparent = 'analytics_events'::regclass"))
                .as("a partition per day with events (16 days), plus today's and tomorrow's").isBetween(16L, 18L);
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname = 'analytics_events_unpartitioned'")).isZero();
        long next = jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO analytics_events (event_type, institution_id, issued_at)
                VALUES ('credential_shared', 1, '2026-01-28 10:00:00+00') RETURNING id""").mapTo(Long.class).one());
        assertThat(next).as("ids go on from the old table's").isEqualTo(maxIdBefore + 1);
        jdbi.useHandle(h -> h.execute("DELETE FROM analytics_events WHERE id = ?", next));
    }

    @Test
    void everyGrainIsRebuiltFromTheRawEvents() {
        for (String grain : List.of("quarter_hour", "hour", "day", "month")) {
            assertThat(mismatches("""
                    SELECT institution_id, %1$s AS bucket, event_type, events, processing_time_ms_sum, processing_time_count
                    FROM %2$s_event_counts""".formatted(grain, prefix(grain)), """
                    SELECT institution_id, analytics_%1$s(issued_at), event_type, count(*),
                           sum(analytics_processing_time_ms(metadata)), count(analytics_processing_time_ms(metadata))
                    FROM analytics_events GROUP BY 1, 2, 3""".formatted(grain))).as(grain).isZero();
            assertThat(mismatches("SELECT institution_id, %s, location, credentials_issued FROM %s_geo"
                    .formatted(grain, prefix(grain)), """
                    SELECT institution_id, analytics_%s(issued_at), analytics_location(metadata), count(*)
                    FROM analytics_events WHERE event_type = 'credential_issued' GROUP BY 1, 2, 3""".formatted(grain)))
                    .as(grain).isZero();
            assertThat(mismatches("SELECT institution_id, %s, credential_type, credentials_issued FROM %s_credential_types"
                    .formatted(grain, prefix(grain)), """
                    SELECT institution_id, analytics_%s(issued_at), analytics_credential_type(metadata), count(*)
                    FROM analytics_events WHERE event_type = 'credential_issued' GROUP BY 1, 2, 3""".formatted(grain)))
                    .as(grain).isZero();
        }
    }

    @Test
    void sketchesCountTheRawEventsActors() {
        // Forty recipients and 25 viewers at most: small enough for hll to count exactly.
        assertThat(mismatches("""
                SELECT institution_id, month, event_type, round(hll_cardinality(actors))::bigint
                FROM monthly_event_counts WHERE event_type <> 'credential_shared'""", """
                SELECT institution_id, analytics_month(issued_at), event_type,
                       count(DISTINCT analytics_actor(event_type, metadata))
                FROM analytics_events WHERE event_type <> 'credential_shared' GROUP BY 1, 2, 3""")).isZero();
    }

    @Test
    void theOriginalDailyTableIsAViewOfTheDailyRollups() {
        assertThat(count("SELECT count(*) FROM pg_views WHERE viewname = 'daily_analytics_rollups'")).isOne();
        assertThat(mismatches("SELECT institution_id, date, credentials_issued, views, shares, events FROM daily_analytics_rollups", """
                SELECT institution_id, (issued_at AT TIME ZONE 'UTC')::date,
                       count(*) FILTER (WHERE event_type = 'credential_issued'),
                       count(*) FILTER (WHERE event_type = 'credential_viewed'),
                       count(*) FILTER (WHERE event_type = 'credential_shared'), count(*)
                FROM analytics_events GROUP BY 1, 2""")).isZero();
    }

    private static String prefix(String bucket) {
        return switch (bucket) {
            case "quarter_hour" -> "quarter_hourly";
            case "hour" -> "hourly";
            case "day" -> "daily";
            default -> "monthly";
        };
    }

    /** Rows in either result but not the other. */
    private static long mismatches(String actual, String expected) {
        return count("SELECT count(*) FROM ((%1$s EXCEPT ALL %2$s) UNION ALL (%2$s EXCEPT ALL %1$s)) AS d"
                .formatted(actual, expected));
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> count(h, sql));
    }

    private static long count(Handle h, String sql) {
        return h.createQuery(sql).mapTo(Long.class).one();
    }
}
