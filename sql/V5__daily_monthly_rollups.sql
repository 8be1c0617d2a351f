-- Daily and monthly (UTC) twins of the hourly rollups. A year of a busy institution is 8,760
-- hourly rows per dimension value but 365 daily ones, so dashboards whose periods fall on UTC
-- midnights (requests in UTC, the default) read the daily tables; other time zones need the
-- hourly ones. Platform views cover a range with whole UTC months plus the days at its edges,
-- so a year across every institution reads ~12 rows per institution and dimension value, not 365.
-- Same columns and merge rules; the bucket is the UTC day's or month's start, as timestamptz.

CREATE FUNCTION analytics_day(ts TIMESTAMPTZ) RETURNS TIMESTAMPTZ
LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
    SELECT date_trunc('day', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
$$;

CREATE FUNCTION analytics_month(ts TIMESTAMPTZ) RETURNS TIMESTAMPTZ
LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
    SELECT date_trunc('month', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
$$;

-- One definition per table shape, created for each grain (as RollupGrain fills in <grain>_ and
-- <bucket> for the rollup statements).
DO $$
DECLARE
    sketch TEXT := CASE WHEN EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'hll') THEN 'hll' ELSE 'bytea' END;
    grain  RECORD;
BEGIN
    FOR grain IN SELECT * FROM (VALUES ('daily', 'day'), ('monthly', 'month')) AS g (prefix, bucket) LOOP
        EXECUTE format($t$
            CREATE TABLE %1$I (
                institution_id         BIGINT      NOT NULL,
                %2$I                   TIMESTAMPTZ NOT NULL,
                event_type             VARCHAR(50) NOT NULL,
                events                 BIGINT      NOT NULL,
                processing_time_ms_sum NUMERIC     NOT NULL DEFAULT 0,
                processing_time_count  BIGINT      NOT NULL DEFAULT 0,
                actors                 %3$s,
                PRIMARY KEY (institution_id, %2$I, event_type)
            )$t$, grain.prefix || '_event_counts', grain.bucket, sketch);

        EXECUTE format($t$
            CREATE TABLE %1$I (
                institution_id     BIGINT      NOT NULL,
                %2$I               TIMESTAMPTZ NOT NULL,
                location           TEXT        NOT NULL,
                credentials_issued BIGINT      NOT NULL,
                recipients         %3$s,
                PRIMARY KEY (institution_id, %2$I, location)
            )$t$, grain.prefix || '_geo', grain.bucket, sketch);
    END LOOP;
END
$$;

CREATE TABLE daily_credential_types (
    institution_id     BIGINT      NOT NULL,
    day                TIMESTAMPTZ NOT NULL,
    credential_type    TEXT        NOT NULL,
    credentials_issued BIGINT      NOT NULL,
    PRIMARY KEY (institution_id, day, credential_type)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_distributed_table('daily_event_counts', 'institution_id', colocate_with => 'analytics_events');
        PERFORM create_distributed_table('daily_geo', 'institution_id', colocate_with => 'analytics_events');
        PERFORM create_distributed_table('daily_credential_types', 'institution_id', colocate_with => 'analytics_events');
        PERFORM create_distributed_table('monthly_event_counts', 'institution_id', colocate_with => 'analytics_events');
        PERFORM create_distributed_table('monthly_geo', 'institution_id', colocate_with => 'analytics_events');
    END IF;
END
$$;
