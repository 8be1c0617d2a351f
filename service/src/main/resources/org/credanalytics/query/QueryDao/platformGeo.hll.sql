-- Issued credentials and unique recipients by location across all institutions: whole UTC
-- months from the monthly rollup, the days at the range's edges from the daily one
-- (months_from_ts = months_to_ts when the range holds no whole month), plus the raw tail.
WITH buckets AS (
    SELECT institution_id, location, credentials_issued, recipients
    FROM monthly_geo
    WHERE month >= :months_from_ts AND month < :months_to_ts
    UNION ALL
    SELECT institution_id, location, credentials_issued, recipients
    FROM daily_geo
    WHERE day >= :from_ts AND day < :to_ts AND (day < :months_from_ts OR day >= :months_to_ts)
    UNION ALL
    SELECT institution_id, analytics_location(metadata), count(*), hll_add_agg(hll_hash_text(metadata ->> 'recipient_id'))
    FROM analytics_events
    WHERE event_type = 'credential_issued'
      AND id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
      AND id > :progress_hint -- redundant (an older progress), but lets the planner see the tail is small
      AND issued_at >= :from_ts AND issued_at < :to_ts
    GROUP BY 1, 2
)
SELECT location, sum(credentials_issued)::bigint AS credentials_issued,
       round(hll_cardinality(hll_union_agg(recipients)))::bigint AS unique_recipients
FROM buckets
GROUP BY location
ORDER BY credentials_issued DESC, location
LIMIT :limit
