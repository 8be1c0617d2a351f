-- Events per tenant, all time: the monthly rollup plus the raw tail beyond the rollup job's
-- progress, so the counts are exact without scanning the raw events. Returns the tenants with the
-- most events, each row carrying the events of all tenants. per_tenant is grouped by
-- institution_id, so on Citus it runs on the workers; the coordinator ranks and sums its rows.
WITH counted AS (
    SELECT institution_id, events
    FROM monthly_event_counts
    UNION ALL
    SELECT institution_id, count(*)
    FROM analytics_events
    WHERE <unrolled>
    GROUP BY institution_id
), per_tenant AS (
    SELECT institution_id, sum(events)::bigint AS events
    FROM counted
    GROUP BY institution_id
)
SELECT institution_id, events, (SELECT sum(events) FROM per_tenant)::bigint AS all_tenants_events
FROM per_tenant
ORDER BY events DESC, institution_id
LIMIT :limit
