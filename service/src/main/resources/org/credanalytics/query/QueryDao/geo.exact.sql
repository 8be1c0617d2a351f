-- As geo.hll.sql, without hll: unique recipients counted exactly from the raw events.
WITH buckets AS (
    SELECT location, credentials_issued
    FROM monthly_geo
    WHERE institution_id = :institution_id AND month >= :months_from_ts AND month < :months_to_ts
    UNION ALL
    SELECT location, credentials_issued
    FROM <grain>_geo
    WHERE institution_id = :institution_id AND <bucket> >= :from_ts AND <bucket> < :to_ts
      AND (<bucket> < :months_from_ts OR <bucket> >= :months_to_ts)
    UNION ALL
    SELECT analytics_location(metadata), count(*)
    FROM analytics_events
    WHERE institution_id = :institution_id AND event_type = 'credential_issued'
      AND id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
      AND id > :progress_hint -- redundant (an older progress), but lets the planner see the tail is small
      AND issued_at >= :from_ts AND issued_at < :to_ts
    GROUP BY 1
), counts AS (
    SELECT location, sum(credentials_issued)::bigint AS credentials_issued FROM buckets GROUP BY location
), uniques AS (
    SELECT analytics_location(metadata) AS location, count(DISTINCT metadata ->> 'recipient_id') AS unique_recipients
    FROM analytics_events
    WHERE institution_id = :institution_id AND event_type = 'credential_issued'
      AND issued_at >= :from_ts AND issued_at < :to_ts
    GROUP BY 1
)
SELECT c.location, c.credentials_issued, COALESCE(u.unique_recipients, 0) AS unique_recipients
FROM counts c
LEFT JOIN uniques u ON u.location = c.location
ORDER BY c.credentials_issued DESC, c.location
