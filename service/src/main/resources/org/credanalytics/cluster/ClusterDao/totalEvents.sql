-- Events of all tenants, counted as in tenantEvents.sql. Summing per-tenant totals keeps the
-- inner query grouped by institution_id, so on Citus it runs on the workers.
WITH counted AS (
    SELECT institution_id, events::bigint AS events
    FROM daily_analytics_rollups
    UNION ALL
    SELECT institution_id, count(*)
    FROM analytics_events
    WHERE id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
    GROUP BY institution_id
), per_tenant AS (
    SELECT institution_id, sum(events) AS events
    FROM counted
    GROUP BY institution_id
)
SELECT COALESCE(sum(events), 0)::bigint FROM per_tenant
