-- As geo.hll.sql, without sketches.
INSERT INTO <grain>_geo AS r (institution_id, <bucket>, location, credentials_issued)
SELECT institution_id, analytics_<bucket>(hour), location, sum(credentials_issued)
FROM rollup_staged_geo
GROUP BY institution_id, analytics_<bucket>(hour), location
ON CONFLICT (institution_id, <bucket>, location) DO UPDATE SET
    credentials_issued = r.credentials_issued + EXCLUDED.credentials_issued
