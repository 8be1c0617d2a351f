-- The tenants with the most events, all time: the daily rollup plus the raw tail beyond the
-- rollup job's progress, so the counts are exact without scanning the raw events.
WITH counted AS (
    SELECT institution_id, events::bigint AS events
    FROM daily_analytics_rollups
    UNION ALL
    SELECT institution_id, count(*)
    FROM analytics_events
    WHERE id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
    GROUP BY institution_id
)
SELECT institution_id, sum(events)::bigint AS events
FROM counted
GROUP BY institution_id
ORDER BY events DESC, institution_id
LIMIT :limit
