-- Issued credentials by credential type for one institution, read as geo.sql reads locations.
WITH buckets AS (
    $readPlan(family="credential_types", columns="credential_type, credentials_issued",
              tailKeys={analytics_credential_type(metadata)}, tailValues={count(*)},
              tailFilter={event_type = 'credential_issued'})$
)
SELECT credential_type, sum(credentials_issued)::bigint AS credentials_issued
FROM buckets
GROUP BY credential_type
ORDER BY credentials_issued DESC, credential_type
LIMIT :limit
