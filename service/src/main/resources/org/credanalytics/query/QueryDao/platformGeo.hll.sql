-- Issued credentials and unique recipients by location across all institutions.
WITH hourly AS (
    SELECT institution_id, location, credentials_issued, recipients
    FROM hourly_geo
    WHERE hour >= :from_ts AND hour < :to_ts
    UNION ALL
    SELECT institution_id, analytics_location(metadata), count(*), hll_add_agg(hll_hash_text(metadata ->> 'recipient_id'))
    FROM analytics_events
    WHERE event_type = 'credential_issued'
      AND id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
      AND issued_at >= :from_ts AND issued_at < :to_ts
    GROUP BY 1, 2
)
SELECT location, sum(credentials_issued)::bigint AS credentials_issued,
       round(hll_cardinality(hll_union_agg(recipients)))::bigint AS unique_recipients
FROM hourly
GROUP BY location
ORDER BY credentials_issued DESC, location
LIMIT :limit
