-- Issued credentials by credential type for one institution, read as geo.sql reads locations.
WITH buckets AS (
    SELECT credential_type, credentials_issued
    FROM monthly_credential_types
    WHERE institution_id = :institutionId AND month >= :monthsFrom AND month < :monthsTo
    UNION ALL
    SELECT credential_type, credentials_issued
    FROM <grain>_credential_types
    WHERE institution_id = :institutionId AND <bucket> >= :from AND <bucket> < :to
      AND (<bucket> < :monthsFrom OR <bucket> >= :monthsTo)
      AND <bucket> <> ALL(:splitHours) -- a constant array: hashed, not scanned per row
    UNION ALL
    SELECT credential_type, credentials_issued
    FROM unnest(:splitHours) AS s (hour)
    -- one index probe per split hour (OFFSET 0 keeps the planner from flattening it into a scan of
    -- the whole range joined to every split hour)
    CROSS JOIN LATERAL (SELECT quarter_hour, credential_type, credentials_issued FROM quarter_hourly_credential_types
                        WHERE institution_id = :institutionId
                          AND quarter_hour >= s.hour AND quarter_hour < s.hour + INTERVAL '1 hour'
                        OFFSET 0) AS q
    WHERE quarter_hour >= :from AND quarter_hour < :to
    UNION ALL
    SELECT analytics_credential_type(metadata), count(*)
    FROM analytics_events
    WHERE institution_id = :institutionId AND event_type = 'credential_issued' AND <unrolled>
      AND issued_at >= :from AND issued_at < :to
    GROUP BY 1
)
SELECT credential_type, sum(credentials_issued)::bigint AS credentials_issued
FROM buckets
GROUP BY credential_type
ORDER BY credentials_issued DESC, credential_type
LIMIT :limit
