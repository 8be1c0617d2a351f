-- Rebuilds every rollup from the raw events (see V14): empties them and sets the job's progress
-- back to 0. Data only, in its own migration (DDL and writes on distributed tables don't mix in one
-- transaction on Citus). The progress row is locked first, so a rollup step of a service still
-- running the previous version can't add to the tables meanwhile.
SELECT last_id FROM rollup_progress WHERE name = 'events' FOR UPDATE;

TRUNCATE quarter_hourly_event_counts, hourly_event_counts, daily_event_counts, monthly_event_counts,
         quarter_hourly_geo, hourly_geo, daily_geo, monthly_geo,
         quarter_hourly_credential_types, hourly_credential_types, daily_credential_types, monthly_credential_types;

UPDATE rollup_progress SET last_id = 0, updated_at = now() WHERE name = 'events';
