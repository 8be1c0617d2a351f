-- Raw credential events: the source of truth every rollup is derived from.
--
-- Runs unchanged on plain PostgreSQL and on a Citus coordinator. On Citus the table is
-- distributed by institution_id, so every unique constraint includes institution_id.
-- Table, indexes and distribution live together in this one migration: Citus copies
-- the indexes to every shard when it distributes the (still empty) table.

CREATE TABLE analytics_events (
    id             BIGSERIAL    NOT NULL,
    event_id       VARCHAR(128),
    event_type     VARCHAR(50)  NOT NULL,
    institution_id BIGINT       NOT NULL,
    issued_at      TIMESTAMPTZ  NOT NULL,
    metadata       JSONB,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT analytics_events_pkey PRIMARY KEY (institution_id, id),
    -- Deduplication key. Events without a client event_id (NULL) are never deduplicated.
    CONSTRAINT analytics_events_event_id_key UNIQUE (institution_id, event_id),
    CONSTRAINT analytics_events_institution_positive CHECK (institution_id > 0),
    CONSTRAINT analytics_events_event_type_format CHECK (event_type ~ '^[a-z][a-z0-9_]{0,49}$')
);

CREATE INDEX idx_analytics_events_time ON analytics_events (institution_id, issued_at DESC);

COMMENT ON COLUMN analytics_events.issued_at IS 'When the event happened (occurred_at in the API).';
COMMENT ON COLUMN analytics_events.created_at IS 'When the event was stored.';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_distributed_table('analytics_events', 'institution_id');
    END IF;
END
$$;
