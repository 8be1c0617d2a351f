-- Raw events are partitioned by occurred_at (issued_at), one partition per UTC day, so that raw
-- events expire by dropping whole partitions while the rollups stay: see the README's "Data
-- lifecycle". The previous table was renamed by V17; its rows move over in V19, and V20 drops it.
--
-- Keys, because a partitioned table's unique constraints must include its partition key:
--  * deduplication is on (institution_id, event_id, issued_at): an event re-sent with the same id
--    and the same occurred_at lands in the same partition and is stored once;
--  * the primary key leads with id, which the rollup job reads by range: one B-tree probe per
--    partition finds a step's new events whatever the number of partitions (a BRIN index would be
--    scanned whole in every partition). It also takes ingest's inserts at its right edge.
-- On Citus the table is a distributed partitioned table: every partition is distributed by
-- institution_id, co-located with the rollups.
-- Sequential: on Citus, DDL after create_distributed_table in the same transaction (the
-- partitions) must not run over parallel connections.
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';

-- Creates the daily partitions of the given UTC days that don't exist yet; returns how many it
-- created. Used ahead of time by the service's partition maintenance, and by the writer when an
-- event arrives for a day without one. Serialized by an advisory lock, so concurrent callers
-- never race on the same day. lock_timeout: creating a partition locks the parent table, and a
-- caller should rather retry than make every query queue behind it.
CREATE FUNCTION analytics_create_partitions(days DATE[]) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
    day     DATE;
    name    TEXT;
    created INTEGER := 0;
BEGIN
    SET LOCAL lock_timeout = '5s';
    PERFORM pg_advisory_xact_lock(hashtext('analytics_events partitions'));
    FOR day IN SELECT DISTINCT d FROM unnest(days) AS d ORDER BY d LOOP
        name := 'analytics_events_p' || to_char(day, 'YYYYMMDD');
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF analytics_events FOR VALUES FROM (%L) TO (%L)',
                           name, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$$;

CREATE TABLE analytics_events (
    id             BIGSERIAL    NOT NULL,
    event_id       VARCHAR(128),
    event_type     VARCHAR(50)  NOT NULL,
    institution_id BIGINT       NOT NULL,
    issued_at      TIMESTAMPTZ  NOT NULL,
    metadata       JSONB,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT analytics_events_pkey PRIMARY KEY (id, issued_at, institution_id),
    -- Events without a client event_id (NULL) are never deduplicated.
    CONSTRAINT analytics_events_event_id_key UNIQUE (institution_id, event_id, issued_at),
    CONSTRAINT analytics_events_institution_positive CHECK (institution_id > 0),
    CONSTRAINT analytics_events_event_type_format CHECK (event_type ~ '^[a-z][a-z0-9_]{0,49}$')
) PARTITION BY RANGE (issued_at);

CREATE INDEX idx_analytics_events_time ON analytics_events (institution_id, issued_at DESC);

COMMENT ON COLUMN analytics_events.issued_at IS 'When the event happened (occurred_at in the API); the partition key.';
COMMENT ON COLUMN analytics_events.created_at IS 'When the event was stored.';

-- Ids go on from the previous table's.
SELECT setval('analytics_events_id_seq', GREATEST(last_value, 1), is_called AND last_value > 0)
FROM analytics_events_unpartitioned_id_seq;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        -- Citus's columnar access method, for partitions older than retention.columnarAfter.
        CREATE EXTENSION IF NOT EXISTS citus_columnar;
        PERFORM create_distributed_table('analytics_events', 'institution_id', colocate_with => 'hourly_event_counts');
    END IF;
END
$$;

-- Partitions for the days the previous table has events on, and for today and tomorrow.
SELECT analytics_create_partitions(ARRAY(
    SELECT DISTINCT (issued_at AT TIME ZONE 'UTC')::date FROM analytics_events_unpartitioned
    UNION
    SELECT (now() AT TIME ZONE 'UTC')::date + i FROM generate_series(0, 1) AS i));
