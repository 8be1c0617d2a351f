-- Exact local days in every time zone, and one rollup path:
--  * a 15-minute grain below the hourly one. Every zone's offset is a whole number of quarter
--    hours (India +5:30, Nepal +5:45, Newfoundland -3:30...), so a local midnight that falls
--    inside a UTC hour is a quarter-hour boundary: queries read those few hours from the
--    quarter-hour rollups and everything else from the hourly, daily and monthly ones;
--  * sketch columns are hll everywhere (databases set up without hll had bytea);
--  * the staging tables take quarter-hour buckets;
--  * daily_analytics_rollups, the original design's table, is dropped here and comes back in V15
--    as a view over the daily rollups, so no rollup step maintains it any more.
-- The rollups are emptied, and the job rebuilds every grain from the raw events (its progress
-- goes back to 0): the quarter-hour grain can't be derived from the hourly one. Until it has
-- caught up, queries count the events it has not reached from the raw table, so answers stay exact.
CREATE FUNCTION analytics_quarter_hour(ts TIMESTAMPTZ) RETURNS TIMESTAMPTZ
LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
    SELECT date_bin('15 minutes', ts, TIMESTAMPTZ '2000-01-01 00:00:00+00')
$$;

DROP TABLE daily_analytics_rollups;
DROP TABLE rollup_staged_event_counts, rollup_staged_geo, rollup_staged_credential_types;

CREATE TABLE quarter_hourly_event_counts (
    institution_id         BIGINT           NOT NULL,
    quarter_hour           TIMESTAMPTZ      NOT NULL,
    event_type             VARCHAR(50)      NOT NULL,
    events                 BIGINT           NOT NULL,
    processing_time_ms_sum NUMERIC          NOT NULL DEFAULT 0,
    processing_time_count  BIGINT           NOT NULL DEFAULT 0,
    actors                 hll,
    actors_estimate        DOUBLE PRECISION,
    PRIMARY KEY (institution_id, quarter_hour, event_type)
);

CREATE TABLE quarter_hourly_geo (
    institution_id     BIGINT      NOT NULL,
    quarter_hour       TIMESTAMPTZ NOT NULL,
    location           TEXT        NOT NULL,
    credentials_issued BIGINT      NOT NULL,
    recipients         hll,
    PRIMARY KEY (institution_id, quarter_hour, location)
);

CREATE TABLE quarter_hourly_credential_types (
    institution_id     BIGINT      NOT NULL,
    quarter_hour       TIMESTAMPTZ NOT NULL,
    credential_type    TEXT        NOT NULL,
    credentials_issued BIGINT      NOT NULL,
    PRIMARY KEY (institution_id, quarter_hour, credential_type)
);

-- Rows live only inside a rollup step's or a recompute's transaction, which empties the tables
-- before it commits. REPLICA IDENTITY FULL: see V12.
CREATE TABLE rollup_staged_event_counts (
    institution_id         BIGINT      NOT NULL,
    quarter_hour           TIMESTAMPTZ NOT NULL,
    event_type             VARCHAR(50) NOT NULL,
    events                 BIGINT      NOT NULL,
    processing_time_ms_sum NUMERIC     NOT NULL,
    processing_time_count  BIGINT      NOT NULL,
    actors                 hll         NOT NULL
);
ALTER TABLE rollup_staged_event_counts REPLICA IDENTITY FULL;

CREATE TABLE rollup_staged_geo (
    institution_id     BIGINT      NOT NULL,
    quarter_hour       TIMESTAMPTZ NOT NULL,
    location           TEXT        NOT NULL,
    credentials_issued BIGINT      NOT NULL,
    recipients         hll         NOT NULL
);
ALTER TABLE rollup_staged_geo REPLICA IDENTITY FULL;

CREATE TABLE rollup_staged_credential_types (
    institution_id     BIGINT      NOT NULL,
    quarter_hour       TIMESTAMPTZ NOT NULL,
    credential_type    TEXT        NOT NULL,
    credentials_issued BIGINT      NOT NULL
);
ALTER TABLE rollup_staged_credential_types REPLICA IDENTITY FULL;

-- Databases set up without hll: their sketch columns become hll (the rollups are rebuilt below).
DO $$
DECLARE
    col RECORD;
BEGIN
    FOR col IN SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
               WHERE c.relname IN ('hourly_event_counts', 'daily_event_counts', 'monthly_event_counts',
                                   'hourly_geo', 'daily_geo', 'monthly_geo')
                 AND a.attname IN ('actors', 'recipients') AND a.atttypid = 'bytea'::regtype LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE hll USING NULL', col.relname, col.attname);
    END LOOP;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_distributed_table('quarter_hourly_event_counts', 'institution_id', colocate_with => 'hourly_event_counts');
        PERFORM create_distributed_table('quarter_hourly_geo', 'institution_id', colocate_with => 'hourly_event_counts');
        PERFORM create_distributed_table('quarter_hourly_credential_types', 'institution_id', colocate_with => 'hourly_event_counts');
        PERFORM create_distributed_table('rollup_staged_event_counts', 'institution_id', colocate_with => 'hourly_event_counts');
        PERFORM create_distributed_table('rollup_staged_geo', 'institution_id', colocate_with => 'hourly_event_counts');
        PERFORM create_distributed_table('rollup_staged_credential_types', 'institution_id', colocate_with => 'hourly_event_counts');
    END IF;
END
$$;
