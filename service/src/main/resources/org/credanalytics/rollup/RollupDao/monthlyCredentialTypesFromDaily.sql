-- A recompute's monthly credential types, rebuilt from the daily rows of the months it touched.
INSERT INTO monthly_credential_types (institution_id, month, credential_type, credentials_issued)
SELECT institution_id, analytics_month(day), credential_type, sum(credentials_issued)
FROM daily_credential_types
WHERE institution_id = :institution_id AND day >= :from_ts AND day < :to_ts AND import_id = 0
GROUP BY institution_id, analytics_month(day), credential_type
