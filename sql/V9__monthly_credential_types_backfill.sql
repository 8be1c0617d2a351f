-- Fills monthly_credential_types from the daily table for databases that already hold data.
-- Locking the progress row keeps a rollup step of another instance from adding to one table and
-- not the other meanwhile. Data only, in its own migration (see V6).
SELECT last_id FROM rollup_progress WHERE name = 'events' FOR UPDATE;

INSERT INTO monthly_credential_types (institution_id, month, credential_type, credentials_issued)
SELECT institution_id, analytics_month(day), credential_type, sum(credentials_issued)
FROM daily_credential_types
GROUP BY institution_id, analytics_month(day), credential_type;
