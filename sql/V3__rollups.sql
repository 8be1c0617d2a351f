-- Pre-aggregated rollups, kept current incrementally by the rollup job.
--
-- Rules that keep them correct (see CITUS.md):
--  * every table is keyed and distributed by institution_id, co-located with analytics_events,
--    so the job's INSERT ... SELECT ... GROUP BY institution_id runs on each worker;
--  * only sums and counts (and mergeable HLL sketches) are stored, never averages, so that
--    ON CONFLICT merges a new delta into an existing row: count = count + EXCLUDED.count;
--  * time buckets are UTC hours, so any whole-hour-offset time zone can be answered exactly.
--
-- The sketch columns are of type hll when the extension is installed (V2), and otherwise bytea
-- and left NULL: the service then answers unique counts exactly from the raw events.

-- Progress of the incremental job: every event with id <= last_id is in the rollups. Updated in
-- the same transaction as the rollups it describes. The job creates its row on first use.
CREATE TABLE rollup_progress (
    name        TEXT        PRIMARY KEY,
    last_id     BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- How raw events map onto rollup dimensions: defined once, used by the rollup job and by the
-- queries that add the not-yet-rolled-up tail. Defensive, because metadata is free-form JSON:
-- a wrong type or an oversized value must never make a rollup step fail.
CREATE FUNCTION analytics_hour(ts TIMESTAMPTZ) RETURNS TIMESTAMPTZ
LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
    SELECT date_trunc('hour', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
$$;

CREATE FUNCTION analytics_processing_time_ms(metadata JSONB) RETURNS NUMERIC
LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN jsonb_typeof(metadata -> 'processing_time_ms') = 'number'
                 AND (metadata ->> 'processing_time_ms')::numeric >= 0
                THEN (metadata ->> 'processing_time_ms')::numeric END
$$;

CREATE FUNCTION analytics_location(metadata JSONB) RETURNS TEXT
LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(NULLIF(left(metadata ->> 'recipient_location', 100), ''), 'unknown')
$$;

CREATE FUNCTION analytics_credential_type(metadata JSONB) RETURNS TEXT
LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(NULLIF(left(metadata ->> 'credential_type', 200), ''), 'unknown')
$$;

-- Who a unique count is about: the recipient of an issued credential, the viewer of a view.
CREATE FUNCTION analytics_actor(event_type TEXT, metadata JSONB) RETURNS TEXT
LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE event_type WHEN 'credential_issued' THEN metadata ->> 'recipient_id'
                           WHEN 'credential_viewed' THEN metadata ->> 'viewer_id' END
$$;

CREATE FUNCTION analytics_avg_interval(total_ms NUMERIC, n BIGINT) RETURNS INTERVAL
LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN n > 0 THEN make_interval(secs => (total_ms / n / 1000)::double precision) END
$$;

-- Merges {"type": n} count maps, and picks the top N of one as [{"credential_type", "credentials_issued"}].
CREATE FUNCTION analytics_merge_counts(a JSONB, b JSONB) RETURNS JSONB
LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(jsonb_object_agg(key, total), '{}'::jsonb)
    FROM (SELECT key, sum(value::numeric) AS total
          FROM (SELECT * FROM jsonb_each_text(COALESCE(a, '{}'::jsonb))
                UNION ALL
                SELECT * FROM jsonb_each_text(COALESCE(b, '{}'::jsonb))) AS entries
          GROUP BY key) AS merged
$$;

CREATE FUNCTION analytics_top_counts(counts JSONB, n INTEGER) RETURNS JSONB
LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(jsonb_agg(jsonb_build_object('credential_type', key, 'credentials_issued', total)
                              ORDER BY total DESC, key), '[]'::jsonb)
    FROM (SELECT key, value::numeric AS total FROM jsonb_each_text(COALESCE(counts, '{}'::jsonb))
          ORDER BY value::numeric DESC, key LIMIT n) AS top
$$;

DO $$
DECLARE
    sketch TEXT := CASE WHEN EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'hll') THEN 'hll' ELSE 'bytea' END;
BEGIN
    -- Per hour and event type. actors: recipients of credential_issued, viewers of credential_viewed.
    EXECUTE format($t$
        CREATE TABLE hourly_event_counts (
            institution_id         BIGINT      NOT NULL,
            hour                   TIMESTAMPTZ NOT NULL,
            event_type             VARCHAR(50) NOT NULL,
            events                 BIGINT      NOT NULL,
            processing_time_ms_sum NUMERIC     NOT NULL DEFAULT 0,
            processing_time_count  BIGINT      NOT NULL DEFAULT 0,
            actors                 %s,
            PRIMARY KEY (institution_id, hour, event_type)
        )$t$, sketch);

    -- Per hour and recipient location, credential_issued only.
    EXECUTE format($t$
        CREATE TABLE hourly_geo (
            institution_id     BIGINT      NOT NULL,
            hour               TIMESTAMPTZ NOT NULL,
            location           TEXT        NOT NULL,
            credentials_issued BIGINT      NOT NULL,
            recipients         %s,
            PRIMARY KEY (institution_id, hour, location)
        )$t$, sketch);

    -- The original design's daily table (UTC days), with the sums, counts and sketch it derives
    -- from, plus views, shares and all events: the platform leaderboard reads it.
    -- unique_recipients stays NULL without hll (the API then counts exactly from raw events).
    EXECUTE format($t$
        CREATE TABLE daily_analytics_rollups (
            institution_id         BIGINT   NOT NULL,
            date                   DATE     NOT NULL,
            credentials_issued     INTEGER  NOT NULL,
            unique_recipients      INTEGER,
            views                  INTEGER  NOT NULL DEFAULT 0,
            shares                 INTEGER  NOT NULL DEFAULT 0,
            events                 INTEGER  NOT NULL DEFAULT 0,
            avg_processing_time    INTERVAL,
            top_credential_types   JSONB    NOT NULL DEFAULT '[]',
            processing_time_ms_sum NUMERIC  NOT NULL DEFAULT 0,
            processing_time_count  BIGINT   NOT NULL DEFAULT 0,
            credential_type_counts JSONB    NOT NULL DEFAULT '{}',
            recipients             %s,
            PRIMARY KEY (institution_id, date)
        )$t$, sketch);
END
$$;

-- Per hour and credential type, credential_issued only.
CREATE TABLE hourly_credential_types (
    institution_id     BIGINT      NOT NULL,
    hour               TIMESTAMPTZ NOT NULL,
    credential_type    TEXT        NOT NULL,
    credentials_issued BIGINT      NOT NULL,
    PRIMARY KEY (institution_id, hour, credential_type)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_reference_table('rollup_progress');
        PERFORM create_distributed_table('hourly_event_counts', 'institution_id', colocate_with => 'analytics_events');
        PERFORM create_distributed_table('hourly_geo', 'institution_id', colocate_with => 'analytics_events');
        PERFORM create_distributed_table('hourly_credential_types', 'institution_id', colocate_with => 'analytics_events');
        PERFORM create_distributed_table('daily_analytics_rollups', 'institution_id', colocate_with => 'analytics_events');
    END IF;
END
$$;
