-- As platformGeo.hll.sql (months, edge days and the tail), without hll: unique recipient ids counted exactly.
WITH buckets AS (
    SELECT institution_id, location, credentials_issued
    FROM monthly_geo
    WHERE month >= :months_from_ts AND month < :months_to_ts
    UNION ALL
    SELECT institution_id, location, credentials_issued
    FROM daily_geo
    WHERE day >= :from_ts AND day < :to_ts AND (day < :months_from_ts OR day >= :months_to_ts)
    UNION ALL
    SELECT institution_id, analytics_location(metadata), count(*)
    FROM analytics_events
    WHERE event_type = 'credential_issued'
      AND id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
      AND id > :progress_hint -- redundant (an older progress), but lets the planner see the tail is small
      AND issued_at >= :from_ts AND issued_at < :to_ts
    GROUP BY 1, 2
), counts AS (
    SELECT location, sum(credentials_issued)::bigint AS credentials_issued FROM buckets GROUP BY location
), uniques AS (
    SELECT analytics_location(metadata) AS location,
           count(DISTINCT metadata ->> 'recipient_id') AS unique_recipients
    FROM analytics_events
    WHERE event_type = 'credential_issued' AND issued_at >= :from_ts AND issued_at < :to_ts
    GROUP BY 1
)
SELECT c.location, c.credentials_issued, COALESCE(u.unique_recipients, 0) AS unique_recipients
FROM counts c
LEFT JOIN uniques u ON u.location = c.location
ORDER BY c.credentials_issued DESC, c.location
LIMIT :limit
