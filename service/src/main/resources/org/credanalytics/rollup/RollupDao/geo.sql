-- Merges the staged quarter-hour issued credentials by location into the per-<bucket> rollup.
INSERT INTO <grain>_geo AS r (institution_id, <bucket>, location, credentials_issued, recipients, import_id)
SELECT institution_id, analytics_<bucket>(quarter_hour), location, sum(credentials_issued), hll_union_agg(recipients),
       import_id
FROM rollup_staged_geo
GROUP BY institution_id, analytics_<bucket>(quarter_hour), location, import_id
ON CONFLICT (institution_id, <bucket>, location, import_id) DO UPDATE SET
    credentials_issued = r.credentials_issued + EXCLUDED.credentials_issued,
    recipients = hll_union(COALESCE(r.recipients, hll_empty()), COALESCE(EXCLUDED.recipients, hll_empty()))
