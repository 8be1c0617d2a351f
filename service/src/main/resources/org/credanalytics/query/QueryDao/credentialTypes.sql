-- Issued credentials by credential type for one institution:
-- whole UTC months from the monthly rollup where the request allows (months_from_ts = months_to_ts
-- otherwise), the rest of the range from the hourly or daily one, plus the raw tail.
WITH buckets AS (
    SELECT credential_type, credentials_issued
    FROM monthly_credential_types
    WHERE institution_id = :institution_id AND month >= :months_from_ts AND month < :months_to_ts
    UNION ALL
    SELECT credential_type, credentials_issued
    FROM <grain>_credential_types
    WHERE institution_id = :institution_id AND <bucket> >= :from_ts AND <bucket> < :to_ts
      AND (<bucket> < :months_from_ts OR <bucket> >= :months_to_ts)
    UNION ALL
    SELECT analytics_credential_type(metadata), count(*)
    FROM analytics_events
    WHERE institution_id = :institution_id AND event_type = 'credential_issued'
      AND id > COALESCE((SELECT last_id FROM rollup_progress WHERE name = 'events'), 0)
      AND id > :progress_hint -- redundant (an older progress), but lets the planner see the tail is small
      AND issued_at >= :from_ts AND issued_at < :to_ts
    GROUP BY 1
)
SELECT credential_type, sum(credentials_issued)::bigint AS credentials_issued
FROM buckets
GROUP BY credential_type
ORDER BY credentials_issued DESC, credential_type
LIMIT :limit
