-- Staging for the rollup job. A step aggregates its new events once, into hourly deltas here, and
-- merges every rollup (hourly, daily, monthly and daily_analytics_rollups) from those few rows,
-- instead of reading the raw events once per grain: metadata is parsed and recipients hashed once
-- per event, not once per table. Rows exist only inside a step's transaction, which empties the
-- tables before it commits, so a crash mid-step leaves nothing behind.
--
-- Also monthly credential types, so that single-institution dashboards over long UTC ranges read
-- whole months plus the days at the edges, as platform views already do.
--
-- Co-located with analytics_events on Citus, so that filling and reading the staging tables are
-- INSERT ... SELECT ... GROUP BY institution_id statements that run on each worker.
DO $$
DECLARE
    sketch TEXT := CASE WHEN EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'hll') THEN 'hll' ELSE 'bytea' END;
BEGIN
    EXECUTE format($t$
        CREATE TABLE rollup_staged_event_counts (
            institution_id         BIGINT      NOT NULL,
            hour                   TIMESTAMPTZ NOT NULL,
            event_type             VARCHAR(50) NOT NULL,
            events                 BIGINT      NOT NULL,
            processing_time_ms_sum NUMERIC     NOT NULL,
            processing_time_count  BIGINT      NOT NULL,
            actors                 %s
        )$t$, sketch);

    EXECUTE format($t$
        CREATE TABLE rollup_staged_geo (
            institution_id     BIGINT      NOT NULL,
            hour               TIMESTAMPTZ NOT NULL,
            location           TEXT        NOT NULL,
            credentials_issued BIGINT      NOT NULL,
            recipients         %s
        )$t$, sketch);
END
$$;

CREATE TABLE rollup_staged_credential_types (
    institution_id     BIGINT      NOT NULL,
    hour               TIMESTAMPTZ NOT NULL,
    credential_type    TEXT        NOT NULL,
    credentials_issued BIGINT      NOT NULL
);

CREATE TABLE monthly_credential_types (
    institution_id     BIGINT      NOT NULL,
    month              TIMESTAMPTZ NOT NULL,
    credential_type    TEXT        NOT NULL,
    credentials_issued BIGINT      NOT NULL,
    PRIMARY KEY (institution_id, month, credential_type)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        PERFORM create_distributed_table('rollup_staged_event_counts', 'institution_id', colocate_with => 'analytics_events');
        PERFORM create_distributed_table('rollup_staged_geo', 'institution_id', colocate_with => 'analytics_events');
        PERFORM create_distributed_table('rollup_staged_credential_types', 'institution_id', colocate_with => 'analytics_events');
        PERFORM create_distributed_table('monthly_credential_types', 'institution_id', colocate_with => 'analytics_events');
    END IF;
END
$$;
