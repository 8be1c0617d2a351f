package org.credanalytics.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V6 (and V9, for credential types by month) fill the daily and monthly rollups of a database
 * that was rolled up before they existed.
 * Runs on a cluster of its own, because it needs a schema stopped at V4: events are rolled up
 * hourly, as the job did then, and after the remaining migrations every daily and monthly row
 * must equal an aggregate of the raw events.
 */
class DailyMonthlyBackfillTest {
    private static final String EVENTS = """
            INSERT INTO analytics_events (event_id, event_type, institution_id, issued_at, metadata)
            SELECT 'bf-' || g,
                   (ARRAY['credential_issued', 'credential_issued', 'credential_viewed', 'credential_shared'])[1 + g % 4],
                   1 + g % 3,
                   TIMESTAMPTZ '2026-01-27 00:00:00+00' + make_interval(mins => g * 37),
                   jsonb_build_object('recipient_id', 'r-' || g % 40, 'viewer_id', 'v-' || g % 25,
                                      'recipient_location', (ARRAY['US', 'DE', 'IN'])[1 + g % 3],
                                      'credential_type', 'type-' || g % 5, 'processing_time_ms', g % 900)
            FROM generate_series(1, 600) AS g""";

    // The hourly rollups as the job kept them at V4 (the job's own statements have changed since).
    private static final String HOURLY_EVENT_COUNTS_AT_V4 = """
            INSERT INTO hourly_event_counts
                (institution_id, hour, event_type, events, processing_time_ms_sum, processing_time_count, actors)
            SELECT institution_id, analytics_hour(issued_at), event_type, count(*),
                   COALESCE(sum(analytics_processing_time_ms(metadata)), 0), count(analytics_processing_time_ms(metadata)), %s
            FROM analytics_events GROUP BY 1, 2, 3""";
    private static final String HOURLY_GEO_AT_V4 = """
            INSERT INTO hourly_geo (institution_id, hour, location, credentials_issued, recipients)
            SELECT institution_id, analytics_hour(issued_at), analytics_location(metadata), count(*), %s
            FROM analytics_events WHERE event_type = 'credential_issued' GROUP BY 1, 2, 3""";
    private static final String HOURLY_CREDENTIAL_TYPES_AT_V4 = """
            INSERT INTO hourly_credential_types (institution_id, hour, credential_type, credentials_issued)
            SELECT institution_id, analytics_hour(issued_at), analytics_credential_type(metadata), count(*)
            FROM analytics_events WHERE event_type = 'credential_issued' GROUP BY 1, 2, 3""";

    private static LocalPostgres postgres;
    private static Jdbi jdbi;

    @BeforeAll
    static void rollUpHourlyAtV4ThenMigrate() throws Exception {
        postgres = LocalPostgres.throwaway("analytics_backfill");
        postgres.start();
        Flyway.configure().dataSource(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, "")
                .locations("classpath:db/migration").target("4").load().migrate();
        jdbi = Jdbi.create(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, "");
        boolean hll = UniqueCounting.detect(jdbi) == UniqueCounting.HLL;
        jdbi.useTransaction(h -> {
            h.execute(EVENTS);
            h.execute(HOURLY_EVENT_COUNTS_AT_V4.formatted(hll ? "hll_add_agg(hll_hash_text(analytics_actor(event_type, metadata)))" : "NULL"));
            h.execute(HOURLY_GEO_AT_V4.formatted(hll ? "hll_add_agg(hll_hash_text(metadata ->> 'recipient_id'))" : "NULL"));
            h.execute(HOURLY_CREDENTIAL_TYPES_AT_V4);
            h.execute("INSERT INTO rollup_progress (name, last_id) SELECT 'events', max(id) FROM analytics_events");
        });
        new DatabaseMigrator(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, "").migrate();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.stop();
    }

    @Test
    void eventCountsPerDayAndMonthEqualTheRawEvents() {
        for (String grain : List.of("day", "month")) {
            assertThat(mismatches("""
                    SELECT institution_id, %1$s AS bucket, event_type, events, processing_time_ms_sum, processing_time_count
                    FROM %2$s_event_counts""".formatted(grain, prefix(grain)), """
                    SELECT institution_id, analytics_%1$s(issued_at), event_type, count(*),
                           sum(analytics_processing_time_ms(metadata)), count(analytics_processing_time_ms(metadata))
                    FROM analytics_events GROUP BY 1, 2, 3""".formatted(grain))).as(grain).isZero();
        }
    }

    @Test
    void geoAndCredentialTypesPerDayAndMonthEqualTheRawEvents() {
        for (String grain : List.of("day", "month")) {
            assertThat(mismatches("SELECT institution_id, %s, location, credentials_issued FROM %s_geo"
                    .formatted(grain, prefix(grain)), """
                    SELECT institution_id, analytics_%s(issued_at), analytics_location(metadata), count(*)
                    FROM analytics_events WHERE event_type = 'credential_issued' GROUP BY 1, 2, 3""".formatted(grain)))
                    .as(grain).isZero();
        }
        for (String grain : List.of("day", "month")) {
            assertThat(mismatches("SELECT institution_id, %s, credential_type, credentials_issued FROM %s_credential_types"
                    .formatted(grain, prefix(grain)), """
                    SELECT institution_id, analytics_%s(issued_at), analytics_credential_type(metadata), count(*)
                    FROM analytics_events WHERE event_type = 'credential_issued' GROUP BY 1, 2, 3""".formatted(grain)))
                    .as(grain).isZero();
        }
    }

    @Test
    void sketchesAreUnionsOfTheHourlyOnesWhereHllExists() {
        if (UniqueCounting.detect(jdbi) != UniqueCounting.HLL) {
            long sketches = jdbi.withHandle(h -> count(h, "SELECT count(actors) FROM daily_event_counts"));
            assertThat(sketches).isZero();
            return;
        }
        // Forty recipients and 25 viewers at most: small enough for hll to count exactly.
        assertThat(mismatches("""
                SELECT institution_id, month, event_type, round(hll_cardinality(actors))::bigint
                FROM monthly_event_counts WHERE event_type <> 'credential_shared'""", """
                SELECT institution_id, analytics_month(issued_at), event_type,
                       count(DISTINCT analytics_actor(event_type, metadata))
                FROM analytics_events WHERE event_type <> 'credential_shared' GROUP BY 1, 2, 3""")).isZero();
    }

    private static String prefix(String bucket) {
        return "day".equals(bucket) ? "daily" : "monthly";
    }

    /** Rows in either result but not in the other; the rollup side must not be empty. */
    private static long mismatches(String rollup, String raw) {
        return jdbi.withHandle(h -> {
            assertThat(count(h, "SELECT count(*) FROM (" + rollup + ") r")).as(rollup).isPositive();
            return count(h, "SELECT count(*) FROM ((" + rollup + ") EXCEPT ALL (" + raw + ")) a")
                    + count(h, "SELECT count(*) FROM ((" + raw + ") EXCEPT ALL (" + rollup + ")) b");
        });
    }

    private static long count(Handle h, String sql) {
        return h.createQuery(sql).mapTo(Long.class).one();
    }
}
