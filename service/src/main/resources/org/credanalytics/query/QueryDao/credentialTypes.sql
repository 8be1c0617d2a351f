-- Issued credentials by credential type for one institution, read as geo.sql reads locations.
WITH buckets AS (
    SELECT credential_type, credentials_issued
    FROM monthly_credential_types
    WHERE institution_id = :institutionId AND month >= :monthsFrom AND month < :monthsTo
    UNION ALL
    SELECT credential_type, credentials_issued
    FROM <grain>_credential_types g
    WHERE institution_id = :institutionId AND <bucket> >= :from AND <bucket> < :to
      AND (<bucket> < :monthsFrom OR <bucket> >= :monthsTo)
      AND NOT EXISTS (SELECT 1 FROM unnest(:splitHours) AS s (hour) WHERE s.hour = g.<bucket>)
    UNION ALL
    SELECT credential_type, credentials_issued
    FROM unnest(:splitHours) AS s (hour)
    JOIN quarter_hourly_credential_types q
      ON q.institution_id = :institutionId AND q.quarter_hour >= s.hour AND q.quarter_hour < s.hour + INTERVAL '1 hour'
    WHERE q.quarter_hour >= :from AND q.quarter_hour < :to
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
