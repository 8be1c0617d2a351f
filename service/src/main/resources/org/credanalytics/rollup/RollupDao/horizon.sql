-- The newest id handed out so far. Safe as a horizon only once every writer that was running
-- when it was read has finished (see writersInFlight.sql).
SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM analytics_events_id_seq
