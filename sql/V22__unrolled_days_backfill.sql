-- The days of the events already stored: V16 set the rollup job back to 0, so all of them are
-- unrolled until it catches up (data only, in its own migration: see V16).
INSERT INTO unrolled_days (day, written_at)
SELECT DISTINCT (issued_at AT TIME ZONE 'UTC')::date, now() FROM analytics_events
ON CONFLICT (day) DO NOTHING;
