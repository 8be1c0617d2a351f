-- The newest id that no transaction can still be writing: run while holding
-- LOCK analytics_events IN EXCLUSIVE MODE, which waits for every in-flight writer to finish.
SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM analytics_events_id_seq
