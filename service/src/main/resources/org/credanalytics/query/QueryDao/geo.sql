-- Issued credentials and unique recipients by recipient location for one institution: whole UTC
-- months from the monthly rollup where the request allows (monthsFrom = monthsTo otherwise), the
-- rest of the range from the hourly or daily one, the split hours (a range end inside a UTC hour)
-- from the quarter-hour one, plus the raw tail. As activity.sql.
WITH buckets AS (
    SELECT location, credentials_issued, recipients
    FROM monthly_geo
    WHERE institution_id = :institutionId AND month >= :monthsFrom AND month < :monthsTo
    UNION ALL
    SELECT location, credentials_issued, recipients
    FROM <grain>_geo
    WHERE institution_id = :institutionId AND <bucket> >= :from AND <bucket> < :to
      AND (<bucket> < :monthsFrom OR <bucket> >= :monthsTo)
      AND <bucket> <> ALL(:splitHours) -- a constant array: hashed, not scanned per row
    UNION ALL
    SELECT location, credentials_issued, recipients
    FROM unnest(:splitHours) AS s (hour)
    -- one index probe per split hour (OFFSET 0 keeps the planner from flattening it into a scan of
    -- the whole range joined to every split hour)
    CROSS JOIN LATERAL (SELECT quarter_hour, location, credentials_issued, recipients FROM quarter_hourly_geo
                        WHERE institution_id = :institutionId
                          AND quarter_hour >= s.hour AND quarter_hour < s.hour + INTERVAL '1 hour'
                        OFFSET 0) AS q
    WHERE quarter_hour >= :from AND quarter_hour < :to
    UNION ALL
    SELECT analytics_location(metadata), count(*), hll_add_agg(hll_hash_text(metadata ->> 'recipient_id'))
    FROM analytics_events
    WHERE institution_id = :institutionId AND event_type = 'credential_issued' AND <unrolled>
      AND issued_at >= :from AND issued_at < :to
    GROUP BY 1
)
SELECT location, sum(credentials_issued)::bigint AS credentials_issued,
       round(hll_cardinality(hll_union_agg(recipients)))::bigint AS unique_recipients
FROM buckets
GROUP BY location
ORDER BY credentials_issued DESC, location
