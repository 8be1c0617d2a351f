-- The newest id handed out so far, and when it was read. Safe as a horizon only once every writer
-- that was running when it was read has finished (see writersInFlight.sql).
SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS id, statement_timestamp() AS read_at
FROM analytics_events_id_seq
