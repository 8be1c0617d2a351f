-- A recompute's monthly geography, rebuilt from the daily rows of the months it touched.
INSERT INTO monthly_geo (institution_id, month, location, credentials_issued, recipients)
SELECT institution_id, analytics_month(day), location, sum(credentials_issued), hll_union_agg(recipients)
FROM daily_geo
WHERE institution_id = :institution_id AND day >= :from_ts AND day < :to_ts AND import_id = 0
GROUP BY institution_id, analytics_month(day), location
