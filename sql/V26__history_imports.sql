-- History imports (POST /v1/imports): an institution's past, of any age, straight into the rollups.
--
-- Every rollup row now says whose contribution it holds: import_id 0 for events that arrived
-- live (the rollup job's), or the import that brought them. Deleting an import deletes its rows
-- (and its raw events and keys) and nothing else, so the dashboards go back exactly to what they
-- were, sketches of unique recipients included: an hll sketch cannot be subtracted from, but a
-- row of its own can be dropped. Queries already add up every row of a bucket (sums, and unions
-- of the sketches), so a bucket with live and imported rows reads as one.
--
-- Raw events keep import_id too. Those of an import that fall inside raw retention are stored as
-- raw, so that a live copy of the same event is a duplicate whichever came first, but they are in
-- the rollups already: the rollup job, the queries' raw tail and recompute read import_id = 0 only.
-- import_event_keys remembers every imported (institution_id, event_id, occurred_at), also after
-- the raw events expire, so that a second import of the same events counts them once.
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';

ALTER TABLE analytics_events ADD COLUMN import_id BIGINT NOT NULL DEFAULT 0;
CREATE INDEX analytics_events_import ON analytics_events (import_id) WHERE import_id <> 0;
COMMENT ON COLUMN analytics_events.import_id IS 'The import that brought the event (imports.id), or 0 for live ingest.';

DO $$
DECLARE
    rollup RECORD;
BEGIN
    FOR rollup IN SELECT * FROM (VALUES
            ('quarter_hourly_event_counts', 'quarter_hour, event_type'),
            ('quarter_hourly_geo', 'quarter_hour, location'),
            ('quarter_hourly_credential_types', 'quarter_hour, credential_type'),
            ('hourly_event_counts', 'hour, event_type'),
            ('hourly_geo', 'hour, location'),
            ('hourly_credential_types', 'hour, credential_type'),
            ('daily_event_counts', 'day, event_type'),
            ('daily_geo', 'day, location'),
            ('daily_credential_types', 'day, credential_type'),
            ('monthly_event_counts', 'month, event_type'),
            ('monthly_geo', 'month, location'),
            ('monthly_credential_types', 'month, credential_type'),
            ('local_daily_event_counts', 'zone, day, event_type')) AS r (name, key) LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN import_id BIGINT NOT NULL DEFAULT 0', rollup.name);
        -- two statements: Citus takes ADD CONSTRAINT only on its own
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', rollup.name, rollup.name || '_pkey');
        EXECUTE format('ALTER TABLE %1$I ADD CONSTRAINT %2$I PRIMARY KEY (institution_id, %3$s, import_id)',
                       rollup.name, rollup.name || '_pkey', rollup.key);
        -- only imported rows are indexed: a delete finds its rows without reading the live ones
        EXECUTE format('CREATE INDEX %I ON %I (import_id, institution_id) WHERE import_id <> 0',
                       rollup.name || '_import', rollup.name);
    END LOOP;
END
$$;

-- A UTC day by day reads one daily row per event type unless an import added one: those days are
-- found here without reading the year's rows twice (query/QueryDao/activityByUtcDay.sql).
CREATE INDEX daily_event_counts_imported_days ON daily_event_counts (institution_id, day) WHERE import_id <> 0;

ALTER TABLE rollup_staged_event_counts ADD COLUMN import_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rollup_staged_geo ADD COLUMN import_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rollup_staged_credential_types ADD COLUMN import_id BIGINT NOT NULL DEFAULT 0;

ALTER TABLE api_keys DROP CONSTRAINT api_keys_scopes;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes CHECK (scopes <@ ARRAY['ingest', 'read', 'import']::TEXT[]);

-- One row per import. institution_id: the one institution an institution key imports for; null
-- for an admin key's import, which may hold any institution's events.
CREATE TABLE imports (
    id             BIGSERIAL   PRIMARY KEY,
    institution_id BIGINT,
    created_by     BIGINT, -- the key that started it; null: the import command
    state          TEXT        NOT NULL DEFAULT 'running',
    error          TEXT,
    parts          INTEGER     NOT NULL DEFAULT 0,
    parts_done     INTEGER     NOT NULL DEFAULT 0,
    events_read    BIGINT      NOT NULL DEFAULT 0,
    events_queued  BIGINT      NOT NULL DEFAULT 0,
    imported       BIGINT      NOT NULL DEFAULT 0,
    duplicates     BIGINT      NOT NULL DEFAULT 0,
    rejected       BIGINT      NOT NULL DEFAULT 0,
    rejections     JSONB       NOT NULL DEFAULT '[]',
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at    TIMESTAMPTZ,
    CONSTRAINT imports_state CHECK (state IN ('running', 'done', 'failed', 'deleted'))
);
COMMENT ON COLUMN imports.events_queued IS 'Valid events accepted in parts; imported + duplicates of them are applied.';

CREATE TABLE import_event_keys (
    institution_id BIGINT       NOT NULL,
    event_id       VARCHAR(128) NOT NULL,
    issued_at      TIMESTAMPTZ  NOT NULL,
    import_id      BIGINT       NOT NULL,
    chunk          BIGINT       NOT NULL, -- the import_chunks value of the transaction that stored it
    PRIMARY KEY (institution_id, event_id, issued_at)
);
CREATE INDEX import_event_keys_import ON import_event_keys (import_id, institution_id);

-- Each chunk of an import is applied in one transaction, which numbers it from here.
CREATE SEQUENCE import_chunks;

-- A chunk's events, only inside its transaction, which empties the table before it commits
-- (as the rollup staging tables). REPLICA IDENTITY FULL: see V12.
CREATE TABLE import_staged_events (
    event_id       VARCHAR(128),
    event_type     VARCHAR(50)  NOT NULL,
    institution_id BIGINT       NOT NULL,
    issued_at      TIMESTAMPTZ  NOT NULL,
    metadata       JSONB
);
ALTER TABLE import_staged_events REPLICA IDENTITY FULL;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_reference_table('imports');
        PERFORM create_distributed_table('import_event_keys', 'institution_id', colocate_with => 'hourly_event_counts');
        PERFORM create_distributed_table('import_staged_events', 'institution_id', colocate_with => 'hourly_event_counts');
    END IF;
END
$$;
