-- Issued credentials and unique recipients by recipient location for one institution:
-- whole UTC months from the monthly rollup where the request allows (months_from_ts = months_to_ts
-- otherwise), the rest of the range from the hourly or daily one, plus the raw tail.
WITH buckets AS (
    SELECT location, credentials_issued, recipients
    FROM monthly_geo
    WHERE institution_id = :institution_id AND month >= :months_from_ts AND month < :months_to_ts
    UNION ALL
    SELECT location, credentials_issued, recipients
    FROM <grain>_geo
    WHERE institution_id = :institution_id AND <bucket> >= :from_ts AND <bucket> < :to_ts
      AND (<bucket> < :months_from_ts OR <bucket> >= :months_to_ts)
    UNION ALL
    SELECT analytics_location(metadata), count(*), hll_add_agg(hll_hash_text(metadata ->> 'recipient_id'))
    FROM analytics_events
    WHERE institution_id = :institution_id AND event_type = 'credential_issued'
      AND id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
      AND id > :progress_hint -- redundant (an older progress), but lets the planner see the tail is small
      AND issued_at >= :from_ts AND issued_at < :to_ts
    GROUP BY 1
)
SELECT location, sum(credentials_issued)::bigint AS credentials_issued,
       round(hll_cardinality(hll_union_agg(recipients)))::bigint AS unique_recipients
FROM buckets
GROUP BY location
ORDER BY credentials_issued DESC, location
