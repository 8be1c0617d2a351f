-- Issued credentials and unique recipients by location across all institutions: whole UTC
-- months from the monthly rollup, the days at the range's edges from the daily one
-- (monthsFrom = monthsTo when the range holds no whole month), plus the raw tail.
WITH buckets AS (
    SELECT institution_id, location, credentials_issued, recipients
    FROM monthly_geo
    WHERE month >= :monthsFrom AND month < :monthsTo
    UNION ALL
    SELECT institution_id, location, credentials_issued, recipients
    FROM daily_geo
    WHERE day >= :from AND day < :to AND (day < :monthsFrom OR day >= :monthsTo)
    UNION ALL
    SELECT institution_id, analytics_location(metadata), count(*), hll_add_agg(hll_hash_text(metadata ->> 'recipient_id'))
    FROM analytics_events
    WHERE event_type = 'credential_issued'
      AND <unrolled>
      AND issued_at >= :from AND issued_at < :to
    GROUP BY 1, 2
)
SELECT location, sum(credentials_issued)::bigint AS credentials_issued,
       round(hll_cardinality(hll_union_agg(recipients)))::bigint AS unique_recipients
FROM buckets
GROUP BY location
ORDER BY credentials_issued DESC, location
LIMIT :limit
