package org.credanalytics.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * What the database holds, checked against what clients were told: acknowledged events stored
 * exactly once, and rollup tables equal to the same aggregates computed in one GROUP BY over all
 * raw events, independent of the rollup job's steps and progress bookkeeping. The dimensions
 * (hour, location, credential type, processing time) are read with the schema's own SQL functions,
 * which define them for free-form metadata.
 */
public final class StoredEvents {
    private final Jdbi jdbi;

    public StoredEvents(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** How often each event id starting with {@code prefix} is stored. */
    public Map<String, Long> copiesById(String prefix) {
        Map<String, Long> copies = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT event_id, count(*) AS copies FROM analytics_events
                        WHERE starts_with(event_id, :prefix) GROUP BY event_id""")
                .bind("prefix", prefix)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> copies.put(e.getKey(), e.getValue())));
        return copies;
    }

    /** Each of these ids is stored exactly once (others with the prefix may be stored too). */
    public void assertEachStoredOnce(String prefix, Collection<String> ids) {
        Map<String, Long> copies = copiesById(prefix);
        List<String> notOnce = ids.stream().filter(id -> copies.getOrDefault(id, 0L) != 1).limit(20).toList();
        assertThat(notOnce).as("ids not stored exactly once (first 20)").isEmpty();
    }

    /** Every acknowledged id is stored exactly once, and nothing else with this prefix is stored. */
    public void assertStoredExactlyOnce(String prefix, Collection<String> acknowledged) {
        Map<String, Long> copies = copiesById(prefix);
        Set<String> expected = new HashSet<>(acknowledged);
        assertThat(expected).as("acknowledged ids are unique").hasSize(acknowledged.size());
        Set<String> missing = expected.stream().filter(id -> !copies.containsKey(id)).collect(Collectors.toSet());
        Map<String, Long> repeated = copies.entrySet().stream().filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(missing).as("acknowledged but not stored").isEmpty();
        assertThat(repeated).as("stored more than once").isEmpty();
        assertThat(copies.keySet()).as("stored ids are exactly the acknowledged ones").isEqualTo(expected);
    }

    /** Polls until the rollup progress covers every stored event. */
    public void awaitRollupCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!rollupCaughtUp()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the rollup job did not catch up with the stored events");
            }
            Thread.sleep(100);
        }
    }

    private boolean rollupCaughtUp() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
                       >= COALESCE((SELECT max(id) FROM analytics_events), 0)""").mapTo(Boolean.class).one());
    }

    /** Each rollup table, row for row, equals the aggregate of the raw events it is built from. */
    public void assertRollupsEqualRawAggregates() {
        assertSameRows("hourly_event_counts", """
                SELECT institution_id, extract(epoch FROM hour)::bigint, event_type, events,
                       processing_time_ms_sum, processing_time_count
                FROM hourly_event_counts""", """
                SELECT institution_id, extract(epoch FROM date_trunc('hour', issued_at AT TIME ZONE 'UTC'))::bigint,
                       event_type, count(*), COALESCE(sum(analytics_processing_time_ms(metadata)), 0),
                       count(analytics_processing_time_ms(metadata))
                FROM analytics_events GROUP BY 1, 2, 3""");
        assertSameRows("quarter_hourly_event_counts", """
                SELECT institution_id, extract(epoch FROM quarter_hour)::bigint, event_type, events
                FROM quarter_hourly_event_counts""", """
                SELECT institution_id, extract(epoch FROM analytics_quarter_hour(issued_at))::bigint, event_type, count(*)
                FROM analytics_events GROUP BY 1, 2, 3""");
        assertSameRows("hourly_geo", """
                SELECT institution_id, extract(epoch FROM hour)::bigint, location, credentials_issued FROM hourly_geo""", """
                SELECT institution_id, extract(epoch FROM date_trunc('hour', issued_at AT TIME ZONE 'UTC'))::bigint,
                       analytics_location(metadata), count(*)
                FROM analytics_events WHERE event_type = 'credential_issued' GROUP BY 1, 2, 3""");
        assertSameRows("hourly_credential_types", """
                SELECT institution_id, extract(epoch FROM hour)::bigint, credential_type, credentials_issued
                FROM hourly_credential_types""", """
                SELECT institution_id, extract(epoch FROM date_trunc('hour', issued_at AT TIME ZONE 'UTC'))::bigint,
                       analytics_credential_type(metadata), count(*)
                FROM analytics_events WHERE event_type = 'credential_issued' GROUP BY 1, 2, 3""");
        assertSameRows("daily_analytics_rollups", """
                SELECT institution_id, date, credentials_issued, views, shares, events,
                       processing_time_ms_sum, processing_time_count
                FROM daily_analytics_rollups""", """
                SELECT institution_id, (issued_at AT TIME ZONE 'UTC')::date,
                       count(*) FILTER (WHERE event_type = 'credential_issued'),
                       count(*) FILTER (WHERE event_type = 'credential_viewed'),
                       count(*) FILTER (WHERE event_type = 'credential_shared'), count(*),
                       COALESCE(sum(analytics_processing_time_ms(metadata)) FILTER (WHERE event_type = 'credential_issued'), 0),
                       count(analytics_processing_time_ms(metadata)) FILTER (WHERE event_type = 'credential_issued')
                FROM analytics_events GROUP BY 1, 2""");
        if (jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM local_day_zones").mapTo(Long.class).one()) > 0) {
            assertSameRows("local_daily_event_counts", """
                    SELECT institution_id, zone, day, event_type, events, processing_time_ms_sum, processing_time_count
                    FROM local_daily_event_counts""", """
                    SELECT e.institution_id, z.zone, (e.issued_at AT TIME ZONE z.zone)::date, e.event_type, count(*),
                           COALESCE(sum(analytics_processing_time_ms(e.metadata)), 0),
                           count(analytics_processing_time_ms(e.metadata))
                    FROM analytics_events e CROSS JOIN local_day_zones z GROUP BY 1, 2, 3, 4""");
        }
    }

    private void assertSameRows(String table, String rollupSql, String rawSql) {
        Set<String> rollup = rows(rollupSql);
        Set<String> raw = rows(rawSql);
        Set<String> onlyInRollup = new HashSet<>(rollup);
        onlyInRollup.removeAll(raw);
        Set<String> onlyInRaw = new HashSet<>(raw);
        onlyInRaw.removeAll(rollup);
        assertThat(onlyInRollup).as(table + " rows that differ from the raw aggregate").isEmpty();
        assertThat(onlyInRaw).as("raw aggregate rows missing or different in " + table).isEmpty();
        assertThat(rollup).as(table).isNotEmpty();
    }

    private Set<String> rows(String sql) {
        List<String> rows = jdbi.withHandle(h -> h.createQuery(sql).map((rs, ctx) -> {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                Object value = rs.getObject(c);
                row.append(value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(value)).append('|');
            }
            return row.toString();
        }).list());
        Set<String> set = new HashSet<>(rows);
        assertThat(set).as("rows are unique by key").hasSize(rows.size());
        return set;
    }
}
