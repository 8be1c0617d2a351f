-- Merges the staged quarter-hour issued credentials by credential type into the per-<bucket> rollup.
INSERT INTO <grain>_credential_types AS r (institution_id, <bucket>, credential_type, credentials_issued, import_id)
SELECT institution_id, analytics_<bucket>(quarter_hour), credential_type, sum(credentials_issued), import_id
FROM rollup_staged_credential_types
GROUP BY institution_id, analytics_<bucket>(quarter_hour), credential_type, import_id
ON CONFLICT (institution_id, <bucket>, credential_type, import_id) DO UPDATE SET
    credentials_issued = r.credentials_issued + EXCLUDED.credentials_issued
