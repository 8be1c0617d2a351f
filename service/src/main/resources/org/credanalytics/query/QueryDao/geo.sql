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
    WHERE institution_id = :institutionId AND <bucket> >= :grainFrom AND <bucket> < :grainTo
      AND (<bucket> < :monthsFrom OR <bucket> >= :monthsTo)
      AND <bucket> <> ALL(:splitHours) -- a constant array: hashed, not scanned per row
    UNION ALL
    -- the edge hours: a range in a zone other than UTC reads whole UTC days (<grain> daily) between
    -- [grainFrom, grainTo), and the hours from its start to the first UTC midnight and from the last
    -- one to its end here (both spans empty when <grain> covers the range)
    SELECT location, credentials_issued, recipients
    FROM (VALUES (CAST(:from AS TIMESTAMPTZ), CAST(:grainFrom AS TIMESTAMPTZ)),
                 (CAST(:grainTo AS TIMESTAMPTZ), CAST(:to AS TIMESTAMPTZ))) AS e (lo, hi)
    CROSS JOIN LATERAL (SELECT hour, location, credentials_issued, recipients
                        FROM hourly_geo
                        WHERE institution_id = :institutionId AND hour >= e.lo AND hour < e.hi
                        OFFSET 0) AS h
    WHERE hour <> ALL(:splitHours)
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
