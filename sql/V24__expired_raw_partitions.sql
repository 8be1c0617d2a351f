-- Every partition of analytics_events that retention dropped, and where it ended. Raw events are
-- complete from the newest such end on (recompute refuses ranges before it); a day that never had
-- a partition never had events. Written in the transaction that drops the partition.
CREATE TABLE expired_raw_partitions (
    partition  TEXT        PRIMARY KEY,
    ends       TIMESTAMPTZ NOT NULL,
    dropped_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Partitions dropped before this table existed: the rollups hold days older than the oldest
-- partition left, so the raw events before it are gone. (A plain CTE would be a correlated
-- subquery over a distributed table, which Citus refuses.)
DO $$
DECLARE
    oldest TIMESTAMPTZ;
BEGIN
    SELECT min((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)'))[1]::timestamptz)
    INTO oldest
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'analytics_events'::regclass;
    IF oldest IS NOT NULL AND EXISTS (SELECT 1 FROM daily_event_counts WHERE day < oldest) THEN
        INSERT INTO expired_raw_partitions (partition, ends) VALUES ('before ' || oldest, oldest);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_reference_table('expired_raw_partitions');
    END IF;
END
$$;
