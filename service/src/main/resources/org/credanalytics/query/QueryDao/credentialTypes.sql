-- Issued credentials by credential type for one institution, read as geo.sql reads locations.
WITH buckets AS (
    SELECT credential_type, credentials_issued
    FROM monthly_credential_types
    WHERE institution_id = :institutionId AND month >= :monthsFrom AND month < :monthsTo
    UNION ALL
    SELECT credential_type, credentials_issued
    FROM <grain>_credential_types
    WHERE institution_id = :institutionId AND <bucket> >= :grainFrom AND <bucket> < :grainTo
      AND (<bucket> < :monthsFrom OR <bucket> >= :monthsTo)
      AND <bucket> <> ALL(:splitHours) -- a constant array: hashed, not scanned per row
    UNION ALL
    -- the edge hours: a range in a zone other than UTC reads whole UTC days (<grain> daily) between
    -- [grainFrom, grainTo), and the hours from its start to the first UTC midnight and from the last
    -- one to its end here (both spans empty when <grain> covers the range)
    SELECT credential_type, credentials_issued
    FROM (VALUES (CAST(:from AS TIMESTAMPTZ), CAST(:grainFrom AS TIMESTAMPTZ)),
                 (CAST(:grainTo AS TIMESTAMPTZ), CAST(:to AS TIMESTAMPTZ))) AS e (lo, hi)
    CROSS JOIN LATERAL (SELECT hour, credential_type, credentials_issued
                        FROM hourly_credential_types
                        WHERE institution_id = :institutionId AND hour >= e.lo AND hour < e.hi
                        OFFSET 0) AS h
    WHERE hour <> ALL(:splitHours)
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
