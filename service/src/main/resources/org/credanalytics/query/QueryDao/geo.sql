-- Issued credentials and unique recipients by recipient location for one institution, read as
-- readPlan.stg composes it: whole UTC months, the rest of the range from the hourly or daily
-- rollup, the split hours from the quarter-hour one, plus the raw tail.
WITH buckets AS (
    $readPlan(family="geo", columns="location, credentials_issued, recipients",
              tailKeys={analytics_location(metadata)},
              tailValues={count(*), hll_add_agg(hll_hash_text(metadata ->> 'recipient_id'))},
              tailFilter={event_type = 'credential_issued'})$
)
SELECT location, sum(credentials_issued)::bigint AS credentials_issued,
       round(hll_cardinality(hll_union_agg(recipients)))::bigint AS unique_recipients
FROM buckets
GROUP BY location
ORDER BY credentials_issued DESC, location
